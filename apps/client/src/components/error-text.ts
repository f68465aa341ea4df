import type { AckError } from '@poker/shared';

const TITLES: Record<AckError['code'], string> = {
  BAD_REQUEST: 'That did not work',
  UNAUTHENTICATED: 'Your session needs refreshing',
  FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'Not found',
  CONFLICT: 'That cannot be done right now',
  JIRA_ERROR: 'Jira refused',
  RATE_LIMITED: 'Slow down a little',
  INTERNAL: 'Something went wrong',
};

/** A failed action's heading, by its error code. */
export function errorTitle(error: AckError): string {
  return TITLES[error.code];
}

// The validation library's own wording, which must never reach a person as it is.
const SCHEMA_TEXT =
  /Too (?:small|big)|expected (?:string|number|array|boolean|object)|Invalid (?:input|option|string|type)|Unrecognized key/i;

const FIELD_NAMES: Record<string, string> = {
  name: 'the room’s name',
  deck: 'the deck',
  issueKeys: 'the issue keys',
  jql: 'the JQL query',
  fieldId: 'the estimate field',
  value: 'the estimate',
  seconds: 'the timer length',
  accountId: 'the person',
};

/**
 * The server's words for a failed action, except a schema's raw text ("name: Too small:
 * expected string…"), which becomes a sentence about the field it names.
 */
export function readableError(error: AckError): string {
  if (!SCHEMA_TEXT.test(error.message)) return error.message;
  const field = /^([\w]+)[\w.]*: /.exec(error.message)?.[1];
  const what = (field && FIELD_NAMES[field]) ?? 'what was sent';
  return `The app did not accept ${what}. Check it and try again.`;
}
