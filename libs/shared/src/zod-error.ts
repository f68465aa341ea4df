import type { z } from 'zod';

/** One short line describing why a value failed validation, e.g. `issueKeys.0: must look like PROJ-123`. */
export function formatZodError(error: z.ZodError): string {
  const [first, ...rest] = error.issues;
  if (!first) {
    return 'invalid input';
  }
  const line = describeIssue(first);
  return rest.length === 0 ? line : `${line} (and ${rest.length} more)`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((segment) => String(segment)).join('.');
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((key) => `"${key}"`).join(', ')}`
      : issue.message;
  return path ? `${path}: ${message}` : message;
}
