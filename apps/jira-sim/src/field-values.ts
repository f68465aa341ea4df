import type { SimField } from './sim-records';

function isAdfDocument(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'doc'
  );
}

/**
 * Why Jira would refuse `value` for `field` in an edit, or undefined when it is acceptable.
 * The messages are Jira's own for these cases.
 */
export function fieldValueError(field: SimField, value: unknown): string | undefined {
  if (field.id === 'summary') {
    return typeof value === 'string' && value.trim() !== ''
      ? undefined
      : 'You must specify a summary of the issue.';
  }
  if (field.id === 'description') {
    // REST v3 takes rich text only as an Atlassian Document.
    return value === null || isAdfDocument(value)
      ? undefined
      : 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
  }
  if (value === null) return undefined;
  switch (field.schema.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : 'Operation value must be a number';
    case 'string':
      return typeof value === 'string' ? undefined : 'Operation value must be a string';
    case 'array':
      if (!Array.isArray(value) || value.some((label) => typeof label !== 'string')) {
        return 'Operation value must be an array of strings';
      }
      return value.some((label: string) => /\s/.test(label))
        ? 'The label contains spaces which is invalid.'
        : undefined;
    case 'option': {
      const chosen: unknown =
        typeof value === 'object' ? (value as { value?: unknown }).value : undefined;
      return typeof chosen === 'string' && field.allowedValues?.includes(chosen)
        ? undefined
        : `Option value '${String(chosen)}' is not valid`;
    }
    case 'user':
      return typeof (value as { accountId?: unknown }).accountId === 'string'
        ? undefined
        : 'Specify a valid value for assignee';
    default:
      return `Field '${field.id}' cannot be set.`;
  }
}

/** The form a value is stored in: users by account ID, options by value. */
export function storedValue(field: SimField, value: unknown): unknown {
  if (value === null) return null;
  if (field.schema.type === 'user') return (value as { accountId: string }).accountId;
  return value;
}
