import { expect } from 'vitest';
import { defineAuditCases } from '../../test/helpers/audit-cases.js';
import { buildAccount, buildMember } from '../../test/helpers/factories.js';
import { buildRequest, buildResident } from '../../test/helpers/requests.js';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export default defineAuditCases('requests', (w) => {
  let seq = 0;
  const community = () => w.city.communityA.id;
  const request = (to: Parameters<typeof buildRequest>[3] = 'submitted', memberId?: number) =>
    buildRequest(w.api, w.admin, community(), to, memberId ? { memberId } : {});
  const memberLogin = async () => {
    const m = await buildMember(w.api.db, w.city.branchA.id);
    const account = await buildAccount(w.api.db, { orgId: w.city.branchA.id, role: 'member', memberId: m.id });
    return { id: m.id, username: account.username, cookie: await w.api.login(account.username) };
  };
  /** A resident with a login and one request of theirs, done (to rate) or just submitted. */
  const ownRequest = async (done: boolean) => {
    const r = await buildResident(w.api, community());
    const res = await w.send('POST', '/api/resident/requests', r.cookie as string, {
      category: 'repair',
      text: '单元门坏了，请修理',
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as { id: number }).id;
    if (done) {
      const m = await buildMember(w.api.db, w.city.branchA.id);
      for (const [path, body] of [
        ['accept', undefined],
        ['dispatch', { assigneeType: 'member', memberId: m.id }],
        ['done', { note: '已修好' }],
      ] as const) {
        const step = await w.send('POST', `/api/requests/${id}/${path}`, w.admin, body);
        expect(step.statusCode, step.body).toBe(200);
      }
    }
    return { id, cookie: r.cookie as string, username: r.username as string };
  };
  const step = (path: string, action: string, to: Parameters<typeof buildRequest>[3], body?: () => object) => ({
    action,
    prepare: async () => {
      const m = to === 'dispatched' || to === 'done' ? await buildMember(w.api.db, w.city.branchA.id) : undefined;
      const id = await request(to, m?.id);
      return { request: () => w.send('POST', `/api/requests/${id}/${path}`, w.admin, body?.()) };
    },
  });

  return {
    audited: {
      'POST /api/public/residents': {
        action: 'resident.register',
        prepare: async () => {
          const phone = `1370000${String(++seq).padStart(4, '0')}`;
          return {
            request: () =>
              w.send('POST', '/api/public/residents', undefined, {
                name: '注册居民',
                phone,
                password: 'Resident@2026',
                communityId: community(),
              }),
            actor: phone,
          };
        },
      },
      'POST /api/resident/requests': {
        action: 'request.submit',
        prepare: async () => {
          const r = await buildResident(w.api, community());
          return {
            request: () =>
              w.send('POST', '/api/resident/requests', r.cookie as string, {
                category: 'other',
                text: '想咨询一件事情',
              }),
            actor: r.username as string,
          };
        },
      },
      'POST /api/resident/requests/{id}/rate': {
        action: 'request.rate',
        prepare: async () => {
          const { id, cookie, username } = await ownRequest(true);
          return {
            request: () => w.send('POST', `/api/resident/requests/${id}/rate`, cookie, { rating: 'satisfied' }),
            actor: username,
          };
        },
      },
      'POST /api/resident/requests/{id}/photos': {
        action: 'request.photo_add',
        prepare: async () => {
          const { id, cookie, username } = await ownRequest(false);
          return { request: () => w.upload(`/api/resident/requests/${id}/photos`, cookie, {}, PNG), actor: username };
        },
      },
      'POST /api/requests': {
        action: 'request.create',
        prepare: async () => {
          const r = await buildResident(w.api, community(), { account: false });
          return {
            request: () =>
              w.send('POST', '/api/requests', w.admin, {
                residentId: r.id,
                category: 'repair',
                text: '代为登记的诉求',
              }),
          };
        },
      },
      'POST /api/requests/{id}/accept': step('accept', 'request.accept', 'submitted'),
      'POST /api/requests/{id}/decline': step('decline', 'request.decline', 'submitted', () => ({
        reason: '不属于社区职责',
      })),
      'POST /api/requests/{id}/merge': {
        action: 'request.merge',
        prepare: async () => {
          const into = await request('accepted');
          const id = await request('submitted');
          return { request: () => w.send('POST', `/api/requests/${id}/merge`, w.admin, { intoId: into }) };
        },
      },
      'POST /api/requests/{id}/dispatch': {
        action: 'request.dispatch',
        prepare: async () => {
          const id = await request('accepted');
          const m = await buildMember(w.api.db, w.city.branchA.id);
          return {
            request: () =>
              w.send('POST', `/api/requests/${id}/dispatch`, w.admin, { assigneeType: 'member', memberId: m.id }),
          };
        },
      },
      'POST /api/requests/{id}/open': {
        action: 'request.open',
        prepare: async () => {
          const r = await buildResident(w.api, community(), { account: false });
          const id = await buildRequest(w.api, w.admin, community(), 'accepted', { residentId: r.id, kind: 'wish' });
          return { request: () => w.send('POST', `/api/requests/${id}/open`, w.admin) };
        },
      },
      'POST /api/requests/{id}/progress': step('progress', 'request.progress', 'dispatched', () => ({
        note: '已联系',
      })),
      'POST /api/requests/{id}/done': step('done', 'request.done', 'dispatched', () => ({ note: '已办好' })),
      'POST /api/requests/{id}/close': step('close', 'request.close', 'done', () => ({})),
      'POST /api/requests/{id}/photos': {
        action: 'request.photo_add',
        prepare: async () => {
          const id = await request('submitted');
          return { request: () => w.upload(`/api/requests/${id}/photos`, w.admin, {}, PNG) };
        },
      },
      'POST /api/residents': {
        action: 'resident.create',
        prepare: w.asAdmin(
          'POST',
          () => '/api/residents',
          () => ({ orgId: community(), name: '张大爷' }),
        ),
      },
      'POST /api/residents/{id}/confirm': {
        action: 'resident.confirm',
        prepare: async () => {
          const r = await buildResident(w.api, community(), { confirmed: false, account: false });
          return { request: () => w.send('POST', `/api/residents/${r.id}/confirm`, w.admin) };
        },
      },
      'POST /api/residents/{id}/reveal': {
        action: 'resident.reveal',
        prepare: async () => {
          const r = await buildResident(w.api, community(), { account: false });
          return { request: () => w.send('POST', `/api/residents/${r.id}/reveal`, w.admin) };
        },
      },
      'POST /api/serve/{id}/claim': {
        action: 'request.claim',
        prepare: async () => {
          const m = await memberLogin();
          const id = await request('open');
          return { request: () => w.send('POST', `/api/serve/${id}/claim`, m.cookie), actor: m.username };
        },
      },
      'POST /api/serve/{id}/progress': {
        action: 'request.progress',
        prepare: async () => {
          const m = await memberLogin();
          const id = await request('dispatched', m.id);
          return {
            request: () => w.send('POST', `/api/serve/${id}/progress`, m.cookie, { note: '已上门' }),
            actor: m.username,
          };
        },
      },
      'POST /api/serve/{id}/done': {
        action: 'request.done',
        prepare: async () => {
          const m = await memberLogin();
          const id = await request('dispatched', m.id);
          return {
            request: () => w.send('POST', `/api/serve/${id}/done`, m.cookie, { note: '已办好' }),
            actor: m.username,
          };
        },
      },
    },
  };
});
