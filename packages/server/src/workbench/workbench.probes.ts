import { defineProbes } from '../../test/helpers/scope-probes.js';

export default defineProbes('workbench', () => ({
  probes: {
    // The account's own scope: street B's items must not show (the markers of street B are looked for).
    'GET /api/workbench': [{ url: () => '/api/workbench', list: true }],
  },
}));
