export const loginText = {
  title: '账号登录',
  username: '用户名',
  usernameRequired: '请输入用户名',
  password: '密码',
  passwordRequired: '请输入密码',
  submit: '登录',
  forgot: '忘记密码或账号被锁定，请联系系统管理员重置密码或解除锁定。',
};
