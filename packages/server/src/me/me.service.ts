import { MEMBER_FIELD_LABELS, maskIdNumber, probationEndsOn } from '@gongjian/shared';
import { eq, sql } from 'drizzle-orm';
import { type AuditContext, audited } from '../db/audited.js';
import type { Db } from '../db/client.js';
import { members } from '../db/schema.js';
import type { Actor } from '../http/actor.js';
import { assertUnchangedSince } from '../http/concurrency.js';
import { notFound } from '../http/errors.js';
import { notifyNearestStaff } from '../notifications/notifications.service.js';
import { type OwnMemberRow, selectOwnMember } from './me.repo.js';
import type { MyProfile, UpdateMyProfile } from './me.schema.js';

/** An account linked to no member (a staff login), or whose member left: nothing of anyone's can be named. */
const PROFILE = '本人党员档案';

function toProfile(row: OwnMemberRow): MyProfile {
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    idNumber: maskIdNumber(row.id_number),
    phone: row.phone,
    status: row.status,
    category: row.category as MyProfile['category'],
    joinedOn: row.joined_on,
    fullMemberOn: row.full_member_on,
    probationEndsOn: row.status === 'probationary' && row.joined_on ? probationEndsOn(row.joined_on) : null,
    employer: row.employer,
    residence: row.residence,
    tags: row.tags,
    branch: { id: row.org_id, name: row.org_name },
    parent: row.parent_id === null ? null : { id: row.parent_id, name: row.parent_name ?? '' },
    updatedAt: row.updated_at,
  };
}

/** The profile of the member the account acts for: its own link is the only way to name it. */
export async function readOwnProfile(db: Db, actor: Actor): Promise<MyProfile> {
  const row = actor.memberId === null ? undefined : await selectOwnMember(db, actor.memberId);
  if (!row) throw notFound(PROFILE);
  return toProfile(row);
}

const sameTags = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((tag, i) => tag === b[i]);

/**
 * The member changes their phone, residence or specialties. Audited (`me.profile.update`: the member row's
 * before and after), and the branch is told in the same transaction — the organisation nearest up the member's
 * path with accounts that keep its members' records. A save that changes nothing writes nothing.
 */
export async function updateOwnProfile(db: Db, actor: Actor, ctx: AuditContext, input: UpdateMyProfile) {
  const memberId = actor.memberId;
  if (memberId === null) throw notFound(PROFILE);
  return audited(db, ctx, 'me.profile.update', async (tx) => {
    const row = await selectOwnMember(tx, memberId, true);
    if (!row) throw notFound(PROFILE);
    await assertUnchangedSince(tx, row.updated_at, input.updatedAt, '您的信息');
    const residence = input.residence === undefined ? undefined : input.residence || null;
    const tags = input.tags === undefined ? undefined : [...new Set(input.tags)];
    const changes = {
      ...(input.phone !== undefined && input.phone !== row.phone && { phone: input.phone }),
      ...(residence !== undefined && residence !== row.residence && { residence }),
      ...(tags !== undefined && !sameTags(tags, row.tags) && { tags }),
    };
    const changed = Object.keys(changes) as (keyof typeof changes)[];
    if (changed.length === 0) return toProfile(row);
    await tx
      .update(members)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(members.id, memberId));
    await notifyNearestStaff(tx, {
      orgId: row.org_id,
      permission: 'member.write',
      kind: 'member.self_update',
      title: `党员${row.name}更新了本人信息`,
      // Which fields, not their values: a message is no place for a phone number.
      body: `${row.org_name} ${row.name} 修改了${changed.map((f) => MEMBER_FIELD_LABELS[f]).join('、')}`,
      link: `/members/${row.id}`,
    });
    return toProfile((await selectOwnMember(tx, memberId)) as OwnMemberRow);
  });
}
