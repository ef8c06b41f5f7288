import { defineModule } from '../module.js';
import { registerAccounts } from './accounts.routes.js';

/** Accounts of the platform: creation, editing (name, role, organisation), disabling, password resets, the link to a member's record. */
export const accountsModule = defineModule({
  name: 'accounts',
  routes: registerAccounts,
  fieldLabels: {
    username: '用户名',
    password: '密码',
    displayName: '姓名',
    role: '角色',
  },
  auditActions: {
    'account.create': '新建账号',
    'account.update': '修改账号',
    'account.disable': '停用账号',
    'account.enable': '启用账号',
    'account.reset_password': '重置密码',
    'account.export': '导出账号列表',
    'account.link_member': '关联党员档案',
    'account.unlink_member': '解除关联党员档案',
  },
  auditEntities: { account: '账号' },
});
