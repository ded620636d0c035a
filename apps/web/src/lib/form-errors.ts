import type { FormInstance } from 'antd';
import type { ApiError } from './api-error';
import { localMessage } from './server-messages';

/** "targets[2].weight" → ['targets', 2, 'weight'], the name path Ant Design forms use. */
export function namePathOf(path: string): (string | number)[] {
  return path
    .split(/[.[\]]/)
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows each field the API named next to that field; returns the problems no field of the form
 * holds, for a message above the form.
 */
export function showFieldErrors(form: FormInstance, error: ApiError, language: string): string[] {
  const unplaced: string[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const problem of error.errors) {
    const name = namePathOf(problem.path);
    if (name.length > 0 && form.getFieldInstance(name) !== undefined) fields.push({ name, errors: [localMessage(problem.message, language)] });
    else unplaced.push(problem.path ? `${problem.path}: ${localMessage(problem.message, language)}` : localMessage(problem.message, language));
  }
  form.setFields(fields);
  return unplaced;
}
