import { lastClosedServiceQuarter, serviceQuarterOf } from '@gongjian/shared';
import { SYSTEM_AUDIT } from '../db/audited.js';
import { defineModule } from '../module.js';
import type { Job } from '../scheduler/runner.js';
import { generateClosedQuarter, writeSheets } from './volunteer-sheets.service.js';
import { registerVolunteerSheets } from './volunteer-sheets.routes.js';
import { volunteerRuleSettings } from './volunteer-sheets.tables.js';

/** Daily, so that a quarter's sheets are there the first morning after it ends; the sheets already made are left. */
const quarterlyJob: Job = {
  name: 'volunteer-sheets.quarterly',
  label: '季度结束后生成在职党员社区表现反馈表（已生成的不重复）',
  schedule: { dailyAt: '01:30' },
  run: ({ db, now }) => generateClosedQuarter(db, SYSTEM_AUDIT, now),
};

/** Local rules of volunteer service, the quarterly residence-performance sheets, the volunteering figures. */
export const volunteerSheetsModule = defineModule({
  name: 'volunteer-sheets',
  routes: registerVolunteerSheets,
  fieldLabels: {
    yearlyTargetHours: '年度服务时长目标',
    pointsEnabled: '启用积分',
    pointsPerHour: '每小时积分',
    pointsPerActivity: '按活动类型计分',
    rankingEnabled: '显示排行',
    year: '年度',
    quarter: '季度',
    unitOrgId: '单位党组织',
    communityId: '社区',
    sentOn: '送达日期',
    period: '统计周期',
  },
  auditActions: {
    'volunteer_rules.update': '修改志愿服务规则',
    'residence_sheet.generate': '生成在职党员社区表现反馈表',
    'residence_sheet.send': '标记反馈表已送达单位',
    'residence_sheet.export': '导出在职党员社区表现反馈表',
    'residence_sheet.print': '打印在职党员社区表现反馈表',
  },
  auditEntities: {
    volunteer_rule_setting: '志愿服务规则',
    residence_sheet: '在职党员社区表现反馈表',
    residence_sheet_send: '反馈表送达',
  },
  jobs: [quarterlyJob],
  /** District0 asks 50 hours a year of its in-service members; the last and the current quarter's sheets exist. */
  demo: async (tx, city) => {
    const district = city.orgIds.district0;
    if (!district) return;
    await tx.insert(volunteerRuleSettings).values({ orgId: district, yearlyTargetHours: '50' });
    const today = city.today;
    for (const quarter of [lastClosedServiceQuarter(today), serviceQuarterOf(today)]) {
      await writeSheets(tx, SYSTEM_AUDIT, { rootPath: null, quarter, today, mode: 'refresh' });
    }
  },
});
