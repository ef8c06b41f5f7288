import {
  type NewOrgKind,
  type OrgSector,
  type OrgType,
  type Role,
  type TeamPosition,
  usccCheckChar,
} from '@gongjian/shared';
import type { AuditAction } from '../../src/modules.js';
import { audited } from '../../src/db/audited.js';
import { hashPassword } from '../../src/auth/passwords.js';
import type { Db } from '../../src/db/client.js';
import { accounts, members, newOrganizations, organizations, teamPosts } from '../../src/db/schema.js';
import { SYSTEM_AUDIT } from '../../src/db/audited.js';
import { nameKeys } from '../../src/members/pinyin.js';
import { createRandom, randomIdNumber, randomName } from '../../src/seed/random.js';

export const PASSWORD = 'Test@2026pw';
let passwordHash: Promise<string> | undefined;
let counter = 0;
const random = createRandom(Date.now() % 100_000);

export async function buildOrg(
  db: Db,
  input: { parentId?: number | null; name?: string; type: OrgType; sector?: OrgSector; code?: string },
): Promise<{ id: number; name: string }> {
  counter += 1;
  const name = input.name ?? `测试组织${counter}`;
  const [row] = await audited(db, SYSTEM_AUDIT, 'test.build_org' as AuditAction, (tx) =>
    tx
      .insert(organizations)
      .values({
        parentId: input.parentId ?? null,
        name,
        type: input.type,
        sector: input.sector ?? 'regional',
        code: input.code,
      })
      .returning({ id: organizations.id }),
  );
  return { id: (row as { id: number }).id, name };
}

export async function buildAccount(
  db: Db,
  input: {
    orgId: number;
    role: Role;
    username?: string;
    password?: string;
    mustChangePassword?: boolean;
    memberId?: number;
  },
): Promise<{ id: number; username: string; password: string }> {
  counter += 1;
  const username = input.username ?? `user${counter}_${Date.now() % 100_000}`;
  const password = input.password ?? PASSWORD;
  const hash = input.password ? await hashPassword(input.password) : await (passwordHash ??= hashPassword(PASSWORD));
  const [row] = await audited(db, SYSTEM_AUDIT, 'test.build_account' as AuditAction, (tx) =>
    tx
      .insert(accounts)
      .values({
        username,
        displayName: username,
        passwordHash: hash,
        orgId: input.orgId,
        role: input.role,
        mustChangePassword: input.mustChangePassword ?? false,
        memberId: input.memberId ?? null,
      })
      .returning({ id: accounts.id }),
  );
  return { id: (row as { id: number }).id, username, password };
}

export async function buildMember(db: Db, orgId: number): Promise<{ id: number; idNumber: string; name: string }> {
  const idNumber = randomIdNumber(random, 'female');
  const name = randomName(random);
  const [row] = await audited(db, SYSTEM_AUDIT, 'test.build_member' as AuditAction, (tx) =>
    tx
      .insert(members)
      .values({
        orgId,
        name,
        ...nameKeys(name),
        gender: 'female',
        idNumber,
        phone: '13800138000',
        status: 'full',
        category: 'resident',
      })
      .returning({ id: members.id }),
  );
  return { id: (row as { id: number }).id, idNumber, name };
}

/** A small city of its own: city → district → two streets, each with a community and a branch; one account per level. */
export async function buildCity(db: Db) {
  const city = await buildOrg(db, { type: 'city_committee', name: '测试市委' });
  const district = await buildOrg(db, { parentId: city.id, type: 'district_committee', name: '测试区委' });
  const streetA = await buildOrg(db, { parentId: district.id, type: 'street_committee', name: '甲街道党工委' });
  const streetB = await buildOrg(db, { parentId: district.id, type: 'street_committee', name: '乙街道党工委' });
  const communityA = await buildOrg(db, { parentId: streetA.id, type: 'community_committee', name: '甲社区党委' });
  const communityB = await buildOrg(db, { parentId: streetB.id, type: 'community_committee', name: '乙社区党委' });
  const branchA = await buildOrg(db, { parentId: communityA.id, type: 'branch', name: '甲社区第一党支部' });
  const branchB = await buildOrg(db, { parentId: communityB.id, type: 'branch', name: '乙社区第一党支部' });
  const admin = await buildAccount(db, { orgId: city.id, role: 'sysadmin' });
  const streetAUser = await buildAccount(db, { orgId: streetA.id, role: 'street_committee' });
  const streetBUser = await buildAccount(db, { orgId: streetB.id, role: 'street_committee' });
  const branchAUser = await buildAccount(db, { orgId: branchA.id, role: 'branch_secretary' });
  return {
    city,
    district,
    streetA,
    streetB,
    communityA,
    communityB,
    branchA,
    branchB,
    admin,
    streetAUser,
    streetBUser,
    branchAUser,
  };
}

/** A valid 统一社会信用代码, different for every call. */
export function nextUscc(): string {
  counter += 1;
  const first17 = `913501${String(Date.now() % 100).padStart(2, '0')}${String(counter).padStart(9, '0')}`.slice(0, 17);
  return first17 + usccCheckChar(first17);
}

export async function buildNewOrg(
  db: Db,
  input: {
    orgId: number;
    name?: string;
    kind?: NewOrgKind;
    industry?: string;
    partyMembers?: number;
    ownOrgId?: number;
    jointBranchId?: number;
    instructorName?: string;
  },
): Promise<{ id: number; name: string; uscc: string }> {
  counter += 1;
  const name = input.name ?? `测试企业${counter}有限公司`;
  const uscc = nextUscc();
  const [row] = await audited(db, SYSTEM_AUDIT, 'test.build_new_org' as AuditAction, (tx) =>
    tx
      .insert(newOrganizations)
      .values({
        orgId: input.orgId,
        name,
        uscc,
        kind: input.kind ?? 'enterprise',
        industry: input.industry ?? '餐饮',
        employees: 20,
        partyMembers: input.partyMembers ?? 0,
        ownOrgId: input.ownOrgId ?? null,
        jointBranchId: input.jointBranchId ?? null,
        instructorName: input.instructorName ?? null,
      })
      .returning({ id: newOrganizations.id }),
  );
  return { id: (row as { id: number }).id, name, uscc };
}

export async function buildTeamPost(
  db: Db,
  input: { orgId: number; position: TeamPosition; personName?: string; homeUnit?: string; residentsPost?: string },
): Promise<{ id: number }> {
  const [row] = await audited(db, SYSTEM_AUDIT, 'test.build_team_post' as AuditAction, (tx) =>
    tx
      .insert(teamPosts)
      .values({
        orgId: input.orgId,
        personName: input.personName ?? randomName(random),
        position: input.position,
        homeUnit: input.homeUnit ?? null,
        residentsPost: input.residentsPost ?? null,
        startedOn: '2023-01-01',
      })
      .returning({ id: teamPosts.id }),
  );
  return { id: (row as { id: number }).id };
}
