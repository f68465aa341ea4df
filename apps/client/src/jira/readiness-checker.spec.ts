import { describe, expect, it } from '@jest/globals';
import { HostRequestError, type HostBridge, type HostRequest } from '../host/host-bridge';
import { ReadinessChecker, type ReadinessQuestion } from './readiness-checker';
import { projectFacts, readinessFacts, timeTrackingEnabled } from './readiness-facts';

const STORY_POINTS = 'customfield_10016';

/** Jira as a table of URL → answer; an Error is thrown, anything else is the body. */
function jira(answers: Record<string, unknown>) {
  const asked: string[] = [];
  const ask = async <T>(url: string): Promise<T> => {
    asked.push(url);
    if (!(url in answers)) throw new HostRequestError(404, `nothing at ${url}`);
    const answer = answers[url];
    if (answer instanceof Error) throw answer;
    return answer as T;
  };
  return { ask, asked };
}

const permission = (havePermission: boolean) => ({
  permissions: { EDIT_ISSUES: { havePermission } },
});

const issueAnswers = (key: string, fields: string[], canEdit = true) => ({
  [`/rest/api/3/mypermissions?issueKey=${key}&permissions=EDIT_ISSUES`]: permission(canEdit),
  [`/rest/api/3/issue/${key}/editmeta`]: {
    fields: Object.fromEntries(fields.map((field) => [field, {}])),
  },
});

const question = (issueKey: string, extra: Partial<ReadinessQuestion> = {}): ReadinessQuestion => ({
  issueKey,
  fieldId: STORY_POINTS,
  timeDeck: false,
  ...extra,
});

const companyManaged = async () => ({ teamManaged: false, estimationEnabled: null });
const unknownTracking = async () => null;

describe('readiness facts', () => {
  it('gathers permission, edit screen and project as Jira answers them', async () => {
    const { ask } = jira(issueAnswers('PROJ-1', ['summary', STORY_POINTS]));
    const facts = await readinessFacts(ask, question('PROJ-1'), companyManaged, unknownTracking);
    expect(facts).toEqual({
      issueKey: 'PROJ-1',
      found: true,
      canEdit: true,
      fieldId: STORY_POINTS,
      editableFieldIds: ['summary', STORY_POINTS],
      teamManaged: false,
      estimationEnabled: null,
      timeTrackingEnabled: null,
    });
  });

  it('treats a 404 as an issue the person may not see', async () => {
    const { ask } = jira({});
    const facts = await readinessFacts(ask, question('PROJ-404'), companyManaged, unknownTracking);
    expect(facts.found).toBe(false);
  });

  it('throws when Jira could not answer, so no badge claims anything', async () => {
    const { ask } = jira({
      '/rest/api/3/mypermissions?issueKey=PROJ-1&permissions=EDIT_ISSUES': new HostRequestError(
        503,
        'Jira is down',
      ),
      '/rest/api/3/issue/PROJ-1/editmeta': { fields: {} },
    });
    await expect(
      readinessFacts(ask, question('PROJ-1'), companyManaged, unknownTracking),
    ).rejects.toThrow('Jira is down');
  });

  it('asks about time tracking only for a time deck', async () => {
    const { ask } = jira(issueAnswers('PROJ-1', ['timetracking']));
    let askedTracking = 0;
    const tracking = async () => {
      askedTracking += 1;
      return false;
    };
    await readinessFacts(ask, question('PROJ-1'), companyManaged, tracking);
    expect(askedTracking).toBe(0);
    const facts = await readinessFacts(
      ask,
      question('PROJ-1', { fieldId: 'timetracking', timeDeck: true }),
      companyManaged,
      tracking,
    );
    expect(facts.timeTrackingEnabled).toBe(false);
  });

  it('reads a team-managed project’s estimation feature', async () => {
    const { ask } = jira({
      '/rest/api/3/project/OPS': { key: 'OPS', simplified: true },
      '/rest/api/3/project/OPS/features': {
        features: [
          { feature: 'jsw.agility.sprints', state: 'ENABLED' },
          { feature: 'jsw.agility.estimation', state: 'DISABLED' },
        ],
      },
      '/rest/api/3/project/PROJ': { key: 'PROJ', simplified: false },
    });
    expect(await projectFacts(ask, 'OPS')).toEqual({ teamManaged: true, estimationEnabled: false });
    expect(await projectFacts(ask, 'PROJ')).toEqual({
      teamManaged: false,
      estimationEnabled: null,
    });
  });

  it('reads time tracking from the global settings as on, off or unknown (refused)', async () => {
    const url = '/rest/api/3/configuration';
    expect(await timeTrackingEnabled(jira({ [url]: { timeTrackingEnabled: true } }).ask)).toBe(
      true,
    );
    expect(await timeTrackingEnabled(jira({ [url]: { timeTrackingEnabled: false } }).ask)).toBe(
      false,
    );
    expect(await timeTrackingEnabled(jira({ [url]: {} }).ask)).toBeNull();
    const refused = jira({ [url]: new HostRequestError(403, 'admins only') });
    expect(await timeTrackingEnabled(refused.ask)).toBeNull();
  });
});

describe('ReadinessChecker', () => {
  function checkerOn(answers: Record<string, unknown>) {
    const { ask, asked } = jira(answers);
    const bridge = { request: ({ url }: HostRequest) => ask(url) } as unknown as HostBridge;
    return { checker: new ReadinessChecker(bridge), asked };
  }

  const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

  it('answers ready or blocked per issue, asking about each project once', async () => {
    const { checker, asked } = checkerOn({
      ...issueAnswers('PROJ-1', [STORY_POINTS]),
      ...issueAnswers('PROJ-2', ['summary']),
      '/rest/api/3/project/PROJ': { simplified: false },
    });
    checker.want([question('PROJ-1'), question('PROJ-2')]);
    expect(checker.answer(question('PROJ-1'))).toEqual({ state: 'checking' });
    await settle();
    expect(checker.answer(question('PROJ-1'))).toEqual({
      state: 'checked',
      readiness: { ready: true },
    });
    const blocked = checker.answer(question('PROJ-2'));
    expect(
      blocked?.state === 'checked' && !blocked.readiness.ready && blocked.readiness.blocks[0],
    ).toMatchObject({
      reason: 'field-not-on-screen',
      fixPath: '/plugins/servlet/project-config/PROJ/screens',
    });
    expect(asked.filter((url) => url === '/rest/api/3/project/PROJ')).toHaveLength(1);
  });

  it('asks again for a new field, and for everything after a re-check', async () => {
    const { checker, asked } = checkerOn({
      ...issueAnswers('PROJ-1', [STORY_POINTS]),
      '/rest/api/3/project/PROJ': { simplified: false },
    });
    checker.want([question('PROJ-1')]);
    checker.want([question('PROJ-1')]);
    await settle();
    const editMetaCalls = () => asked.filter((url) => url.endsWith('/editmeta')).length;
    expect(editMetaCalls()).toBe(1);
    checker.want([question('PROJ-1', { fieldId: 'customfield_10050' })]);
    await settle();
    expect(editMetaCalls()).toBe(2);
    checker.recheck();
    // The previous answer stays on show until the new one arrives.
    expect(checker.answer(question('PROJ-1'))?.state).toBe('checked');
    checker.want([question('PROJ-1')]);
    await settle();
    expect(editMetaCalls()).toBe(3);
  });
});
