import { excellentCap } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import type { DemoContext } from '../module.js';
import { appraisalEntries, appraisalFigures, appraisals } from './appraisal.tables.js';

const SELF = ['认真学习党的理论，按时参加组织生活，积极参加社区志愿服务。', '能完成支部分配的任务，学习还不够系统。'];
const MUTUAL = ['同志们认为其工作积极，群众评价好。', '大家建议其多参加支部活动。'];

/** Last year's appraisal of branch0_0, closed: a third 优秀 at most, the rest 合格, its probationary members ungraded. */
export async function appraisalDemo(tx: Tx, city: DemoContext): Promise<void> {
  const branch = city.orgIds.branch0_0;
  if (!branch) return;
  const year = Number(city.today.slice(0, 4)) - 1;
  const people = await queryRows<{ id: number; status: string }>(
    tx,
    sql`select id::int as id, status from members where org_id = ${branch} and left_on is null order by sort_key, id`,
  );
  if (people.length === 0) return;
  const [created] = await tx
    .insert(appraisals)
    .values({ orgId: branch, year, stage: 'closed', closedOn: `${year}-12-20` })
    .returning({ id: appraisals.id });
  const full = people.filter((p) => p.status !== 'probationary');
  const excellent = new Set(full.slice(0, Math.min(2, excellentCap(full.length))).map((p) => p.id));
  const rows = people.map((p, i) => {
    const probationary = p.status === 'probationary';
    const grade = probationary
      ? null
      : excellent.has(p.id)
        ? 'excellent'
        : i === people.length - 1
          ? 'basic'
          : 'qualified';
    return {
      appraisalId: created!.id,
      memberId: p.id,
      orgId: branch,
      probationary,
      selfText: SELF[i % 2]!,
      mutualText: MUTUAL[i % 2]!,
      grade,
      measure: null,
    };
  });
  await tx.insert(appraisalEntries).values(rows);
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.grade ?? 'ungraded', (counts.get(r.grade ?? 'ungraded') ?? 0) + 1);
  await tx.insert(appraisalFigures).values([...counts].map(([grade, n]) => ({ orgId: branch, year, grade, n })));
}
