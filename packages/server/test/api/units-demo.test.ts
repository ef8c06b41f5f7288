import { describe, expect, it } from 'vitest';
import { seedDemoCity } from '../../src/seed/demo-city.js';
import { useApi } from '../helpers/api.js';

/** The demo city's co-building: community0's big committee of 14 with 10 part-time, the liaison, two zones. */
const api = useApi();

describe('units demo', () => {
  it('has the committee of seed 004, a flagged unit, the liaison of 市第一中学 and street0 half covered', async () => {
    await seedDemoCity(api.db);
    const shequ = await api.login('shequ', 'Demo@2026');
    const units = (await api.get('/api/units?pageSize=50', shequ)).json();
    expect(units.total).toBe(11);
    expect(units.items.filter((u: { newOrgId: number | null }) => u.newOrgId !== null)).toHaveLength(1);
    const committee = (await api.get('/api/units/committee?orgId=' + units.items[0].org.id, shequ)).json();
    expect(committee.composition).toEqual({ members: 14, partTime: 10, units: 10 });
    expect(committee.flagged.map((f: { name: string }) => f.name)).toEqual(['市中医院']);
    const workbench = (await api.get('/api/workbench', shequ)).json();
    expect(workbench.sources.find((s: { name: string }) => s.name === 'units.committee_left')?.total).toBe(1);

    const liaison = await api.login('lianluoyuan', 'Demo@2026');
    const mine = (await api.get('/api/units/mine', liaison)).json();
    expect(mine.items.map((u: { name: string }) => u.name)).toEqual(['市第一中学']);

    const jiedao = await api.login('jiedao', 'Demo@2026');
    const coverage = (await api.get('/api/zones/coverage', jiedao)).json();
    expect(coverage).toMatchObject({ zones: 2, communities: 2, coveredCommunities: 1, percent: 50 });
    const figures = (await api.get('/api/units/figures', jiedao)).json();
    expect(figures.figures).toMatchObject({ units: 11, linked: 1, partTime: 10 });
  });
});
