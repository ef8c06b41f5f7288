import { defineModule } from '../module.js';
import { registerWorkbench } from './workbench.routes.js';

/** 工作台 (事前提醒): what falls due in the account's scope, collected from the modules' due sources. */
export const workbenchModule = defineModule({
  name: 'workbench',
  routes: registerWorkbench,
  fieldLabels: { key: '事项', until: '暂缓至' },
  auditActions: { 'workbench.snooze': '暂缓工作台事项' },
  auditEntities: { due_snooze: '工作台暂缓' },
});
