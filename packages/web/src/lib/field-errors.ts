import { ApiError } from '../api/errors';

type NamePath = (string | number)[];

/**
 * What both form libraries offer (antd's and antd-mobile's forms are the same rc-field-form): the fields the form
 * holds and a way to set their errors. No antd import here: the phone pages use this too.
 */
export type FieldForm = {
  getFieldsError(): { name: NamePath }[];
  // `never[]`: any form's typed setFields fits (a form of typed values takes only its own names).
  setFields(fields: never[]): void;
  scrollToField?(name: NamePath): void;
};

type FieldData = { name: NamePath; errors: string[] };

const samePrefix = (name: NamePath, path: NamePath) => name.every((part, i) => String(part) === String(path[i]));

/**
 * Puts a 400 about one field beside that field when the form holds it (`setFields`), with what is wrong with it
 * (the message without the label the form item already shows). `aliases` maps a request key to the form's name
 * where they differ. False when the error is about something else: the caller shows it as a message.
 */
export function putErrorOnField(form: FieldForm, error: unknown, aliases: Record<string, string> = {}): boolean {
  if (!(error instanceof ApiError) || error.status !== 400 || !error.field) return false;
  const [head = '', ...rest] = error.field.split('.');
  const path: NamePath = [...(aliases[head] ?? head).split('.'), ...rest].map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  // The longest name the form holds that the field's path starts with: `tags.2` lands on `tags`.
  const name = form
    .getFieldsError()
    .map((f) => f.name)
    .filter((n) => n.length > 0 && samePrefix(n, path))
    .sort((a, b) => b.length - a.length)[0];
  if (!name) return false;
  const cut = error.message.indexOf('：');
  const fields: FieldData[] = [{ name, errors: [cut >= 0 ? error.message.slice(cut + 1) : error.message] }];
  form.setFields(fields as never[]);
  form.scrollToField?.(name);
  return true;
}
