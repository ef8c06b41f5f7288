/**
 * Chinese names of request fields, so that a 400 names the field as the user knows it. These are the fields
 * many modules take; each module declares its own (module.ts `fieldLabels`), and buildApp puts the union on each
 * of the module's routes (`config.fieldLabels`), where they win over these.
 */
export const COMMON_FIELD_LABELS: Readonly<Record<string, string>> = {
  id: 'ID',
  page: '页码',
  pageSize: '每页条数',
  q: '关键词',
  orgId: '所属组织',
  parentId: '上级组织',
  name: '名称',
  type: '组织类型',
  code: '组织编码',
  address: '地址',
  status: '状态',
  memberId: '党员',
  member: '党员档案',
  idNumber: '身份证号',
  phone: '联系电话',
  residence: '居住楼院',
  reason: '理由',
  updatedAt: '更新时间',
  endedOn: '结束日期',
  includeEnded: '含已结束',
  termStartedOn: '本届任期开始日期',
  managementMode: '管理方式',
};

export type FieldLabels = Readonly<Record<string, string>>;

/**
 * The field's Chinese name, as a 400's message shows it (`姓名：不能为空`); the key travels apart, in the answer's
 * `field`, for the form to put the message beside its item. `labels` are the route's.
 */
export function fieldLabel(field: string, labels: FieldLabels = COMMON_FIELD_LABELS): string {
  // Items of a list ("tags.2") and fields of an object ("member.name") carry the outer field's name.
  const outer = field.split('.')[0] ?? '';
  return labels[field] ?? COMMON_FIELD_LABELS[field] ?? labels[outer] ?? COMMON_FIELD_LABELS[outer] ?? field;
}
