export const layoutText = {
  systemName: '共建 · 社区党建平台',
  changePassword: '修改密码',
  logout: '退出登录',
  logoutFailed: '退出失败',
  welcome: '欢迎使用共建',
  noMenu: '当前账号暂无可用功能，请联系管理员分配权限',
  /** The breadcrumb's last step on a record's page. */
  detail: '详情',
};
