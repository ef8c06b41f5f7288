import { defineProbes } from '../../test/helpers/scope-probes.js';

export default defineProbes('figures', ({ city }) => ({
  probes: {
    'GET /api/organizations/:id/figures': [
      { url: () => `/api/organizations/${city.communityB.id}/figures` },
      // The district holds street A too, but its figures are the whole district's: not street A's to see.
      { url: () => `/api/organizations/${city.district.id}/figures` },
    ],
    'GET /api/organizations/:id/figures/export': [
      { url: () => `/api/organizations/${city.communityB.id}/figures/export` },
      { url: () => `/api/organizations/${city.district.id}/figures/export` },
    ],
  },
}));
