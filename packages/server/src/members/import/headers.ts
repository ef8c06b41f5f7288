import { MEMBER_FIELD_LABELS } from '@gongjian/shared';

/** The roster columns the import understands, with the header names people actually use for them. */
export const IMPORT_FIELDS = [
  'name',
  'gender',
  'ethnicity',
  'idNumber',
  'phone',
  'education',
  'joinedOn',
  'fullMemberOn',
  'status',
  'category',
  'managementMode',
  'orgName',
  'residence',
  'employer',
  'tags',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The headers the import writes (its template, its report) and the export writes: the profile's labels. */
export const IMPORT_FIELD_LABELS: Record<ImportField, string> = MEMBER_FIELD_LABELS;

/** Header variants, compared after normalising (no spaces, brackets, colons or asterisks). */
const VARIANTS: Record<ImportField, string[]> = {
  name: ['姓名', '党员姓名', '名字'],
  gender: ['性别'],
  ethnicity: ['民族'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码', '公民身份证号', '公民身份证号码', '身份证'],
  phone: ['联系电话', '手机号码', '手机号', '手机', '电话', '联系方式', '电话号码'],
  education: ['学历', '文化程度', '最高学历'],
  joinedOn: ['入党时间', '入党日期', '入党年月', '加入党组织日期', '入党年月日'],
  fullMemberOn: ['转正时间', '转正日期', '转为正式党员日期', '转正年月'],
  status: ['党员状态', '人员状态', '党籍状态', '是否预备党员', '党员身份'],
  category: ['人员类别', '党员类别', '党员类型', '类别'],
  managementMode: ['管理方式', '管理类型'],
  orgName: ['所在支部', '所在党支部', '所在党组织', '党组织', '支部', '所属支部', '所属党组织'],
  residence: ['居住楼院', '居住地址', '家庭住址', '现居住地', '住址', '楼院', '楼栋'],
  employer: ['工作单位', '单位', '工作单位及职务', '所在单位'],
  tags: ['特长兴趣', '特长', '兴趣爱好', '特长爱好', '专长'],
};

/** Columns that carry nothing to import. */
const IGNORED = ['序号', '编号', '备注'];

export function normaliseHeader(text: string): string {
  return text.replace(/[\s*：:（）()【】[\]]/g, '').trim();
}

export function fieldForHeader(text: string): ImportField | null {
  const h = normaliseHeader(text);
  if (!h || IGNORED.includes(h)) return null;
  for (const field of IMPORT_FIELDS) if (VARIANTS[field].includes(h)) return field;
  return null;
}

export type Mapping = Partial<Record<ImportField, number>>;

/**
 * The header row is the first of the top rows in which at least two cells name known columns (a title row
 * such as "某某社区党员花名册" above it names none). Returns its index, or -1.
 */
export function findHeaderRow(rows: string[][], lookAhead = 10): number {
  for (let i = 0; i < Math.min(rows.length, lookAhead); i++) {
    const known = (rows[i] ?? []).filter((cell) => fieldForHeader(cell) !== null).length;
    if (known >= 2) return i;
  }
  return -1;
}

/** The guessed mapping: each field to the first column whose header names it. */
export function guessMapping(headers: string[]): Mapping {
  const mapping: Mapping = {};
  headers.forEach((header, column) => {
    const field = fieldForHeader(header);
    if (field && mapping[field] === undefined) mapping[field] = column;
  });
  return mapping;
}

export const REQUIRED_FIELDS: readonly ImportField[] = ['name', 'idNumber'];
