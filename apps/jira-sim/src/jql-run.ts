import { JqlError, type JqlQuery } from './jql';
import { propertyMatcher, type IssueMatcher } from './jql-property';
import type { IndexedPropertyPath, SimIssue, SimProject } from './sim-records';

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9][0-9]*$/i;

/** Project, then issue number: the order of `ORDER BY key` (and the simulator's board rank). */
export function keyOrder(a: SimIssue, b: SimIssue): number {
  const byProject = a.projectKey.localeCompare(b.projectKey);
  if (byProject !== 0) return byProject;
  return Number(a.key.split('-')[1]) - Number(b.key.split('-')[1]);
}

/**
 * Runs a parsed query over the issues the caller may see. Like Jira, a project or issue key that
 * does not exist (or is not visible) is an error for the whole query, not an empty match: `key
 * in (PROJ-1, PROJ-999)` answers 400 with one message per missing key ("An issue with key
 * 'PROJ-999' does not exist for field 'key'."), whether the issue is missing or hidden from the
 * caller. Property clauses work only on the `index` paths (jql-property.ts).
 */
export function runJql(
  query: JqlQuery,
  issues: SimIssue[],
  projects: SimProject[],
  index: readonly IndexedPropertyPath[] = [],
): SimIssue[] {
  const errors: string[] = [];
  const matchers = query.clauses.map((clause): IssueMatcher => {
    if (clause.field === 'property') {
      const matcher = propertyMatcher(clause, index);
      if (typeof matcher === 'function') return matcher;
      errors.push(...matcher);
      return () => false;
    }
    if (clause.field === 'project') {
      const keys = clause.values.map((value) => {
        const wanted = value.toLowerCase();
        const project = projects.find((candidate) =>
          [candidate.key, candidate.id, candidate.name].some(
            (name) => name.toLowerCase() === wanted,
          ),
        );
        if (!project) errors.push(`The value '${value}' does not exist for the field 'project'.`);
        return project?.key;
      });
      return (issue: SimIssue) => keys.includes(issue.projectKey);
    }
    const keys = clause.values.map((value) => value.toUpperCase());
    for (const value of clause.values) {
      if (!ISSUE_KEY.test(value)) {
        errors.push(`The issue key '${value}' for field 'key' is invalid.`);
      } else if (!issues.some((issue) => issue.key === value.toUpperCase())) {
        errors.push(`An issue with key '${value}' does not exist for field 'key'.`);
      }
    }
    return (issue: SimIssue) => keys.includes(issue.key);
  });
  if (errors.length > 0) throw new JqlError(errors);
  const matches = issues.filter((issue) => matchers.every((matches) => matches(issue)));
  // Without ORDER BY the simulator lists newest first.
  const { field, direction } = query.orderBy ?? { field: 'created', direction: 'DESC' };
  const compare =
    field === 'key' ? keyOrder : (a: SimIssue, b: SimIssue) => a.createdAt - b.createdAt;
  return matches.sort((a, b) => (direction === 'ASC' ? compare(a, b) : compare(b, a)));
}
