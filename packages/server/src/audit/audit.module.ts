import { defineModule } from '../module.js';
import { registerAudit } from './audit.routes.js';

/** The audit trail: read-only pages over what the triggers recorded. */
export const auditModule = defineModule({
  name: 'audit',
  routes: registerAudit,
  fieldLabels: {
    entity: '对象类型',
    entityId: '对象ID',
    actor: '操作人',
    action: '操作',
    from: '开始时间',
    to: '结束时间',
    logins: '含登录记录',
  },
  auditActions: {
    'audit.reveal': '查看审计记录中的完整号码',
    'audit.export': '导出审计日志',
  },
  auditEntities: { audit_log: '审计记录' },
});
