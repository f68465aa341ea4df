import { TIME_TRACKING_FIELD } from '@poker/shared';
import type { JiraIssue } from './issue-json';

/** What an empty estimate shows. */
export const NO_ESTIMATE = '—';

/**
 * The estimate Jira holds now in `fieldId` of an issue, as people read it: a number formatted
 * for the locale, Original Estimate as Jira's own duration text ("1d 4h"), "—" when empty.
 * Undefined while the issue (or which field) is not known yet.
 */
export function jiraEstimateText(
  issue: JiraIssue | undefined,
  fieldId: string | null | undefined,
  locale?: string,
): string | undefined {
  if (!issue?.found || fieldId === undefined) return undefined;
  if (fieldId === null) return NO_ESTIMATE;
  if (fieldId === TIME_TRACKING_FIELD) return issue.originalEstimate ?? NO_ESTIMATE;
  if (!(fieldId in issue.values)) return undefined;
  const value = issue.values[fieldId];
  if (typeof value === 'number' && Number.isFinite(value)) {
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  }
  return typeof value === 'string' && value.trim() !== '' ? value : NO_ESTIMATE;
}
