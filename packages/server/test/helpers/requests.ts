import { sql } from 'drizzle-orm';
import { audited, SYSTEM_AUDIT } from '../../src/db/audited.js';
import { type Db, queryRows } from '../../src/db/client.js';
import type { AuditAction } from '../../src/modules.js';
import { residents } from '../../src/requests/requests.tables.js';
import type { Api } from './api.js';
import { buildAccount } from './factories.js';

/**
 * The serving-residents module's test records (its API tests, probes and audit cases): residents with or without a
 * login, requests moved along the flow through the API, buildings, teams and resident units.
 */

let seq = 0;

/** A resident of `orgId` (a community); with a login unless `account: false`. Confirmed unless told otherwise. */
export async function buildResident(
  api: Api,
  orgId: number,
  options: { confirmed?: boolean; account?: boolean; buildingId?: number | null; name?: string } = {},
): Promise<{ id: number; accountId: number | null; username: string | null; cookie: string | null }> {
  const account = options.account === false ? null : await buildAccount(api.db, { orgId, role: 'resident' });
  const [row] = await audited(api.db, SYSTEM_AUDIT, 'test.build_resident' as AuditAction, (tx) =>
    tx
      .insert(residents)
      .values({
        orgId,
        name: options.name ?? `居民${++seq}`,
        phone: `1390${String(seq).padStart(7, '0')}`,
        buildingId: options.buildingId ?? null,
        accountId: account?.id ?? null,
        confirmedAt: options.confirmed === false ? null : sql`now()`,
      })
      .returning({ id: residents.id }),
  );
  return {
    id: (row as { id: number }).id,
    accountId: account?.id ?? null,
    username: account?.username ?? null,
    cookie: account ? await api.login(account.username) : null,
  };
}

/** Runs SQL as the system (the audit triggers want a context). */
export async function asSystem<T>(db: Db, work: Parameters<typeof audited<T>>[3]): Promise<T> {
  return audited(db, SYSTEM_AUDIT, 'test.build' as AuditAction, work);
}

export async function buildBuilding(db: Db, orgId: number, name = `${++seq}号楼`): Promise<number> {
  const [row] = await asSystem(db, (tx) =>
    queryRows<{ id: number }>(
      tx,
      sql`insert into buildings (org_id, name) values (${orgId}, ${name}) returning id::int as id`,
    ),
  );
  return (row as { id: number }).id;
}

export async function buildTeam(db: Db, orgId: number): Promise<number> {
  const [row] = await asSystem(db, (tx) =>
    queryRows<{ id: number }>(
      tx,
      sql`insert into volunteer_teams (org_id, name) values (${orgId}, ${`服务队${++seq}`}) returning id::int as id`,
    ),
  );
  return (row as { id: number }).id;
}

export async function buildUnit(db: Db, orgId: number, liaisonAccountId: number | null = null): Promise<number> {
  const [row] = await asSystem(db, (tx) =>
    queryRows<{ id: number }>(
      tx,
      sql`insert into resident_units (org_id, name, kind, relation, liaison_account_id)
          values (${orgId}, ${`驻区单位${++seq}`}, 'school', 'cooperate', ${liaisonAccountId}) returning id::int as id`,
    ),
  );
  return (row as { id: number }).id;
}

/**
 * A request of a fresh resident of `orgId`, entered by staff (`cookie`), moved to `to` through the API: 'submitted',
 * 'accepted', 'open' (a wish), 'dispatched' (to `memberId`), 'done'.
 */
export async function buildRequest(
  api: Api,
  cookie: string,
  orgId: number,
  to: 'submitted' | 'accepted' | 'open' | 'dispatched' | 'done' = 'submitted',
  options: { memberId?: number; residentId?: number; kind?: 'request' | 'wish'; buildingId?: number } = {},
): Promise<number> {
  const residentId = options.residentId ?? (await buildResident(api, orgId, { account: false })).id;
  const created = await api.post('/api/requests', cookie, {
    residentId,
    kind: options.kind ?? (to === 'open' ? 'wish' : 'request'),
    category: 'repair',
    text: `楼道灯坏了${++seq}号`,
    ...(options.buildingId && { buildingId: options.buildingId }),
  });
  if (created.statusCode !== 201) throw new Error(`request: ${created.statusCode} ${created.body}`);
  const id = (created.json() as { id: number }).id;
  const step = async (path: string, body?: object) => {
    const res = await api.post(`/api/requests/${id}/${path}`, cookie, body);
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
  };
  if (to === 'submitted') return id;
  await step('accept');
  if (to === 'open') await step('open');
  if (to === 'dispatched' || to === 'done') {
    if (!options.memberId) throw new Error('dispatch needs a member');
    await step('dispatch', { assigneeType: 'member', memberId: options.memberId });
  }
  if (to === 'done') await step('done', { note: '已修好' });
  return id;
}
