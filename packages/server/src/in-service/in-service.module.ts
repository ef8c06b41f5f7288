import { defineModule } from '../module.js';
import { registerInService } from './in-service.routes.js';

/** In-service members registering with the community where they live (在职党员双报到). */
export const inServiceModule = defineModule({
  name: 'in-service',
  routes: registerInService,
  fieldLabels: {
    communityId: '报到社区',
    wishes: '服务意愿',
    view: '视角',
  },
  auditActions: {
    'in_service.export': '导出在职党员报到列表',
    'in_service.register': '登记在职党员报到',
    'in_service.register_self': '在职党员本人报到',
    'in_service.end': '结束在职党员报到',
  },
  auditEntities: { in_service_registration: '在职党员报到' },
});
