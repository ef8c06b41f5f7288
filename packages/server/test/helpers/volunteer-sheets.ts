import type { AuditAction } from '../../src/modules.js';
import { audited, SYSTEM_AUDIT } from '../../src/db/audited.js';
import type { Db } from '../../src/db/client.js';
import { inServiceRegistrations } from '../../src/db/schema.js';
import { buildMember } from './factories.js';

/** A new member of `memberOrgId` registered (双报到) with a community on a given day (the API registers today only). */
export async function registerForTest(
  db: Db,
  p: { memberOrgId: number; communityId: number; registeredOn: string; memberId?: number },
) {
  const member = p.memberId ? { id: p.memberId } : await buildMember(db, p.memberOrgId);
  const [row] = await audited(db, SYSTEM_AUDIT, 'test.register' as AuditAction, (tx) =>
    tx
      .insert(inServiceRegistrations)
      .values({ memberId: member.id, orgId: p.communityId, unitOrgId: p.memberOrgId, registeredOn: p.registeredOn })
      .returning({ id: inServiceRegistrations.id }),
  );
  return { memberId: member.id, registrationId: (row as { id: number }).id };
}
