import { passwordProblem } from '@gongjian/shared';
import type { FormRule } from 'antd';

/** A new password's rules in a form: required, then the shared policy's own words. */
export const passwordRules = (requiredMessage: string): FormRule[] => [
  { required: true, message: requiredMessage },
  {
    validator: async (_, value: string | undefined) => {
      const problem = value ? passwordProblem(value) : null;
      if (problem) throw new Error(problem);
    },
  },
];
