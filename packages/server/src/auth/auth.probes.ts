import { defineProbes } from '../../test/helpers/scope-probes.js';

export default defineProbes('auth', () => ({
  probes: {},
  self: ['GET /api/me', 'POST /api/auth/logout', 'POST /api/auth/password'],
}));
