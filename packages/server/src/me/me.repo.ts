import { sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';

export type OwnMemberRow = {
  id: number;
  name: string;
  gender: 'male' | 'female';
  id_number: string;
  phone: string | null;
  status: 'full' | 'probationary';
  category: string;
  joined_on: string | null;
  full_member_on: string | null;
  employer: string | null;
  residence: string | null;
  tags: string[];
  updated_at: string;
  org_id: number;
  org_name: string;
  parent_id: number | null;
  parent_name: string | null;
};

/**
 * The member an account acts for, with their branch and the organisation above it; none once they left the
 * platform. Named by the account's own link only (`lock`: for the update's transaction).
 */
export async function selectOwnMember(
  db: Queryable,
  memberId: number,
  lock = false,
): Promise<OwnMemberRow | undefined> {
  const [row] = await queryRows<OwnMemberRow>(
    db,
    sql`select m.id::int as id, m.name, m.gender, m.id_number, m.phone, m.status, m.category,
               m.joined_on::text as joined_on, m.full_member_on::text as full_member_on, m.employer, m.residence,
               m.tags, to_json(m.updated_at) #>> '{}' as updated_at,
               o.id::int as org_id, o.name as org_name, p.id::int as parent_id, p.name as parent_name
          from members m
          join organizations o on o.id = m.org_id
          left join organizations p on p.id = o.parent_id
         where m.id = ${memberId} and m.left_on is null
         ${lock ? sql`for update of m` : sql``}`,
  );
  return row;
}

/** Whether the member has an open registration with a community (双报到). */
export async function hasOpenRegistration(db: Queryable, memberId: number): Promise<boolean> {
  const [row] = await queryRows<{ open: boolean }>(
    db,
    sql`select exists (select 1 from in_service_registrations
                        where member_id = ${memberId} and ended_on is null) as open`,
  );
  return row?.open ?? false;
}
