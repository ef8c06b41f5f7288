import { defineProbes } from '../../test/helpers/scope-probes.js';

// Platform-wide: an administrator bound to street A is refused (403), as is the street committee.
export default defineProbes('jobs', () => ({
  probes: {
    'GET /api/jobs': [{ url: () => '/api/jobs' }],
    'GET /api/jobs/:name/runs': [{ url: () => '/api/jobs/sessions.cleanup/runs' }],
    'POST /api/jobs/:name/run': [{ url: () => '/api/jobs/sessions.cleanup/run' }],
  },
}));
