import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoCity } from '../../src/seed/demo-city.js';
import { useApi } from '../helpers/api.js';

const api = useApi();

describe('the demo city: joint meetings and the three lists', () => {
  it('has a held meeting with attendance, an overdue task of the liaison unit carried to the next meeting, a project and a proposed match', async () => {
    await seedDemoCity(api.db, {
      districts: 1,
      streetsPerDistrict: 2,
      communitiesPerStreet: 2,
      branchesPerCommunity: 2,
      membersPerBranch: 5,
    });
    const shequ = await api.login('shequ', DEMO_PASSWORD);
    const list = (await api.get('/api/joint-meetings', shequ)).json() as {
      items: { id: number; status: string; present: number; invited: number; openTasks: number }[];
    };
    const held = list.items.find((m) => m.status === 'held');
    const next = list.items.find((m) => m.status === 'planned');
    expect(held?.present).toBeGreaterThan(0);
    expect(held?.invited).toBeGreaterThan(held?.present ?? 0);
    const planned = (await api.get(`/api/joint-meetings/${next?.id}`, shequ)).json() as {
      carried: { text: string; overdue: boolean }[];
    };
    expect(planned.carried).toContainEqual(
      expect.objectContaining({ text: '组织党员志愿者开展冬季楼道照明排查', overdue: true }),
    );

    const liaison = await api.login('lianluoyuan', DEMO_PASSWORD);
    const tasks = (await api.get('/api/joint-meetings/unit-tasks', liaison)).json() as { items: { state: string }[] };
    expect(tasks.items.map((t) => t.state)).toContain('overdue');
    const wb = (await api.get('/api/workbench', shequ)).json() as { sources: { name: string; overdue: number }[] };
    expect(wb.sources.find((s) => s.name === 'joint-meetings.tasks')?.overdue).toBeGreaterThan(0);

    const projects = (await api.get('/api/co-lists/projects', shequ)).json() as { items: { status: string }[] };
    expect(projects.items.map((p) => p.status)).toEqual(['done']);
    const matches = (await api.get('/api/co-lists/matches', shequ)).json() as {
      items: { need: { title: string }; resources: { title: string }[] }[];
    };
    expect(matches.items.find((m) => m.need.title === '老年健身队周末活动场地')?.resources[0]?.title).toBe(
      '体育馆周末开放',
    );
    const figures = (await api.get('/api/joint-meetings/figures', shequ)).json();
    expect(figures).toMatchObject({ meetingsHeld: 1, needsMet: 1, projectsDone: 1 });
  });
});
