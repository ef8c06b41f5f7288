import { sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';

/**
 * The members currently responsible (党员责任区) for the grid a building is in: a request from that building is
 * offered to them first. Empty when the building is in no grid or its grid has nobody responsible. The caller has
 * checked the building against its own scope.
 */
export async function gridMembersOfBuilding(
  q: Queryable,
  buildingId: number,
): Promise<{ member_id: number; name: string }[]> {
  return queryRows<{ member_id: number; name: string }>(
    q,
    sql`select gm.member_id::int as member_id, m.name
      from buildings b
      join grid_members gm on gm.grid_id = b.grid_id and gm.ended_on is null
      join members m on m.id = gm.member_id and m.left_on is null
      where b.id = ${buildingId}
      order by gm.started_on, gm.id`,
  );
}
