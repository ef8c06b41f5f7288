import {
  chinaToday,
  MANAGEMENT_MODES,
  probationEndsOn,
  type OrgSector,
  type OrgType,
  type Role,
} from '@gongjian/shared';
import { audited } from '../db/audited.js';
import { hashPassword } from '../auth/passwords.js';
import type { Db, Tx } from '../db/client.js';
import { accounts, memberHistory, members, organizations } from '../db/schema.js';
import { nameKeys } from '../members/pinyin.js';
import { MODULES } from '../modules.js';
import { addMemberScenarios } from './member-scenarios.js';
import { SYSTEM_AUDIT } from '../db/audited.js';
import { seedOrgSystem } from './demo-org-system.js';
import { createRandom, type Random, randomCategory, randomIdNumber, randomName, randomPhone } from './random.js';

export const DEMO_PASSWORD = 'Demo@2026';

const MODES = MANAGEMENT_MODES;
const TAGS = ['书法', '医疗', '法律咨询', '家电维修', '文艺', '理发', '心理咨询', '教育辅导'];

export type DemoCitySize = {
  districts: number;
  streetsPerDistrict: number;
  communitiesPerStreet: number;
  branchesPerCommunity: number;
  membersPerBranch: number;
};

export const DEFAULT_DEMO_SIZE: DemoCitySize = {
  districts: 2,
  streetsPerDistrict: 2,
  communitiesPerStreet: 2,
  branchesPerCommunity: 3,
  membersPerBranch: 8,
};

export type DemoLogin = { username: string; role: Role; orgName: string };
export type DemoCity = { cityId: number; logins: DemoLogin[]; orgIds: Record<string, number> };

const DISTRICTS = ['东湖区', '北山区', '南川区', '西岭区', '江滨区', '桃源区'];
const STREETS = ['青石', '白沙', '松涛', '柳岸', '梧桐', '金桥', '望江', '杏花', '云台', '枫林', '石门', '翠屏'];
const COMMUNITIES = ['和平', '幸福', '光明', '团结', '阳光', '康宁', '朝阳', '长青', '锦绣', '福安', '春晖', '兴隆'];
const UNITS = ['市第一中学', '市人民医院', '市图书馆', '区税务局', '云岭供电公司', '市第三小学'];
const COMPANIES = ['云岭智造科技有限公司', '青禾物流有限公司', '锦程电子商务有限公司', '山海餐饮管理有限公司'];
const SOCIAL = ['爱心社工服务中心', '夕阳红志愿者协会', '邻里调解服务社'];

type OrgSpec = { name: string; type: OrgType; sector?: OrgSector; code?: string };

/**
 * A plausible fictional city (云岭市): districts, streets, communities (the first one a 社区大党委), branches
 * and groups, resident-unit and new-organisation party orgs, members with valid ID numbers, and one demo
 * account per role. Tests and benchmarks call it with other sizes.
 */
