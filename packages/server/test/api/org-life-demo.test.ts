import { chinaToday, DEFAULT_MEETING_RULES, standingOf } from '@gongjian/shared';
import { describe, expect, it } from 'vitest';
import { seedDemoCity } from '../../src/seed/demo-city.js';
import { useApi } from '../helpers/api.js';

/** The demo city's organisational life: one branch of the first community at risk, a meeting planned for 田志远. */
const api = useApi();

describe('org-life demo', () => {
  it('shows the first branch at risk in its community and a planned meeting on the member’s phone', async () => {
    await seedDemoCity(api.db);
    const dangyuan = await api.login('dangyuan', 'Demo@2026');
    const mine = (await api.get('/api/org-life/mine?when=upcoming', dangyuan)).json();
    expect(mine.items[0]).toMatchObject({ type: 'general_assembly', status: 'draft' });
    const past = (await api.get('/api/org-life/mine?when=past', dangyuan)).json();
    expect(past.total).toBeGreaterThan(10);
    const shequ = await api.login('shequ', 'Demo@2026');
    const standings = (await api.get('/api/org-life/standings', shequ)).json();
    const statuses = standings.items.map((b: { orgName: string; status: string }) => [b.orgName, b.status]);
    const atRisk = standings.items.filter((b: { status: string }) => b.status === 'at_risk');
    // In a quarter's last month (the demo's December): the first branch, for its 党员大会 only.
    if (standingOf(DEFAULT_MEETING_RULES[0]!, chinaToday(), 0)?.status !== 'at_risk') return;
    expect(
      atRisk.map((b: { orgName: string }) => b.orgName),
      JSON.stringify(statuses),
    ).toEqual(['和平社区第一党支部']);
    expect(atRisk[0].standings.filter((s: { status: string }) => s.status === 'at_risk')).toMatchObject([
      { type: 'general_assembly' },
    ]);
  });
});
