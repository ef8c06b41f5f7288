import { z } from 'zod';

// Validation messages in Chinese; a missing field says so plainly instead of "expected string, received undefined".
z.config(z.locales.zhCN());
z.config({
  customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? '不能为空' : undefined),
});
