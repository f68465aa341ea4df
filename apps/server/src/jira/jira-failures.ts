import { DomainError } from '../errors/domain.error';
import { JiraError } from './jira-error';

/** What some of Jira's answers mean for the call at hand; the rest have one meaning everywhere. */
export interface JiraFailureMeanings {
  /** 400: Jira refused what we sent (a value, a query). */
  badRequest?: (error: JiraError) => DomainError;
  /** 403: Jira refused the app or the person. */
  forbidden?: (error: JiraError) => DomainError;
  /** 404: it does not exist, or the caller may not see it (Jira does not tell which). */
  notFound?: (error: JiraError) => DomainError;
}

/**
 * The one place a failed Jira call becomes the contract's error: what the caller says a 400,
 * 403 or 404 means there, else JIRA_ERROR with a message the person can act on. Jira's own text
 * is passed on only where a caller chooses to (it can name what the person may not see).
 */
export function jiraFailure(error: unknown, meanings: JiraFailureMeanings = {}): DomainError {
  if (error instanceof DomainError) return error;
  if (!(error instanceof JiraError))
    return new DomainError('JIRA_ERROR', 'Jira could not be reached.');
  const meaning =
    error.status === 400
      ? meanings.badRequest
      : error.status === 403
        ? meanings.forbidden
        : error.status === 404
          ? meanings.notFound
          : undefined;
  if (meaning) return meaning(error);
  if (error.status === 0)
    return new DomainError('JIRA_ERROR', `${error.message} Try again in a moment.`);
  if (error.status === 429) {
    return new DomainError('JIRA_ERROR', 'Jira is rate-limiting this app; try again in a minute.');
  }
  if (error.status >= 500) {
    return new DomainError(
      'JIRA_ERROR',
      `Jira is having trouble (HTTP ${error.status}); try again later.`,
    );
  }
  return new DomainError('JIRA_ERROR', `Jira refused the request (HTTP ${error.status}).`);
}

/** Whether a Jira call failed with `status` (a 404 the caller collects rather than maps). */
export function isJiraStatus(error: unknown, status: number): boolean {
  return error instanceof JiraError && error.status === status;
}
