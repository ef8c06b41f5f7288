import { defineAuditCases } from '../../test/helpers/audit-cases.js';

export default defineAuditCases('jobs', (w) => ({
  audited: {
    'POST /api/jobs/{name}/run': {
      action: 'job.run',
      prepare: async () => {
        await w.api.app.jobs.register();
        return { request: () => w.send('POST', '/api/jobs/sessions.cleanup/run', w.admin) };
      },
    },
  },
}));
