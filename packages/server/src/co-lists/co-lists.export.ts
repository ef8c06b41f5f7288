import {
  CO_CATEGORY_LABELS,
  NEED_STATUS_LABELS,
  PROJECT_STATUS_LABELS,
  RESOURCE_PROVIDER_LABELS,
} from '@gongjian/shared';
import type { SheetColumn } from '../http/xlsx.js';
import type { Need, Project, Resource } from './co-lists.schema.js';

export const NEED_COLUMNS: SheetColumn<Need>[] = [
  { header: '社区', width: 20, value: (r) => r.orgName },
  { header: '需求', width: 30, value: (r) => r.title },
  { header: '类别', width: 10, value: (r) => CO_CATEGORY_LABELS[r.category] },
  { header: '说明', width: 40, value: (r) => r.description },
  { header: '地点', width: 20, value: (r) => r.place },
  { header: '需要日期', width: 12, value: (r) => r.neededBy },
  { header: '状态', width: 10, value: (r) => NEED_STATUS_LABELS[r.status] },
  { header: '认领单位', width: 24, value: (r) => r.claimedUnitName },
  { header: '满足日期', width: 12, value: (r) => r.metOn },
];

export const RESOURCE_COLUMNS: SheetColumn<Resource>[] = [
  { header: '社区', width: 20, value: (r) => r.orgName },
  { header: '资源', width: 30, value: (r) => r.title },
  { header: '类别', width: 10, value: (r) => CO_CATEGORY_LABELS[r.category] },
  { header: '提供方类型', width: 10, value: (r) => RESOURCE_PROVIDER_LABELS[r.provider] },
  { header: '提供方', width: 24, value: (r) => r.providerName },
  { header: '说明', width: 40, value: (r) => r.description },
  { header: '地点', width: 20, value: (r) => r.place },
  { header: '可用时间', width: 20, value: (r) => r.availability },
  { header: '开始日期', width: 12, value: (r) => r.availableFrom },
  { header: '结束日期', width: 12, value: (r) => r.availableTo },
  { header: '状态', width: 10, value: (r) => (!r.active ? '已停用' : r.committed ? '项目使用中' : '可用') },
];

export const PROJECT_COLUMNS: SheetColumn<Project>[] = [
  { header: '社区', width: 20, value: (r) => r.orgName },
  { header: '项目', width: 30, value: (r) => r.title },
  { header: '需求', width: 30, value: (r) => r.needTitle },
  { header: '资源', width: 40, value: (r) => r.resources.map((x) => `${x.title}（${x.providerName}）`).join('；') },
  { header: '负责人', width: 12, value: (r) => r.leadName },
  { header: '牵头单位', width: 24, value: (r) => r.leadUnitName },
  { header: '开始日期', width: 12, value: (r) => r.startedOn },
  { header: '结束日期', width: 12, value: (r) => r.endedOn },
  { header: '状态', width: 10, value: (r) => PROJECT_STATUS_LABELS[r.status] },
  { header: '成效', width: 40, value: (r) => r.result },
];
