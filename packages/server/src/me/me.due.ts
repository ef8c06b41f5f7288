import { addDays, PROBATION_DUE_WINDOW_DAYS, probationEndsOn } from '@gongjian/shared';
import type { Db } from '../db/client.js';
import type { DueItem, DueSource } from '../http/due.js';
import { hasOpenRegistration, type OwnMemberRow, selectOwnMember } from './me.repo.js';

/**
 * A source of what falls due for a member themselves (the phone's home lists it), read through the account's own
 * link to its member profile, never a subtree: a staff account linked to no member has none of these items.
 */
function ownSource(
  source: Omit<DueSource, 'read' | 'permission'>,
  items: (db: Db, member: OwnMemberRow, today: string) => Promise<DueItem[]>,
): DueSource {
  return {
    ...source,
    permission: ['self.in_service'],
    async read(db, actor, today) {
      const member = actor.memberId === null ? undefined : await selectOwnMember(db, actor.memberId);
      const found = member ? await items(db, member, today) : [];
      return { total: found.length, items: found };
    },
  };
}

/** The member's own probation ends within the window the branch's list uses, or has ended. */
export const ownProbationDue = ownSource(
  { name: 'me.probation', label: '本人预备期满' },
  async (_db, member, today) => {
    if (member.status !== 'probationary' || !member.joined_on) return [];
    const endsOn = probationEndsOn(member.joined_on);
    if (endsOn > addDays(today, PROBATION_DUE_WINDOW_DAYS)) return [];
    const overdue = endsOn < today;
    return [
      {
        key: `me.probation:${member.id}`,
        title: overdue ? '预备期已满，请向支部提交转正申请' : '预备期即将期满，请准备转正申请',
        orgName: member.org_name,
        dueOn: endsOn,
        overdue,
        link: '/m/profile',
      },
    ];
  },
);

/**
 * An in-service member (在职党员) not registered with the community where they live (双报到). The rule sets no
 * deadline: it is due today, every day, until they register.
 */
export const ownRegistrationDue = ownSource(
  { name: 'me.registration', label: '本人社区报到' },
  async (db, member, today) => {
    if (member.category !== 'in_service' || (await hasOpenRegistration(db, member.id))) return [];
    return [
      {
        key: `me.registration:${member.id}`,
        title: '在职党员请到居住地社区报到（双报到）',
        orgName: member.org_name,
        dueOn: today,
        overdue: false,
        link: '/m/register',
      },
    ];
  },
);
