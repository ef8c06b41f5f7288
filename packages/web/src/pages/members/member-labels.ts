import {
  GENDER_LABELS,
  MANAGEMENT_MODE_LABELS,
  MANAGEMENT_MODES,
  MEMBER_CATEGORIES,
  MEMBER_CATEGORY_LABELS,
  MEMBER_STATUS_LABELS,
  MEMBER_STATUSES,
} from '@gongjian/shared';

export const categoryOptions = MEMBER_CATEGORIES.map((value) => ({ value, label: MEMBER_CATEGORY_LABELS[value] }));
export const statusOptions = MEMBER_STATUSES.map((value) => ({ value, label: MEMBER_STATUS_LABELS[value] }));
export const modeOptions = MANAGEMENT_MODES.map((value) => ({ value, label: MANAGEMENT_MODE_LABELS[value] }));
export const genderOptions = (['male', 'female'] as const).map((value) => ({ value, label: GENDER_LABELS[value] }));
export { GENDER_LABELS, MANAGEMENT_MODE_LABELS, MEMBER_CATEGORY_LABELS, MEMBER_STATUS_LABELS };
