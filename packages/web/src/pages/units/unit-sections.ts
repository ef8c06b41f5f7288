import type { ComponentType } from 'react';
import type { Unit } from '../../api/units';
import { UnitConsultationsSection } from '../consultations/unit-section';
import { UnitBookingsSection } from '../facilities/unit-section';
import { UnitNeedsSection, UnitResourcesSection } from '../co-lists/unit-page';
import { UnitTasksSection } from '../joint-meetings/tasks-page';

/**
 * The parts of 本单位共建 (the unit liaison's page) that other modules own: each registers one entry here (its
 * tasks, resources, bookings, consultations …) and the page shows them in this order under the unit's card, each
 * given the unit. The page itself stays the units module's; a module adds a line here, not an edit to the page.
 */
export type UnitSection = {
  /** Stable and unique: the module's name. */
  key: string;
  title: string;
  component: ComponentType<{ unit: Unit }>;
};

export const UNIT_SECTIONS: UnitSection[] = [
  { key: 'joint-meetings', title: '联席会议任务', component: UnitTasksSection },
  { key: 'co-lists.needs', title: '社区需求（可认领）', component: UnitNeedsSection },
  { key: 'co-lists.resources', title: '本单位资源', component: UnitResourcesSection },
  { key: 'facilities', title: '设施预约待审批', component: UnitBookingsSection },
  { key: 'consultations', title: '事前征求意见', component: UnitConsultationsSection },
];
