import { checkEstablishment, chinaToday, termEndsOn, termStatus } from '@gongjian/shared';
import type { Db } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { requireScopeRoot } from '../organizations/scope-root.js';
import { loadFacts, loadTerms } from './org-checks.repo.js';
import type { RuleQuery, RuleViolationItem, TermItem, TermQuery } from './org-checks.schema.js';

export async function listViolations(
  db: Db,
  actor: Actor,
  query: RuleQuery,
): Promise<{ items: RuleViolationItem[]; checkedOrgs: number }> {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const facts = await loadFacts(db, actor, root.path, query.within);
  const items = facts.flatMap((f) =>
    checkEstablishment({
      type: f.type,
      directFullMembers: f.direct_full,
      totalMembers: f.full_members + f.probationary_members,
      totalFullMembers: f.full_members,
      committeeMembers: f.committee_members,
      teamSize: f.team_size,
      hasSecretary: f.has_secretary,
      coveredUnits: f.covered_units,
    }).map((v) => ({ orgId: f.id, orgName: f.name, orgType: f.type, parentName: f.parent_name, ...v })),
  );
  return { items, checkedOrgs: facts.length };
}

/** Terms that end within the reminder window or are already over, soonest first. */
export async function listTerms(db: Db, actor: Actor, query: TermQuery): Promise<{ items: TermItem[] }> {
  const root = await requireScopeRoot(db, actor, query.orgId);
  const now = chinaToday();
  const items: TermItem[] = [];
  for (const t of await loadTerms(db, actor, root.path, now)) {
    const endsOn = termEndsOn(t.type, t.term_started_on);
    if (!endsOn) continue;
    const status = termStatus(endsOn, now);
    if (status === 'current' || (query.status && query.status !== status)) continue;
    items.push({
      orgId: t.id,
      orgName: t.name,
      orgType: t.type,
      parentName: t.parent_name,
      secretaryName: t.secretary_name,
      termStartedOn: t.term_started_on,
      termEndsOn: endsOn,
      status,
    });
  }
  items.sort((a, b) => a.termEndsOn.localeCompare(b.termEndsOn));
  return { items };
}
