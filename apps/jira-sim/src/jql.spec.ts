import { JqlError, parseJql } from './jql';
import { runJql } from './jql-run';
import { seedIssues, seedProjects } from './seed';

function messagesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof JqlError) return error.messages;
    throw error;
  }
  throw new Error('expected a JqlError');
}

describe('parseJql', () => {
  it('reads project and key clauses joined by AND, with ORDER BY', () => {
    expect(parseJql('project = PROJ AND key in (PROJ-1, "PROJ-2") ORDER BY key DESC')).toEqual({
      clauses: [
        { field: 'project', values: ['PROJ'] },
        { field: 'key', values: ['PROJ-1', 'PROJ-2'] },
      ],
      orderBy: { field: 'key', direction: 'DESC' },
    });
  });

  it('treats keywords and field names case-insensitively', () => {
    expect(parseJql('PROJECT IN (proj, team) and issueKey = team-3 order by Created')).toEqual({
      clauses: [
        { field: 'project', values: ['proj', 'team'] },
        { field: 'key', values: ['team-3'] },
      ],
      orderBy: { field: 'created', direction: 'ASC' },
    });
  });

  it('reads entity property clauses with their operator', () => {
    expect(
      parseJql(
        'issue.property[planningPoker].consensus = false AND issue.property[x].a.b !~ "two words"',
      ),
    ).toEqual({
      clauses: [
        {
          field: 'property',
          name: 'issue.property[planningPoker].consensus',
          entityType: 'issue',
          propertyKey: 'planningPoker',
          path: 'consensus',
          operator: '=',
          values: ['false'],
        },
        {
          field: 'property',
          name: 'issue.property[x].a.b',
          entityType: 'issue',
          propertyKey: 'x',
          path: 'a.b',
          operator: '!~',
          values: ['two words'],
        },
      ],
    });
    expect(parseJql('issue.property[p].n in (1, 2)').clauses[0]).toMatchObject({
      operator: 'in',
      values: ['1', '2'],
    });
  });

  it('accepts a query with no clauses (the search route refuses it as unbounded)', () => {
    expect(parseJql('')).toEqual({ clauses: [] });
    expect(parseJql('ORDER BY key')).toEqual({
      clauses: [],
      orderBy: { field: 'key', direction: 'ASC' },
    });
  });

  it.each([
    ['project = PROJ OR project = TEAM', "got 'OR'"],
    ['status = Done', "Field 'status' is not supported"],
    ['project != PROJ', "Expecting '=' or 'in' but got '!='"],
    ['key in (PROJ-1, PROJ-2', 'got the end of the query'],
    ['project = "PROJ', 'has not been completed'],
    ['project = PROJ AND', 'got the end of the query'],
    ['project = PROJ ORDER BY priority', "Ordering by 'priority' is not supported"],
  ])('refuses %s', (jql, expected) => {
    const [message] = messagesOf(() => parseJql(jql));
    expect(message).toMatch(/^Error in the JQL Query: /);
    expect(message).toContain(expected);
  });
});

describe('runJql', () => {
  const issues = seedIssues();
  const projects = seedProjects();
  const keys = (jql: string) => runJql(parseJql(jql), issues, projects).map((issue) => issue.key);

  it('filters by project, by key, or both', () => {
    expect(keys('project = TEAM ORDER BY key')).toEqual(
      Array.from({ length: 10 }, (_, index) => `TEAM-${index + 1}`),
    );
    expect(keys('key in (PROJ-2, TEAM-1) ORDER BY key ASC')).toEqual(['PROJ-2', 'TEAM-1']);
    expect(keys('project = PROJ AND key in (PROJ-2, TEAM-1)')).toEqual(['PROJ-2']);
  });

  it('orders keys by number, not as text', () => {
    expect(keys('key in (PROJ-10, PROJ-9, PROJ-2) ORDER BY key DESC')).toEqual([
      'PROJ-10',
      'PROJ-9',
      'PROJ-2',
    ]);
  });

  it('matches projects by key, name or ID, in any case', () => {
    expect(keys('project in ("Team Falcon", 10000)')).toHaveLength(30);
    expect(keys('project = proj')).toHaveLength(20);
  });

  it('lists newest first without ORDER BY', () => {
    expect(keys('project = PROJ').slice(0, 2)).toEqual(['PROJ-20', 'PROJ-19']);
  });

  it('fails the whole query for an unknown project or issue, as Jira does', () => {
    expect(messagesOf(() => keys('project = NOPE'))).toEqual([
      "The value 'NOPE' does not exist for the field 'project'.",
    ]);
    expect(messagesOf(() => keys('key in (PROJ-1, PROJ-99, banana)'))).toEqual([
      "An issue with key 'PROJ-99' does not exist for field 'key'.",
      "The issue key 'banana' for field 'key' is invalid.",
    ]);
  });
});
