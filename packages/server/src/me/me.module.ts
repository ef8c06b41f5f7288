import { MEMBER_FIELD_LABELS } from '@gongjian/shared';
import { defineModule } from '../module.js';
import { ownProbationDue, ownRegistrationDue } from './me.due.js';
import { registerMe } from './me.routes.js';

/** A party member acting for themselves (the phone pages at /m/): their profile and what falls due for them. */
export const meModule = defineModule({
  name: 'me',
  routes: registerMe,
  fieldLabels: {
    phone: MEMBER_FIELD_LABELS.phone,
    residence: MEMBER_FIELD_LABELS.residence,
    tags: MEMBER_FIELD_LABELS.tags,
  },
  auditActions: { 'me.profile.update': '党员本人修改联系电话、居住地或特长' },
  dueSources: [ownProbationDue, ownRegistrationDue],
});
