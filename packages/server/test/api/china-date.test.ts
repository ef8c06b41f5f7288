import { idNumberCheckChar } from '@gongjian/shared';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { useApi } from '../helpers/api.js';
import { buildCity, buildMember } from '../helpers/factories.js';

// The server's clock is set to 17:30 UTC on 31 December 2026: 01:30 on 1 January 2027 in Beijing. A user there
// is in the new year; every "today" of the rules must be too, whatever the server's own time zone.
const NEW_YEAR_IN_BEIJING = '2026-12-31T17:30:00Z';
const NEW_YEARS_EVE_IN_BEIJING = '2026-12-31T10:00:00Z';

const api = useApi();
let city: Awaited<ReturnType<typeof buildCity>>;
let streetA: string;

const get = (url: string) => api.app.inject({ method: 'GET', url, headers: { cookie: streetA } });
const post = (url: string, payload: object) =>
  api.app.inject({ method: 'POST', url, headers: { cookie: streetA }, payload });

beforeAll(async () => {
  city = await buildCity(api.db);
});

beforeEach(async () => {
  streetA = await api.login(city.streetAUser.username);
});

afterEach(() => {
  vi.useRealTimers();
});

/** Moves the clock; signs in again, in case the session went idle meanwhile. */
async function at(instant: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(instant));
  streetA = await api.login(city.streetAUser.username);
}

describe("today is China's date", () => {
  it('accepts the date the user sees as today and refuses the day after', async () => {
    await at(NEW_YEAR_IN_BEIJING);
    const first17 = '62030219800101003';
    const member = {
      name: '元旦入党',
      gender: 'male',
      idNumber: first17 + idNumberCheckChar(first17),
      phone: '13812345600',
      status: 'probationary',
      category: 'resident',
      orgId: city.branchA.id,
      joinedOn: '2027-01-02',
    };
    const tomorrow = await post('/api/members', member);
    expect(tomorrow.statusCode).toBe(400);
    expect(tomorrow.json().message).toContain('不能晚于今天');
    const today = await post('/api/members', { ...member, joinedOn: '2027-01-01' });
    expect(today.statusCode, today.body).toBe(201);
    const detail = (await get(`/api/members/${today.json().id}`)).json();
    expect(detail.history).toEqual([expect.objectContaining({ fromOn: '2027-01-01' })]);
  });

  it("counts last year's report-in as last year's from midnight in Beijing", async () => {
    const member = await buildMember(api.db, city.branchA.id);
    await at(NEW_YEARS_EVE_IN_BEIJING);
    const created = await post('/api/floating-members', {
      direction: 'out',
      memberId: member.id,
      place: '广东省深圳市南山区',
      since: '2026-03-01',
    });
    expect(created.statusCode, created.body).toBe(201);
    const reported = await post(`/api/floating-members/${created.json().id}/report`, { reportedOn: '2026-12-31' });
    expect(reported.json()).toMatchObject({ reportedThisYear: true });

    await at(NEW_YEAR_IN_BEIJING);
    const listed = (await get('/api/floating-members?direction=out')).json();
    expect(listed.items).toEqual([
      expect.objectContaining({ id: created.json().id, reportedThisYear: false, shouldTransfer: true }),
    ]);
    const unreported = (await get('/api/floating-members?direction=out&due=unreported')).json();
    expect(unreported.items.map((f: { id: number }) => f.id)).toContain(created.json().id);
  });
});
