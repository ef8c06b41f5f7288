/** Chinese names of request fields, so a 400 names the field as the user knows it. */
const LABELS: Record<string, string> = {
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  displayName: '姓名',
  orgId: '所属组织',
  role: '角色',
  parentId: '上级组织',
  name: '名称',
  type: '组织类型',
  sector: '组织类别',
  code: '组织编码',
  foundedOn: '成立日期',
  id: 'ID',
  page: '页码',
  pageSize: '每页条数',
  entity: '对象类型',
  entityId: '对象ID',
  actor: '操作人',
  from: '开始时间',
  to: '结束时间',
  q: '关键词',
};

export function fieldLabel(field: string): string {
  const label = LABELS[field];
  return label ? `${label}(${field})` : field;
}
