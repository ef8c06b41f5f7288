import { defineModule } from '../module.js';
import { registerWorkbench } from './workbench.routes.js';

/** 工作台 (事前提醒): what falls due in the account's scope, collected from the modules' due sources. */
export const workbenchModule = defineModule({
  name: 'workbench',
  routes: registerWorkbench,
});
