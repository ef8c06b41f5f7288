import { defineProbes } from '../../test/helpers/scope-probes.js';

// No id in these paths or bodies: the account's own link to its member profile is the only thing they name.
export default defineProbes('me', () => ({
  probes: {},
  self: ['GET /api/me/profile', 'PATCH /api/me/profile'],
}));
