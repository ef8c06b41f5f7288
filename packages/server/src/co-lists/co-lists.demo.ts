import { addDays } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import type { DemoContext } from '../module.js';
import { coNeeds, coProjectResources, coProjects, coResources } from './co-lists.tables.js';

/**
 * The first community's three lists: a need met by a finished project (a school's teachers tutoring children), an
 * open need for a weekend venue that the platform proposes to match with the school gym, a need the liaison's unit
 * (lianluoyuan) claimed, and resources of units, a member and the community.
 */
export async function coListsDemo(tx: Tx, city: DemoContext): Promise<void> {
  const community = city.orgIds.community0;
  if (!community) return;
  const liaison = city.accountIds.lianluoyuan ?? 0;
  const units = await queryRows<{ id: number; name: string }>(
    tx,
    sql`select u.id::int as id, u.name from resident_units_v u join organizations o on o.id = u.org_id
         where o.path <@ (select path from organizations where id = ${community}) and u.ended_on is null
         order by (u.liaison_account_id = ${liaison}) desc nulls last, u.id limit 1`,
  );
  const [member] = await queryRows<{ id: number }>(
    tx,
    sql`select m.id::int as id from members m join organizations o on o.id = m.org_id
         where o.path <@ (select path from organizations where id = ${community}) and m.left_on is null
         order by m.id limit 1`,
  );
  const today = city.today;
  const own = units[0];
  // The liaison's unit (市第一中学 in the demo) offers its teachers and its gym.
  const school = own;
  const resource = (r: {
    title: string;
    category: string;
    unitId?: number;
    memberId?: number;
    place?: string;
    availability?: string;
  }) => ({
    orgId: community,
    provider: r.unitId ? 'unit' : r.memberId ? 'member' : 'community',
    unitId: r.unitId ?? null,
    memberId: r.memberId ?? null,
    title: r.title,
    category: r.category,
    place: r.place ?? null,
    availability: r.availability ?? null,
  });
  const resources = await tx
    .insert(coResources)
    .values([
      resource({ title: '教师志愿辅导', category: 'skill', unitId: school?.id, availability: '每周二、四16:30—18:00' }),
      resource({
        title: '体育馆周末开放',
        category: 'venue',
        unitId: school?.id,
        place: '学校体育馆',
        availability: '周六、周日全天',
      }),
      ...(member
        ? [resource({ title: '党员义务理发', category: 'skill', memberId: member.id, availability: '每月第一个周六' })]
        : []),
      resource({ title: '社区党群服务中心活动室', category: 'venue', place: '党群服务中心', availability: '工作日' }),
    ])
    .returning({ id: coResources.id });
  const [tutoring] = resources;
  const needs = await tx
    .insert(coNeeds)
    .values([
      {
        orgId: community,
        title: '双职工家庭孩子放学后无人看护辅导',
        category: 'skill',
        place: '社区四点半课堂',
        status: 'met',
        metOn: addDays(today, -20),
        claimedUnitId: school?.id ?? null,
      },
      {
        orgId: community,
        title: '老年健身队周末活动场地',
        category: 'venue',
        place: '学校体育馆附近',
        neededBy: addDays(today, 14),
      },
      {
        orgId: community,
        title: '冬季困难家庭御寒物资',
        category: 'materials',
        status: own ? 'claimed' : 'open',
        claimedUnitId: own?.id ?? null,
        claimNote: own ? '本单位党员捐赠棉衣被' : null,
      },
    ])
    .returning({ id: coNeeds.id });
  const [met] = needs;
  if (met && tutoring) {
    const [project] = await tx
      .insert(coProjects)
      .values({
        orgId: community,
        needId: (met as { id: number }).id,
        title: '四点半课堂',
        leadName: '学校党支部书记',
        leadUnitId: school?.id ?? null,
        startedOn: addDays(today, -90),
        endedOn: addDays(today, -20),
        status: 'done',
        result: '一学期辅导42名孩子，家长满意',
      })
      .returning({ id: coProjects.id });
    await tx.insert(coProjectResources).values({
      projectId: (project as { id: number }).id,
      resourceId: (tutoring as { id: number }).id,
      orgId: community,
    });
  }
}
