import { addDays, chinaToday } from '@gongjian/shared';
import { defineProbes } from '../../test/helpers/scope-probes.js';

export default defineProbes('workbench', ({ city }) => ({
  probes: {
    // The account's own scope: street B's items must not show (the markers of street B are looked for).
    'GET /api/workbench': [{ url: () => '/api/workbench', list: true }],
    // An item of street B (its branch's term is over: org-checks.probes.ts) cannot be put aside from street A.
    'POST /api/workbench/snoozes': [
      {
        url: () => '/api/workbench/snoozes',
        body: () => ({
          key: `org-checks.terms:${city.branchB.id}`,
          until: addDays(chinaToday(), 7),
          reason: '越权暂缓',
        }),
      },
    ],
  },
}));
