import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { errorMessage } from '../api/errors';
import { putErrorOnField } from './field-errors';

/**
 * The one way a console form reports a failed save: a 400 about one of its fields beside that field, anything
 * else as a message. `aliases` maps a request key to the form's name where they differ.
 */
export function useFormError(form: FormInstance | undefined, aliases?: Record<string, string>) {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown) => {
      if (!form || !putErrorOnField(form, error, aliases)) message.error(errorMessage(error));
    },
    [form, aliases, message],
  );
}
