import { addMonths, addYears, type NewOrgKind, type OrgType, type TeamPosition, usccCheckChar } from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/client.js';
import { newOrganizations, organizations, teamPosts } from '../db/schema.js';
import { randomName, type Random } from './random.js';

type OrgRow = { id: number; name: string; type: OrgType; sector: string; parent_id: number | null };

const UNIT_NAMES = [
  '市第一中学',
  '市人民医院',
  '市图书馆',
  '区税务局',
  '云岭供电公司',
  '市第三小学',
  '区法院',
  '市自来水公司',
  '区消防救援大队',
  '云岭银行和平支行',
];

/**
 * The organisation-system part of the demo city (issue 3), relative to `today` so reminders always show:
 * leadership teams (a big community committee of 14 with 10 part-time members from resident units and an
 * 一肩挑 secretary), terms ending soon and overdue, rule violations, and a registry of new organisations with
 * every coverage status, so that blank spots and their remedies show in each street.
 */
export async function seedOrgSystem(tx: Tx, r: Random, today: string): Promise<void> {
  const orgs = await queryRows<OrgRow>(
    tx,
    sql`select id::int as id, name, type, sector, parent_id::int as parent_id from organizations order by id`,
  );
  const posts: (typeof teamPosts.$inferInsert)[] = [];
  const post = (orgId: number, position: TeamPosition, extra: Partial<typeof teamPosts.$inferInsert> = {}) =>
    posts.push({ orgId, position, personName: randomName(r), startedOn: addYears(today, -2), ...extra });
  const setOrg = (id: number, values: Partial<typeof organizations.$inferInsert>) =>
    tx
      .update(organizations)
      .set(values)
      .where(sql`${organizations.id} = ${id}`);
  const branchIndex = new Map<number, number>();
  let communityIndex = 0;

  for (const o of orgs) {
    switch (o.type) {
      case 'city_committee':
      case 'district_committee':
        post(o.id, 'secretary');
        post(o.id, 'deputy_secretary');
        await setOrg(o.id, { termStartedOn: addYears(today, -2) });
        break;
      case 'street_committee':
        post(o.id, 'secretary');
        post(o.id, 'deputy_secretary');
        break;
      case 'big_community_committee': {
        // 004: a big community committee of 14, 10 of them part-time members from resident units.
        const started = addMonths(addYears(today, -5), 3); // the 5-year term ends within 6 months
        post(o.id, 'secretary', { residentsPost: 'director', startedOn: started });
        post(o.id, 'deputy_secretary', { residentsPost: 'deputy_director', startedOn: started });
        post(o.id, 'organization_member', { startedOn: started });
        post(o.id, 'publicity_member', { residentsPost: 'member', startedOn: started });
        for (const unit of UNIT_NAMES) post(o.id, 'part_time_member', { homeUnit: unit, startedOn: started });
        // History: the previous organisation member.
        post(o.id, 'organization_member', { startedOn: addYears(today, -8), endedOn: started });
        await setOrg(o.id, { termStartedOn: started, address: '和平路88号' });
        communityIndex += 1;
        break;
      }
      case 'community_committee': {
        const overdue = communityIndex % 2 === 1;
        const started = overdue ? addMonths(addYears(today, -5), -2) : addYears(today, -1);
        post(o.id, 'secretary', { residentsPost: communityIndex % 3 === 0 ? 'director' : null, startedOn: started });
        post(o.id, 'deputy_secretary', { startedOn: started });
        post(o.id, 'organization_member', { startedOn: started });
        post(o.id, 'discipline_member', { startedOn: started });
        await setOrg(o.id, { termStartedOn: started });
        communityIndex += 1;
        break;
      }
      case 'general_branch':
        post(o.id, 'secretary');
        post(o.id, 'organization_member');
        post(o.id, 'publicity_member');
        await setOrg(o.id, {
          termStartedOn: addYears(today, -1),
          managementMode: o.sector === 'resident_unit' ? 'dual' : 'direct',
          unitName: o.name.replace(/党总支$/, ''),
        });
        break;
      case 'branch': {
        if (o.sector === 'new_economic') {
          // A small company branch with a 组织委员: under 7 full members it needs no committee.
          post(o.id, 'secretary');
          post(o.id, 'organization_member');
          await setOrg(o.id, {
            termStartedOn: addYears(today, -2),
            unitName: o.name.replace(/党支部$/, ''),
          });
          break;
        }
        const b = branchIndex.get(o.parent_id ?? 0) ?? 0;
        branchIndex.set(o.parent_id ?? 0, b + 1);
        post(o.id, 'secretary');
        if (b === 0) {
          post(o.id, 'organization_member');
          post(o.id, 'publicity_member');
        }
        // The second branch of each community is overdue, the third ends within 6 months.
        const started =
          b === 1
            ? addMonths(addYears(today, -3), -1)
            : b === 2
              ? addMonths(addYears(today, -3), 4)
              : addYears(today, -1);
        await setOrg(o.id, { termStartedOn: started });
        break;
      }
      case 'retired_branch':
        post(o.id, 'secretary');
        await setOrg(o.id, { termStartedOn: addMonths(addYears(today, -3), 5) });
        break;
      case 'joint_branch':
        // Left without a secretary on purpose: the rules view shows it.
        await setOrg(o.id, { termStartedOn: addYears(today, -1) });
        break;
      default:
        break;
    }
  }
  // In chunks: a large city must stay under PostgreSQL's limit of parameters per statement.
  for (let i = 0; i < posts.length; i += 1000) await tx.insert(teamPosts).values(posts.slice(i, i + 1000));
  await seedNewOrganizations(tx, orgs);
}

