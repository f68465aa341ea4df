import type { Response } from 'express';

/** Jira's error body: general messages plus per-field messages keyed by field ID. */
export function sendJiraError(
  res: Response,
  status: number,
  errorMessages: string[],
  errors: Record<string, string> = {},
): void {
  res.status(status).json({ errorMessages, errors });
}

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';
