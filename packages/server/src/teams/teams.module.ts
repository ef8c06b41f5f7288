import { defineModule } from '../module.js';
import { registerTeams } from './teams.routes.js';

/** The leadership teams (班子) of organisations: posts, appointments, departures. */
export const teamsModule = defineModule({
  name: 'teams',
  routes: registerTeams,
  fieldLabels: {
    personName: '姓名',
    position: '职务',
    homeUnit: '所在驻区单位',
    residentsPost: '居委会职务',
    startedOn: '任职日期',
  },
  auditActions: {
    'team_post.create': '任命班子职务',
    'team_post.end': '班子成员离任',
    'team_post.export': '导出领导班子',
  },
  auditEntities: { team_post: '班子职务' },
});
