import {
  type AssigneeType,
  type ContactPref,
  defaultRequestDeadlines,
  isUrgentCategory,
  type Rating,
  type RequestCategory,
  type RequestKind,
  type RequestStatus,
} from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import type { DemoContext } from '../module.js';
import { residents, serviceRequestEvents, serviceRequests } from './requests.tables.js';

const HOUR = 3_600_000;

type Step = { kind: string; to: RequestStatus; after: number; by: 'resident' | 'staff' | 'member'; note?: string };
type Spec = {
  resident: number;
  kind?: RequestKind;
  category: RequestCategory;
  text: string;
  /** Hours ago. */
  ago: number;
  contactPref?: ContactPref;
  steps?: Step[];
  assignee?: { type: AssigneeType; member?: 'own' | 'grid' | 'other'; team?: boolean };
  claimed?: 'own' | 'other';
  rating?: Rating;
  ratingComment?: string;
  reopened?: boolean;
  declineReason?: string;
  mergedInto?: number;
};

const RESIDENTS = [
  { name: '王秀兰', building: 0, room: '2单元301', account: 'jumin', confirmed: true },
  { name: '李建国', building: 0, room: '1单元102', confirmed: true, phone: '13900000101' },
  { name: '张桂芳', building: 2, room: '3单元502', confirmed: true, phone: '13900000102' },
  { name: '刘德明', building: 4, room: '1单元601', confirmed: true, phone: '13900000103' },
  { name: '陈淑珍', building: 6, room: '2单元201', confirmed: true },
  { name: '赵小燕', building: 8, room: '1单元401', confirmed: false, phone: '13900000104' },
  { name: '孙立伟', building: 10, room: '4单元302', confirmed: false, phone: '13900000105' },
];

/**
 * The first community's residents (王秀兰 is the `jumin` login; 陈淑珍 an elder registered by the community without a
 * phone; two waiting for their residence to be confirmed) and a dozen requests and micro-wishes in every state: new
 * (one urgent, one from an unconfirmed resident), accepted, dispatched to 田志远 (`dangyuan`), in progress with a grid
 * member, done and rated, done waiting for 王秀兰's rating, reopened after 不满意, declined, merged, a micro-wish
 * waiting to be claimed, one claimed, closed — and one submitted ten days ago, dispatched to a team and never
 * resolved (request-oversight's demo escalates it: its text starts with 【久拖未决】).
 */
