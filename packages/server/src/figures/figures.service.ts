import { coverageRates, MEMBER_CATEGORIES, type MemberCategory } from '@gongjian/shared';
import type { Queryable } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { notFound } from '../http/errors.js';
import { figureRows } from './figures.repo.js';
import type { Figures, OrgFigures } from './figures.schema.js';

/**
 * Turns one organisation's counters (metric → n) into its figures; a missing counter is 0. The member counts by
 * status come from the organisation's row (`status:full`, `status:probationary`), the rest from org_figures.
 */
export function toOrgFigures(org: OrgFigures['org'], counters: ReadonlyMap<string, number>): OrgFigures {
  const n = (metric: string) => counters.get(metric) ?? 0;
  const byCategory = Object.fromEntries(MEMBER_CATEGORIES.map((c) => [c, n(`category:${c}`)])) as Record<
    MemberCategory,
    number
  >;
  return {
    org,
    members: {
      total: n('status:full') + n('status:probationary'),
      full: n('status:full'),
      probationary: n('status:probationary'),
      female: n('gender:female'),
      byCategory,
    },
    newOrgs: {
      ...coverageRates({
        own_org: n('new_org:own_org'),
        joint_branch: n('new_org:joint_branch'),
        instructor: n('new_org:instructor'),
        blank: n('new_org:blank'),
      }),
      employees: n('new_org_employees'),
      partyMembers: n('new_org_party_members'),
    },
  };
}

/** Live figures of an organisation's subtree and of each child's (DOMAIN §9). */
export async function getFigures(db: Queryable, actor: Actor, id: number): Promise<Figures> {
  const rows = await figureRows(db, actor, id);
  if (rows[0]?.id !== id) throw notFound('组织');
  const orgs = new Map<number, { org: OrgFigures['org']; counters: Map<string, number> }>();
  for (const r of rows) {
    let entry = orgs.get(r.id);
    if (!entry) {
      const counters = new Map([
        ['status:full', r.full_members],
        ['status:probationary', r.probationary_members],
      ]);
      orgs.set(r.id, (entry = { org: { id: r.id, name: r.name, type: r.type }, counters }));
    }
    if (r.metric !== null) entry.counters.set(r.metric, r.n ?? 0);
  }
  const [root, ...children] = [...orgs.values()].map((o) => toOrgFigures(o.org, o.counters));
  return { ...(root as OrgFigures), children };
}