type NewOrgSpec = {
  name: string;
  kind: NewOrgKind;
  industry: string;
  partyMembers: number;
  employees: number;
  ownOrgId?: number;
  jointBranchId?: number;
  instructorName?: string;
};

async function seedNewOrganizations(tx: Tx, orgs: OrgRow[]): Promise<void> {
  let serial = 0;
  const uscc = () => {
    serial += 1;
    const first17 = `9162030${String(serial).padStart(10, '0')}`;
    return first17 + usccCheckChar(first17);
  };
  const rows: (typeof newOrganizations.$inferInsert)[] = [];
  for (const street of orgs.filter((o) => o.type === 'street_committee')) {
    const children = orgs.filter((o) => o.parent_id === street.id);
    const communities = children.filter(
      (o) => o.type === 'community_committee' || o.type === 'big_community_committee',
    );
    const first = communities[0] ?? street;
    const second = communities[1] ?? first;
    const short = street.name.replace(/街道党工委$/, '');
    const add = (holder: OrgRow, s: NewOrgSpec, grid: string) =>
      rows.push({
        orgId: holder.id,
        uscc: uscc(),
        address: `${short}街道${holder.name.replace(/(大党委|党委)$/, '')}${grid}`,
        grid,
        ...s,
      });
    const company = children.find((o) => o.sector === 'new_economic' && o.type === 'branch');
    if (company) {
      const [members] = await queryRows<{ n: number }>(
        tx,
        sql`select full_members + probationary_members as n from organizations where id = ${company.id}`,
      );
      add(
        first,
        {
          name: company.name.replace(/党支部$/, ''),
          kind: 'enterprise',
          industry: '信息技术',
          partyMembers: members?.n ?? 3,
          employees: 120,
          ownOrgId: company.id,
        },
        '第一网格',
      );
    }
    const joint = children.find((o) => o.type === 'joint_branch');
    if (joint) {
      add(
        first,
        {
          name: `${short}社区书画协会`,
          kind: 'social_organization',
          industry: '文化',
          partyMembers: 1,
          employees: 6,
          jointBranchId: joint.id,
        },
        '第二网格',
      );
      add(
        first,
        {
          name: `${short}家政服务中心`,
          kind: 'private_non_enterprise',
          industry: '家政',
          partyMembers: 2,
          employees: 15,
          jointBranchId: joint.id,
        },
        '第二网格',
      );
    }
    add(
      first,
      {
        name: `${short}会计师事务所`,
        kind: 'intermediary',
        industry: '中介服务',
        partyMembers: 0,
        employees: 9,
        instructorName: randomNameFixed(serial),
      },
      '第三网格',
    );
    // Blank spots in the second community: each remedy shows.
    add(
      second,
      { name: `${short}好味道餐饮有限公司`, kind: 'enterprise', industry: '餐饮', partyMembers: 2, employees: 35 },
      '第一网格',
    );
    add(
      second,
      { name: `${short}老街面馆`, kind: 'enterprise', industry: '餐饮', partyMembers: 1, employees: 12 },
      '第一网格',
    );
    add(
      second,
      { name: `${short}宏远建筑工程有限公司`, kind: 'enterprise', industry: '建筑', partyMembers: 4, employees: 80 },
      '第二网格',
    );
    add(
      second,
      {
        name: `${short}青年创业服务社`,
        kind: 'social_organization',
        industry: '社会服务',
        partyMembers: 0,
        employees: 5,
      },
      '第二网格',
    );
    add(
      second,
      { name: `${short}快达物流有限公司`, kind: 'enterprise', industry: '物流', partyMembers: 1, employees: 40 },
      '第三网格',
    );
  }
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(newOrganizations).values(rows.slice(i, i + 1000));
}

const INSTRUCTORS = ['周建国', '吴秀兰', '郑志强', '王海燕', '陈立新', '刘春晖'];
const randomNameFixed = (n: number) => INSTRUCTORS[n % INSTRUCTORS.length] as string;