export async function requestsDemo(tx: Tx, city: DemoContext): Promise<void> {
  const community = city.orgIds.community0;
  if (community === undefined) return;
  const staff = city.accountIds.shequ ?? null;
  const memberAccount = city.accountIds.dangyuan ?? null;
  const buildings = await queryRows<{ id: number }>(
    tx,
    sql`select id::int as id from buildings where org_id = ${community} order by id`,
  );
  const building = (i: number) => buildings[i % Math.max(buildings.length, 1)]?.id ?? null;
  const [own] = await queryRows<{ member_id: number | null }>(
    tx,
    sql`select member_id::int as member_id from accounts where id = ${memberAccount ?? 0}`,
  );
  const [other] = await queryRows<{ id: number }>(
    tx,
    sql`select m.id::int as id from members m join organizations o on o.id = m.org_id
         where m.left_on is null and m.id <> ${own?.member_id ?? 0}
           and o.path <@ (select path from organizations where id = ${community})
         order by m.sort_key, m.id limit 1`,
  );
  const firstBuilding = building(0);
  const [grid] =
    firstBuilding === null
      ? []
      : await queryRows<{ member_id: number }>(
          tx,
          sql`select gm.member_id::int as member_id from buildings b
                join grid_members gm on gm.grid_id = b.grid_id and gm.ended_on is null
               where b.id = ${firstBuilding} and gm.member_id <> ${own?.member_id ?? 0} order by gm.id limit 1`,
        );
  const [team] = await queryRows<{ id: number }>(
    tx,
    sql`select id::int as id from volunteer_teams where org_id = ${community} and dissolved_on is null order by id limit 1`,
  );
  const memberOf = {
    own: own?.member_id ?? null,
    grid: grid?.member_id ?? other?.id ?? null,
    other: other?.id ?? null,
  };

  const now = Date.now();
  const residentIds: number[] = [];
  const residentAccounts: (number | null)[] = [];
  for (const [i, r] of RESIDENTS.entries()) {
    const accountId = r.account ? (city.accountIds[r.account] ?? null) : null;
    const createdAt = new Date(now - (40 - i) * 24 * HOUR).toISOString();
    const [row] = await tx
      .insert(residents)
      .values({
        orgId: community,
        name: r.name,
        phone: r.account ? '13900000100' : (r.phone ?? null),
        buildingId: building(r.building),
        addressDetail: r.room,
        accountId,
        confirmedAt: r.confirmed ? createdAt : null,
        confirmedBy: r.confirmed ? staff : null,
        createdByAccountId: r.phone || r.account ? accountId : staff,
        createdAt,
      })
      .returning({ id: residents.id });
    residentIds.push((row as { id: number }).id);
    residentAccounts.push(accountId);
  }

  const staffStep = (kind: string, to: RequestStatus, after: number, note?: string): Step => ({
    kind,
    to,
    after,
    by: 'staff',
    ...(note && { note }),
  });
  const accepted = (after = 2) => staffStep('accepted', 'accepted', after);
  const specs: Spec[] = [
    { resident: 1, category: 'utilities', text: '3号楼地下室水管爆裂，楼道积水，请尽快处理', ago: 1 },
    { resident: 5, category: 'sanitation', text: '小区东门垃圾桶满了好几天没人清运，气味很大', ago: 5 },
    { resident: 2, category: 'repair', text: '单元门门禁坏了，老人进出不方便', ago: 20, steps: [accepted()] },
    {
      resident: 0,
      category: 'elderly_disabled',
      text: '家里老人行动不便，希望每周有人帮忙买菜',
      ago: 30,
      steps: [accepted(), staffStep('dispatched', 'dispatched', 3, '派给党员：田志远')],
      assignee: { type: 'member', member: 'own' },
    },
    {
      resident: 1,
      category: 'repair',
      text: '楼道声控灯不亮，晚上上下楼很黑',
      ago: 50,
      steps: [
        accepted(),
        staffStep('dispatched', 'dispatched', 3, '派给网格责任党员'),
        { kind: 'progress', to: 'in_progress', after: 20, by: 'member', note: '已联系物业，灯具明天到货' },
      ],
      assignee: { type: 'grid', member: 'grid' },
    },
    {
      resident: 0,
      category: 'policy',
      text: '想咨询一下高龄津贴怎么申请',
      ago: 200,
      steps: [
        accepted(),
        staffStep('dispatched', 'dispatched', 3, '派给党员：田志远'),
        { kind: 'done', to: 'done', after: 30, by: 'member', note: '已上门讲解申请流程并协助准备材料' },
        { kind: 'rated', to: 'done', after: 60, by: 'resident', note: '满意：讲得很清楚，谢谢' },
      ],
      assignee: { type: 'member', member: 'own' },
      rating: 'satisfied',
      ratingComment: '讲得很清楚，谢谢',
    },
    {
      resident: 0,
      category: 'repair',
      text: '楼下健身器材螺丝松了，担心孩子受伤',
      ago: 80,
      steps: [
        accepted(),
        staffStep('dispatched', 'dispatched', 3, '派给网格责任党员'),
        { kind: 'done', to: 'done', after: 24, by: 'member', note: '已紧固全部螺丝并检查其他器材' },
      ],
      assignee: { type: 'grid', member: 'grid' },
    },
    {
      resident: 2,
      category: 'dispute',
      text: '楼上装修噪音太大，中午也不停，沟通无果',
      ago: 150,
      steps: [
        accepted(),
        staffStep('dispatched', 'dispatched', 3, '派给党员'),
        { kind: 'done', to: 'done', after: 48, by: 'member', note: '已与楼上住户沟通，约定中午不施工' },
        { kind: 'reopened', to: 'accepted', after: 80, by: 'resident', note: '不满意：沟通后第二天又开始了' },
      ],
      assignee: { type: 'member', member: 'other' },
      reopened: true,
    },
    {
      resident: 3,
      category: 'other',
      text: '希望小区能装一个快递柜',
      ago: 100,
      steps: [staffStep('declined', 'declined', 5, '快递柜由物业和快递公司商定，社区已转告物业，不作为诉求办理')],
      declineReason: '快递柜由物业和快递公司商定，社区已转告物业，不作为诉求办理',
    },
    {
      resident: 0,
      kind: 'wish',
      category: 'education',
      text: '孙女今年上一年级，想要一个新书包',
      ago: 40,
      steps: [accepted(), staffStep('opened', 'open', 3)],
    },
    {
      resident: 4,
      kind: 'wish',
      category: 'elderly_disabled',
      text: '一个人住，希望有人周末陪我聊聊天',
      ago: 90,
      contactPref: 'visit',
      steps: [
        accepted(),
        staffStep('opened', 'open', 3),
        { kind: 'claimed', to: 'in_progress', after: 10, by: 'member', note: '党员认领' },
      ],
      assignee: { type: 'member', member: 'other' },
      claimed: 'other',
    },
    {
      resident: 3,
      category: 'sanitation',
      text: '绿化带里有很多枯枝落叶没人清理',
      ago: 300,
      steps: [
        accepted(),
        staffStep('dispatched', 'dispatched', 3, '派给服务队'),
        { kind: 'done', to: 'done', after: 40, by: 'staff', note: '服务队已清理完毕' },
        { kind: 'rated', to: 'done', after: 70, by: 'resident', note: '基本满意' },
        staffStep('closed', 'closed', 100),
      ],
      assignee: { type: 'team', team: true },
      rating: 'basically',
    },
    {
      resident: 2,
      category: 'safety',
      text: '【久拖未决】小区北侧围墙有裂缝，雨后有倒塌风险',
      ago: 240,
      steps: [accepted(1), staffStep('dispatched', 'dispatched', 2, '派给服务队')],
      assignee: { type: 'team', team: true },
    },
  ];

  const ids: number[] = [];
  for (const spec of specs) {
    const kind = spec.kind ?? 'request';
    const submitted = now - spec.ago * HOUR;
    const at = (after: number) => new Date(submitted + after * HOUR).toISOString();
    const urgent = isUrgentCategory(spec.category);
    const deadlines = defaultRequestDeadlines(urgent, new Date(submitted));
    const steps = spec.steps ?? [];
    const last = steps.at(-1);
    const when = (kind: string) => {
      const s = steps.filter((x) => x.kind === kind).at(-1);
      return s ? at(s.after) : null;
    };
    const responded = when('accepted') ?? when('declined');
    const memberId = spec.assignee?.member ? memberOf[spec.assignee.member] : null;
    const residentId = residentIds[spec.resident] as number;
    const doneAt = spec.reopened ? null : when('done');
    const [row] = await tx
      .insert(serviceRequests)
      .values({
        orgId: community,
        kind,
        residentId,
        category: spec.category,
        text: spec.text,
        buildingId: building(RESIDENTS[spec.resident]?.building ?? 0),
        contactPref: spec.contactPref ?? 'phone',
        urgent,
        status: last?.to ?? 'submitted',
        declineReason: spec.declineReason ?? null,
        assigneeType: spec.assignee?.type ?? null,
        assigneeMemberId: memberId,
        assigneeTeamId: spec.assignee?.team ? (team?.id ?? null) : null,
        claimedByMemberId: spec.claimed ? memberOf[spec.claimed] : null,
        claimedAt: when('claimed'),
        submittedAt: at(0),
        acceptedAt: when('accepted'),
        dispatchedAt: when('dispatched') ?? when('claimed'),
        doneAt,
        doneNote: doneAt ? (steps.find((s) => s.kind === 'done')?.note ?? null) : null,
        closedAt: when('closed'),
        respondBy: deadlines.respondBy,
        resolveBy: deadlines.resolveBy,
        respondedAt: responded,
        resolvedAt: doneAt,
        rating: spec.rating ?? null,
        ratingComment: spec.ratingComment ?? null,
        ratedAt: spec.rating ? when('rated') : null,
        reopened: spec.reopened ?? false,
        createdAt: at(0),
      })
      .returning({ id: serviceRequests.id });
    const id = (row as { id: number }).id;
    ids.push(id);
    const actorOf = (by: Step['by']) =>
      by === 'staff' ? staff : by === 'member' ? memberAccount : (residentAccounts[spec.resident] ?? null);
    let from: RequestStatus = 'submitted';
    await tx.insert(serviceRequestEvents).values([
      {
        requestId: id,
        orgId: community,
        at: at(0),
        actorAccountId: residentAccounts[spec.resident] ?? staff,
        kind: 'submitted',
        note: RESIDENTS[spec.resident]?.confirmed ? null : '居住未确认',
        toStatus: 'submitted',
      },
      ...steps.map((s) => {
        const event = {
          requestId: id,
          orgId: community,
          at: at(s.after),
          actorAccountId: actorOf(s.by),
          kind: s.kind,
          note: s.note ?? null,
          fromStatus: from,
          toStatus: s.to,
        };
        from = s.to;
        return event;
      }),
    ]);
  }
  // A duplicate of the open door-lock request, merged into it.
  const into = ids[2];
  if (into !== undefined) {
    const submitted = now - 18 * HOUR;
    const deadlines = defaultRequestDeadlines(false, new Date(submitted));
    const [row] = await tx
      .insert(serviceRequests)
      .values({
        orgId: community,
        kind: 'request',
        residentId: residentIds[2] as number,
        category: 'repair',
        text: '门禁坏了好几天了，什么时候修',
        buildingId: building(2),
        contactPref: 'phone',
        status: 'merged',
        mergedIntoId: into,
        submittedAt: new Date(submitted).toISOString(),
        respondBy: deadlines.respondBy,
        resolveBy: deadlines.resolveBy,
        respondedAt: new Date(submitted + HOUR).toISOString(),
      })
      .returning({ id: serviceRequests.id });
    const id = (row as { id: number }).id;
    await tx.insert(serviceRequestEvents).values([
      {
        requestId: id,
        orgId: community,
        at: new Date(submitted).toISOString(),
        kind: 'submitted',
        toStatus: 'submitted',
      },
      {
        requestId: id,
        orgId: community,
        at: new Date(submitted + HOUR).toISOString(),
        actorAccountId: staff,
        kind: 'merged',
        note: `与第${into}号合并：单元门门禁坏了，老人进出不方便`,
        fromStatus: 'submitted',
        toStatus: 'merged',
      },
    ]);
  }
}
