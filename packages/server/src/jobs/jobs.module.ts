import { defineModule } from '../module.js';
import { registerJobs } from './jobs.routes.js';

/** The scheduled jobs' page: what runs when, the last runs, running one now. The jobs are the modules'. */
export const jobsModule = defineModule({
  name: 'jobs',
  routes: registerJobs,
  auditActions: { 'job.run': '立即运行定时任务' },
  auditEntities: { job: '定时任务' },
});
