import { addDays, addMonths, chinaToday, idNumberCheckChar, probationEndsOn } from '@gongjian/shared';
import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import {
  accounts,
  floatingMembers,
  inServiceRegistrations,
  memberHistory,
  members,
  memberTransfers,
  organizations,
} from '../db/schema.js';
import { nameKeys } from '../members/pinyin.js';
import { notifyNearestStaff } from '../notifications/notifications.service.js';
import { nextLetterNo } from '../transfers/transfers.repo.js';

type Person = {
  name: string;
  gender: 'male' | 'female';
  birth: string;
  category: (typeof members.$inferInsert)['category'];
  status?: 'full' | 'probationary';
  joinedOn: string;
  tags?: string[];
  employer?: string;
};

/** Fixed people with a story each, so the demo shows every member list the first day (dates relative to today). */
export async function addMemberScenarios(tx: Tx, orgIds: Record<string, number>, streetsCommunities: number) {
  const today = chinaToday();
  const branch = orgIds.branch0_0;
  const unit = orgIds.unit0;
  const community = orgIds.community0;
  const otherStreetBranch = orgIds[`branch${streetsCommunities}_0`];
  if (!branch || !unit || !community) return;
  let seq = 0;
  const add = async (orgId: number, p: Person) => {
    seq += 1;
    const first17 = `620302${p.birth.replaceAll('-', '')}${String(seq * 2 + (p.gender === 'male' ? 1 : 0)).padStart(3, '0')}`;
    const status = p.status ?? 'full';
    const [row] = await tx
      .insert(members)
      .values({
        orgId,
        name: p.name,
        ...nameKeys(p.name),
        gender: p.gender,
        ethnicity: '汉族',
        idNumber: first17 + idNumberCheckChar(first17),
        birthDate: p.birth,
        phone: `1380938${String(seq).padStart(4, '0')}`,
        education: '大学本科',
        status,
        category: p.category,
        managementMode: p.category === 'in_service' ? 'dual' : 'direct',
        joinedOn: p.joinedOn,
        fullMemberOn: status === 'full' ? probationEndsOn(p.joinedOn) : null,
        residence: `${seq}号楼1单元`,
        employer: p.employer ?? null,
        tags: p.tags ?? [],
      })
      .returning({ id: members.id });
    const id = (row as { id: number }).id;
    const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId));
    await tx
      .insert(memberHistory)
      .values({ memberId: id, orgId, orgName: org?.name ?? '', fromOn: p.joinedOn, reason: '建档' });
    return { id, orgName: org?.name ?? '' };
  };

  await add(branch, {
    name: '张三丰',
    gender: 'male',
    birth: '1958-04-09',
    category: 'retired',
    joinedOn: '1982-07-01',
    tags: ['太极', '书法'],
  });
  await add(branch, {
    name: '单雄信',
    gender: 'male',
    birth: '1975-10-20',
    category: 'resident',
    joinedOn: '2001-06-18',
    tags: ['家电维修'],
  });
  await add(branch, {
    name: '曾巧玲',
    gender: 'female',
    birth: '1999-03-14',
    category: 'resident',
    status: 'probationary',
    joinedOn: addDays(today, -350),
  });
  await add(branch, {
    name: '解晓东',
    gender: 'male',
    birth: '2000-08-30',
    category: 'unemployed',
    status: 'probationary',
    joinedOn: addDays(today, -380),
  });

  const away = await add(branch, {
    name: '吕海涛',
    gender: 'male',
    birth: '1986-12-02',
    category: 'floating',
    joinedOn: '2010-07-01',
    employer: '深圳某科技公司',
  });
  await tx.insert(floatingMembers).values({
    direction: 'out',
    memberId: away.id,
    orgId: branch,
    name: '吕海涛',
    place: '广东省深圳市南山区',
    otherOrgName: '南山区科技园流动党员党支部',
    contact: '微信群“云岭在深党员”',
    certificateNo: 'YL-LD-2025-017',
    fixedPlace: true,
    // Since last year whatever today's month: both the six-month transfer and the yearly report are due.
    since: addMonths(today, -14),
  });

  for (const [i, name] of ['魏建华', '苏晓梅'].entries()) {
    const m = await add(unit, {
      name,
      gender: i === 0 ? 'male' : 'female',
      birth: `198${i + 2}-05-1${i}`,
      category: 'in_service',
      joinedOn: `200${i + 6}-07-01`,
      employer: '驻区单位',
      tags: i === 0 ? ['医疗'] : ['教育辅导'],
    });
    await tx.insert(inServiceRegistrations).values({
      memberId: m.id,
      orgId: community,
      unitOrgId: unit,
      residence: `${i + 3}号楼`,
      wishes: i === 0 ? '义诊、健康讲座' : '青少年课业辅导',
      registeredOn: addDays(today, -40 - i * 20),
    });
  }

  // The demo account "dangyuan" is a party member in service elsewhere, not yet registered with a community.
  const self = await add(branch, {
    name: '田志远',
    gender: 'male',
    birth: '1990-01-15',
    category: 'in_service',
    joinedOn: '2014-07-01',
  });
  await tx.update(accounts).set({ memberId: self.id }).where(eq(accounts.username, 'dangyuan'));

  /** A letter between two organisations of the platform, issued `ago` days ago and valid `days` more: pending. */
  const pendingLetter = async (
    member: { id: number; name: string; orgName: string },
    fromOrgId: number,
    toOrgId: number,
    dates: { ago: number; days: number },
  ) => {
    const [to] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, toOrgId));
    await tx.insert(memberTransfers).values({
      kind: 'internal',
      memberId: member.id,
      memberName: member.name,
      orgId: fromOrgId,
      fromOrgId,
      fromOrgName: member.orgName,
      toOrgId,
      toOrgName: to?.name ?? '',
      letterNo: await nextLetterNo(tx, today.slice(0, 4)),
      duesPaidTo: today.slice(0, 7),
      issuedOn: addDays(today, -dates.ago),
      validUntil: addDays(today, dates.days),
      status: 'pending',
    });
  };

  if (otherStreetBranch) {
    const mover = await add(branch, {
      name: '韩雪',
      gender: 'female',
      birth: '1992-06-06',
      category: 'resident',
      joinedOn: '2016-07-01',
    });
    await pendingLetter({ ...mover, name: '韩雪' }, branch, otherStreetBranch, { ago: 2, days: 8 });

    // A letter the other way waits in the first street's inbox for a branch with no login of its own, so the
    // street committee runs it and was told; one out of the platform, issued six weeks ago, still has no
    // receipt: the workbench shows every source the first day.
    const arriving = await add(otherStreetBranch, {
      name: '乔立群',
      gender: 'male',
      birth: '1988-09-21',
      category: 'resident',
      joinedOn: '2012-07-01',
    });
    const receiver = orgIds.branch1_0 ?? branch;
    await pendingLetter({ ...arriving, name: '乔立群' }, otherStreetBranch, receiver, { ago: 5, days: 4 });
    await notifyNearestStaff(tx, {
      orgId: receiver,
      permission: 'member.write',
      kind: 'transfers.arrived',
      title: '收到组织关系介绍信：乔立群',
      body: `${arriving.orgName}开具，有效期至${addDays(today, 4)}，请及时接收或退回。`,
      link: '/transfers',
    });
  }
  const leaving = await add(branch, {
    name: '卢静怡',
    gender: 'female',
    birth: '1995-02-11',
    category: 'resident',
    joinedOn: '2019-07-01',
  });
  const issuedOn = addDays(today, -45);
  await tx.insert(memberTransfers).values({
    kind: 'outgoing',
    memberId: leaving.id,
    memberName: '卢静怡',
    orgId: branch,
    fromOrgId: branch,
    fromOrgName: leaving.orgName,
    toOrgId: null,
    toOrgName: '中共杭州市西湖区文新街道党工委',
    letterNo: await nextLetterNo(tx, issuedOn.slice(0, 4)),
    duesPaidTo: issuedOn.slice(0, 7),
    issuedOn,
    validUntil: addDays(issuedOn, 30),
    status: 'issued',
    receiptDueOn: addMonths(issuedOn, 1),
  });
}
