import { sql } from 'drizzle-orm';
import type { ResidentsPost, TeamPosition } from '@gongjian/shared';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { orgInScope } from '../http/scope.js';
import type { TeamPost } from './teams.schema.js';

type Scope = Pick<Actor, 'scopePath'>;
type Row = {
  id: number;
  org_id: number;
  member_id: number | null;
  person_name: string;
  position: TeamPosition;
  home_unit: string | null;
  residents_post: ResidentsPost | null;
  started_on: string;
  ended_on: string | null;
};

const toPost = (r: Row): TeamPost => ({
  id: r.id,
  orgId: r.org_id,
  memberId: r.member_id,
  personName: r.person_name,
  position: r.position,
  homeUnit: r.home_unit,
  residentsPost: r.residents_post,
  startedOn: r.started_on,
  endedOn: r.ended_on,
  oneShoulder: r.position === 'secretary' && r.residents_post === 'director',
});

const COLUMNS = sql`t.id::int as id, t.org_id::int as org_id, t.member_id::int as member_id, t.person_name, t.position,
  t.home_unit, t.residents_post, t.started_on::text as started_on, t.ended_on::text as ended_on`;

const POSITION_ORDER = sql`array_position(array['secretary','deputy_secretary','organization_member','publicity_member','discipline_member','member','part_time_member'], t.position)`;

export async function listTeamPosts(db: Queryable, scope: Scope, orgId: number): Promise<TeamPost[]> {
  const rows = await queryRows<Row>(
    db,
    sql`select ${COLUMNS} from team_posts t where t.org_id = ${orgId} and ${orgInScope(scope, sql`t.org_id`)}
        order by t.ended_on desc nulls first, ${POSITION_ORDER}, t.started_on, t.id`,
  );
  return rows.map(toPost);
}

export async function findTeamPost(
  db: Queryable,
  scope: Scope,
  id: number,
  lock = false,
): Promise<TeamPost | undefined> {
  const [row] = await queryRows<Row>(
    db,
    sql`select ${COLUMNS} from team_posts t where t.id = ${id} and ${orgInScope(scope, sql`t.org_id`)}
        ${lock ? sql`for update of t` : sql``}`,
  );
  return row && toPost(row);
}

export async function currentSecretary(db: Queryable, orgId: number): Promise<number | undefined> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`select id::int as id from team_posts where org_id = ${orgId} and position = 'secretary' and ended_on is null`,
  );
  return row?.id;
}
