export const layoutText = {
  systemName: '共建 · 社区党建平台',
  menu: {
    orgs: '组织体系',
    members: '党员管理',
    due: '转正提醒',
    transfers: '组织关系转接',
    floating: '流动党员',
    inService: '在职党员报到',
    myRegistration: '我的社区报到',
    accounts: '账号管理',
    audit: '审计日志',
  },
  changePassword: '修改密码',
  logout: '退出登录',
  logoutFailed: '退出失败',
  welcome: '欢迎使用共建',
  noMenu: '当前账号暂无可用功能，请联系管理员分配权限',
};