export async function seedDemoCity(db: Db, size: DemoCitySize = DEFAULT_DEMO_SIZE, seed = 2026): Promise<DemoCity> {
  const r = createRandom(seed);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return audited(db, SYSTEM_AUDIT, 'seed.demo_city', async (tx) => {
    const orgIds: Record<string, number> = {};
    const usedIds = new Set<string>();
    let code = 0;
    const addOrg = async (parentId: number | null, spec: OrgSpec, key?: string) => {
      code += 1;
      const [row] = await tx
        .insert(organizations)
        .values({
          parentId,
          name: spec.name,
          type: spec.type,
          sector: spec.sector ?? 'regional',
          code: spec.code ?? `YL${String(code).padStart(5, '0')}`,
          foundedOn: `${r.int(1985, 2020)}-${String(r.int(1, 12)).padStart(2, '0')}-01`,
        })
        .returning({ id: organizations.id });
      const id = (row as { id: number }).id;
      if (key) orgIds[key] = id;
      return id;
    };
    const addMembers = (orgId: number, count: number) => addRandomMembers(tx, r, usedIds, orgId, count);

    const cityId = await addOrg(null, { name: '中共云岭市委员会', type: 'city_committee' }, 'city');
    for (let d = 0; d < size.districts; d++) {
      const district = DISTRICTS[d % DISTRICTS.length] + (d >= DISTRICTS.length ? String(d) : '');
      const districtId = await addOrg(
        cityId,
        { name: `中共云岭市${district}委员会`, type: 'district_committee' },
        `district${d}`,
      );
      for (let s = 0; s < size.streetsPerDistrict; s++) {
        const n = d * size.streetsPerDistrict + s;
        const street = STREETS[n % STREETS.length] + (n >= STREETS.length ? String(n) : '');
        const streetId = await addOrg(
          districtId,
          { name: `${street}街道党工委`, type: 'street_committee' },
          `street${n}`,
        );
        for (let c = 0; c < size.communitiesPerStreet; c++) {
          const m = n * size.communitiesPerStreet + c;
          const community = COMMUNITIES[m % COMMUNITIES.length] + (m >= COMMUNITIES.length ? String(m) : '');
          const big = m === 0;
          const communityId = await addOrg(
            streetId,
            {
              name: `${community}社区${big ? '大党委' : '党委'}`,
              type: big ? 'big_community_committee' : 'community_committee',
            },
            `community${m}`,
          );
          for (let b = 0; b < size.branchesPerCommunity; b++) {
            const branchId = await addOrg(
              communityId,
              { name: `${community}社区第${'一二三四五六七八九十'[b % 10]}党支部`, type: 'branch' },
              `branch${m}_${b}`,
            );
            await addMembers(branchId, size.membersPerBranch);
            if (b === 0) {
              await addOrg(branchId, { name: `${community}社区第一党支部第一党小组`, type: 'group' });
              await addOrg(branchId, { name: `${community}社区第一党支部第二党小组`, type: 'group' });
            }
          }
          const retiredId = await addOrg(
            communityId,
            { name: `${community}社区离退休党支部`, type: 'retired_branch' },
            `retired${m}`,
          );
          await addMembers(retiredId, Math.ceil(size.membersPerBranch / 2));
          if (c === 0) {
            const unit = UNITS[n % UNITS.length] as string;
            const unitId = await addOrg(
              communityId,
              { name: `${unit}党总支`, type: 'general_branch', sector: 'resident_unit' },
              `unit${n}`,
            );
            await addMembers(unitId, size.membersPerBranch);
          }
        }
        const company = COMPANIES[n % COMPANIES.length] as string;
        const companyId = await addOrg(
          streetId,
          { name: `${company}党支部`, type: 'branch', sector: 'new_economic' },
          `company${n}`,
        );
        await addMembers(companyId, 3 + (n % 3));
        if (n % 2 === 0) {
          const social = SOCIAL[(n / 2) % SOCIAL.length] as string;
          await addOrg(
            streetId,
            { name: `${street}街道${social}联合党支部`, type: 'joint_branch', sector: 'new_social' },
            `joint${n}`,
          );
        }
      }
    }

    await seedOrgSystem(tx, r, chinaToday());

    const demoAccounts: { username: string; displayName: string; role: Role; orgKey: string }[] = [
      { username: 'admin', displayName: '系统管理员', role: 'sysadmin', orgKey: 'city' },
      { username: 'zuzhibu', displayName: '区委组织部', role: 'org_department', orgKey: 'district0' },
      { username: 'jiedao', displayName: '街道党工委书记', role: 'street_committee', orgKey: 'street0' },
      { username: 'jiedao2', displayName: '另一街道党工委书记', role: 'street_committee', orgKey: 'street1' },
      { username: 'shequ', displayName: '社区党委书记', role: 'community_committee', orgKey: 'community0' },
      { username: 'zhibu', displayName: '支部书记', role: 'branch_secretary', orgKey: 'branch0_0' },
      { username: 'lianluoyuan', displayName: '驻区单位联络员', role: 'unit_liaison', orgKey: 'unit0' },
      { username: 'dangyuan', displayName: '党员', role: 'member', orgKey: 'branch0_0' },
      // A resident of community0 (服务群众): the serving-residents module's demo hook gives her a profile.
      { username: 'jumin', displayName: '居民 王秀兰', role: 'resident', orgKey: 'community0' },
    ];
    const logins: DemoLogin[] = [];
    const accountIds: Record<string, number> = {};
    for (const a of demoAccounts) {
      const orgId = orgIds[a.orgKey];
      if (orgId === undefined) continue; // a tiny city may lack the second street
      // Demo accounts are exempt from the forced first-login password change.
      const [row] = await tx
        .insert(accounts)
        .values({ ...a, orgId, passwordHash, mustChangePassword: false })
        .returning({ id: accounts.id });
      if (row) accountIds[a.username] = row.id;
      logins.push({ username: a.username, role: a.role, orgName: await orgName(tx, orgId) });
    }
    await addMemberScenarios(tx, orgIds, size.communitiesPerStreet);
    const city = {
      orgIds,
      accountIds,
      today: chinaToday(),
      communitiesPerStreet: size.communitiesPerStreet,
      random: r,
    };
    for (const module of MODULES) await module.demo?.(tx, city);
    return { cityId, logins, orgIds };
  });
}

async function orgName(tx: Tx, id: number): Promise<string> {
  const rows = await tx.query.organizations.findFirst({ where: (o, { eq }) => eq(o.id, id), columns: { name: true } });
  return rows?.name ?? '';
}

async function addRandomMembers(tx: Tx, r: Random, usedIds: Set<string>, orgId: number, count: number): Promise<void> {
  if (count <= 0) return;
  const rows = [];
  for (let i = 0; i < count; i++) {
    const gender = r.next() < 0.55 ? 'male' : 'female';
    let idNumber = randomIdNumber(r, gender);
    while (usedIds.has(idNumber)) idNumber = randomIdNumber(r, gender);
    usedIds.add(idNumber);
    const birthYear = Number(idNumber.slice(6, 10));
    const joinYear = Math.min(2025, birthYear + r.int(19, 45));
    const name = randomName(r);
    const status = joinYear >= 2025 ? 'probationary' : 'full';
    const joinedOn = `${joinYear}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    rows.push({
      orgId,
      name,
      ...nameKeys(name),
      gender,
      idNumber,
      birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
      phone: randomPhone(r),
      status,
      category: randomCategory(r),
      managementMode: r.pick(MODES),
      joinedOn,
      fullMemberOn: status === 'full' ? probationEndsOn(joinedOn) : null,
      residence: `${r.int(1, 12)}号楼${r.int(1, 4)}单元`,
      tags: r.next() < 0.4 ? [r.pick(TAGS)] : [],
    });
  }
  const created = await tx.insert(members).values(rows).returning({ id: members.id, joinedOn: members.joinedOn });
  const name = await orgName(tx, orgId);
  await tx.insert(memberHistory).values(
    created.map((m) => ({
      memberId: m.id,
      orgId,
      orgName: name,
      fromOn: m.joinedOn ?? '2020-01-01',
      reason: '建档',
    })),
  );
}
