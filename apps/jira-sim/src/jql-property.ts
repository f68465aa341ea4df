import type { PropertyClause, PropertyOperator } from './jql';
import type { IndexedPropertyPath, SimIssue } from './sim-records';

/**
 * Entity property clauses, `issue.property[planningPoker].consensus = false`, answered only
 * for the paths an installed app declared for indexing (Connect `jiraEntityProperties`, Forge
 * `jira:entityProperty`), each with its declared type:
 * - string: exact match (`=`, `!=`, `in`); booleans and numbers are indexed as their text;
 * - number: `=`, `!=`, `>`, `>=`, `<`, `<=`, `in`;
 * - date: the same operators, values as `yyyy-MM-dd` or `yyyy-MM-dd HH:mm` (or with `/`);
 * - text: `~` and `!~`, every word of the value appearing in the text (case-insensitive);
 * - user: an account ID, `=`, `!=`, `in`.
 * An array at the path matches when any element does. Issues without the property match no
 * clause, `!=` included, as JQL leaves empty values out.
 * Unconfirmed (U): that an undeclared path is refused exactly like an unknown field (Jira may
 * instead accept it and match nothing), the wording for a bad number, and case sensitivity of
 * string matches.
 */

export type IssueMatcher = (issue: SimIssue) => boolean;

const OPERATORS: Record<IndexedPropertyPath['type'], readonly PropertyOperator[]> = {
  string: ['=', '!=', 'in'],
  user: ['=', '!=', 'in'],
  number: ['=', '!=', '>', '>=', '<', '<=', 'in'],
  date: ['=', '!=', '>', '>=', '<', '<=', 'in'],
  text: ['~', '!~'],
};

const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/;

function parseDateLiteral(text: string): number | undefined {
  const match = DATE.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0'] = match.map((part) => part ?? undefined);
  return Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute));
}

/** The values at a dot-separated path of the property (arrays spread). */
function valuesAt(property: unknown, path: string): unknown[] {
  let current: unknown = property;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return [];
    current = (current as Record<string, unknown>)[part];
  }
  if (current === undefined || current === null) return [];
  return Array.isArray(current) ? current : [current];
}

function compare(operator: PropertyOperator, actual: number, wanted: number): boolean {
  switch (operator) {
    case '>':
      return actual > wanted;
    case '>=':
      return actual >= wanted;
    case '<':
      return actual < wanted;
    case '<=':
      return actual <= wanted;
    default:
      return actual === wanted;
  }
}

/** Reads a stored value as the declared type indexes it (undefined: not indexed). */
function indexed(type: IndexedPropertyPath['type'], value: unknown): string | number | undefined {
  if (type === 'number') return typeof value === 'number' ? value : undefined;
  if (type === 'date') {
    const ms = typeof value === 'string' ? Date.parse(value) : NaN;
    return Number.isNaN(ms) ? undefined : ms;
  }
  return ['string', 'number', 'boolean'].includes(typeof value) ? String(value) : undefined;
}

function literal(type: IndexedPropertyPath['type'], text: string): string | number | undefined {
  if (type === 'number')
    return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : undefined;
  if (type === 'date') return parseDateLiteral(text);
  return text;
}

function literalError(clause: PropertyClause, type: IndexedPropertyPath['type'], text: string) {
  if (type === 'date') {
    return `Date value '${text}' for field '${clause.name}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`;
  }
  return `The value '${text}' is invalid for the '${clause.name}' field.`;
}

function textMatches(value: string, query: string): boolean {
  const words = value.toLowerCase().split(/\W+/);
  return query
    .toLowerCase()
    .split(/\W+/)
    .filter(Boolean)
    .every((word) => words.includes(word));
}

/** A matcher for the clause, or Jira's error messages when it cannot run. */
export function propertyMatcher(
  clause: PropertyClause,
  index: readonly IndexedPropertyPath[],
): IssueMatcher | string[] {
  const declared = index.find(
    (entry) =>
      entry.entityType.toLowerCase() === clause.entityType &&
      entry.propertyKey === clause.propertyKey &&
      entry.path === clause.path,
  );
  if (!declared) {
    return [`Field '${clause.name}' does not exist or you do not have permission to view it.`];
  }
  const { type } = declared;
  if (!OPERATORS[type].includes(clause.operator)) {
    return [`The operator '${clause.operator}' is not supported by the '${clause.name}' field.`];
  }
  const wanted = clause.values.map((text) => literal(type, text));
  const bad = clause.values.filter((_, i) => wanted[i] === undefined);
  if (bad.length > 0) return bad.map((text) => literalError(clause, type, text));
  const matchesOne = (value: string | number): boolean => {
    if (clause.operator === '~') return textMatches(String(value), String(wanted[0]));
    if (clause.operator === '!~') return !textMatches(String(value), String(wanted[0]));
    if (clause.operator === 'in') return wanted.includes(value);
    if (clause.operator === '!=') return value !== wanted[0];
    if (typeof value === 'number' && typeof wanted[0] === 'number') {
      return compare(clause.operator, value, wanted[0]);
    }
    return clause.operator === '=' && value === wanted[0];
  };
  return (issue) => {
    const values = valuesAt(issue.properties?.[clause.propertyKey], clause.path)
      .map((value) => indexed(type, value))
      .filter((value): value is string | number => value !== undefined);
    if (values.length === 0) return false;
    return clause.operator === '!=' || clause.operator === '!~'
      ? values.every(matchesOne)
      : values.some(matchesOne);
  };
}
