import { describe, expect, it } from '@jest/globals';
import { HostRequestError, type HostBridge, type HostRequest } from '../host/host-bridge';
import { BoardDirectory, boardErrorMessage, boardIssueOf } from './board-directory';

/** A bridge that answers from a table of URL → body (or error), recording what was asked. */
function fakeBridge(answers: Record<string, unknown>) {
  const asked: string[] = [];
  const bridge = {
    request: async ({ url }: HostRequest) => {
      asked.push(url);
      if (!(url in answers)) throw new HostRequestError(404, `no answer for ${url}`);
      const answer = answers[url];
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as HostBridge;
  return { bridge, asked };
}

describe('BoardDirectory', () => {
  it('reads a board issue with its type, parent and the board’s estimate', () => {
    const json = {
      key: 'PROJ-7',
      fields: {
        summary: 'Write tests',
        issuetype: { name: 'Sub-task', subtask: true },
        parent: { key: 'PROJ-1' },
        status: { name: 'To Do' },
        customfield_10016: 3,
      },
    };
    expect(boardIssueOf(json, 'customfield_10016')).toEqual({
      key: 'PROJ-7',
      summary: 'Write tests',
      typeName: 'Sub-task',
      subtask: true,
      parentKey: 'PROJ-1',
      statusName: 'To Do',
      estimate: '3',
    });
    expect(
      boardIssueOf({ key: 'PROJ-8', fields: { customfield_10016: null } }, 'customfield_10016')
        .estimate,
    ).toBeNull();
    // Boards estimating in Original Estimate answer seconds.
    expect(
      boardIssueOf(
        { key: 'PROJ-9', fields: { timeoriginalestimate: 43200 } },
        'timeoriginalestimate',
      ).estimate,
    ).toBe('1d 4h');
  });

  it('asks for the estimation field with the sprint’s issues, page by page', async () => {
    const base =
      '/rest/agile/1.0/board/1/sprint/2/issue?fields=summary,issuetype,parent,status,customfield_10016&maxResults=50';
    const { bridge, asked } = fakeBridge({
      [`${base}&startAt=0`]: { total: 2, issues: [{ key: 'PROJ-1', fields: {} }] },
      [`${base}&startAt=1`]: { total: 2, issues: [{ key: 'PROJ-2', fields: {} }] },
    });
    const read = await new BoardDirectory(bridge).issues(
      1,
      { kind: 'sprint', sprintId: 2 },
      'customfield_10016',
    );
    expect(read.issues.map((entry) => entry.key)).toEqual(['PROJ-1', 'PROJ-2']);
    expect(asked).toHaveLength(2);
  });

  it('reads the board’s estimation field from its configuration', async () => {
    const { bridge } = fakeBridge({
      '/rest/agile/1.0/board/5/configuration': {
        estimation: {
          type: 'field',
          field: { fieldId: 'customfield_10026', displayName: 'Story point estimate' },
        },
      },
      '/rest/agile/1.0/board/6/configuration': { estimation: { type: 'none' } },
    });
    const directory = new BoardDirectory(bridge);
    expect(await directory.estimationFieldId(5)).toBe('customfield_10026');
    expect(await directory.estimationFieldId(6)).toBeNull();
  });

  it('lists active sprints before future ones, and none for a board without sprints', async () => {
    const { bridge } = fakeBridge({
      '/rest/agile/1.0/board/1/sprint?state=active,future&startAt=0&maxResults=50': {
        isLast: true,
        values: [
          { id: 12, name: 'Sprint 12', state: 'future' },
          { id: 11, name: 'Sprint 11', state: 'active' },
        ],
      },
      '/rest/agile/1.0/board/3/sprint?state=active,future&startAt=0&maxResults=50':
        new HostRequestError(400, 'The board does not support sprints'),
    });
    const directory = new BoardDirectory(bridge);
    expect((await directory.openSprints(1)).map((sprint) => sprint.id)).toEqual([11, 12]);
    expect(await directory.openSprints(3)).toEqual([]);
  });

  it('says the same for a board that does not exist and one the person may not see', () => {
    const message = boardErrorMessage(
      new HostRequestError(404, 'Board 9 does not exist'),
      'this board',
    );
    expect(message).toBe('Jira does not know this board, or you may not see it.');
    expect(boardErrorMessage(new HostRequestError(0, 'offline'), 'your boards')).toMatch(
      /could not be reached/,
    );
  });
});
