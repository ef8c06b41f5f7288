import { addDays, chinaToday } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { audited, SYSTEM_AUDIT } from '../../src/db/audited.js';
import { type Db, queryRows } from '../../src/db/client.js';
import type { AuditAction } from '../../src/modules.js';

let counter = 0;

/** A resident unit registered with `orgId` (a community or street), with a liaison account when given. */
export async function buildUnit(db: Db, orgId: number, liaisonAccountId: number | null = null, name?: string) {
  counter += 1;
  const unitName = name ?? `共建测试单位${counter}_${Date.now() % 10_000}`;
  const [row] = await audited(db, SYSTEM_AUDIT, 'test.build_unit' as AuditAction, (tx) =>
    queryRows<{ id: number }>(
      tx,
      sql`insert into resident_units (org_id, name, kind, relation, liaison_account_id)
          values (${orgId}, ${unitName}, 'school', 'cooperate', ${liaisonAccountId}) returning id::int as id`,
    ),
  );
  return { id: (row as { id: number }).id, name: unitName };
}

/** A joint meeting body of `orgId` held `daysAgo` days ago (negative: in the future). */
export const meetingBody = (orgId: number, unitIds: number[], daysAgo = 1, over: object = {}) => ({
  orgId,
  title: '测试联席会议',
  heldOn: addDays(chinaToday(), -daysAgo),
  startTime: '00:00',
  place: '社区会议室',
  agenda: ['议题一'],
  unitIds,
  ...over,
});

/** A resident's request (群众诉求) to community `orgId`, made directly in the tables: a need may be made from it. */
export async function buildRequest(db: Db, orgId: number, text = '楼道灯坏了') {
  const [row] = await audited(db, SYSTEM_AUDIT, 'test.build_request' as AuditAction, async (tx) => {
    const [resident] = await queryRows<{ id: number }>(
      tx,
      sql`insert into residents (org_id, name) values (${orgId}, '测试居民') returning id::int as id`,
    );
    return queryRows<{ id: number }>(
      tx,
      sql`insert into service_requests (org_id, kind, resident_id, category, text, contact_pref, status)
          values (${orgId}, 'request', ${resident?.id}, 'repair', ${text}, 'phone', 'submitted')
          returning id::int as id`,
    );
  });
  return (row as { id: number }).id;
}

/** A collaboration zone (党建协作区) of `orgId`, made directly in the table. */
export async function buildZone(db: Db, orgId: number, name = `测试协作区${++counter}`) {
  const [row] = await audited(db, SYSTEM_AUDIT, 'test.build_zone' as AuditAction, (tx) =>
    queryRows<{ id: number }>(
      tx,
      sql`insert into collab_zones (org_id, name) values (${orgId}, ${name}) returning id::int as id`,
    ),
  );
  return (row as { id: number }).id;
}
