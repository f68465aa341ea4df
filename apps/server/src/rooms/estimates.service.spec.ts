import { JiraError } from '../jira/jira-error';
import {
  actor,
  NOW,
  ROOM_ID,
  roomAggregate,
  TENANT_ID,
  type AggregateSpec,
} from './rules/room-aggregate.fixture';
import type { Actor } from './rules/actor';
import {
  clockAtNow,
  DEFAULT_FIELD_ID,
  newTestService,
  type TestService,
} from './testing/new-test-service';

const OTHER_TENANT = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
const [alice, bob] = ['alice', 'bob'].map(actor);
const ROOM_FIELD = 'customfield_10020';

function setUp(spec: AggregateSpec = {}): TestService {
  const t = newTestService();
  t.store.seed(roomAggregate({ ...spec, room: { revealed: true, ...spec.room } }));
  t.setOnline('alice', 'bob', 'carol');
  return t;
}

const stored = (t: TestService) => t.store.rows(TENANT_ID, ROOM_ID)!;

const save = (t: TestService, who: Actor = alice, issueKey = 'PROJ-1', value = 5) =>
  t.estimates.save(who, { roomId: ROOM_ID, issueKey, value });

/** Expects the save refused with `code` and `fragment`, nothing stored or broadcast. */
async function expectRefused(
  t: TestService,
  saving: Promise<unknown>,
  code: string,
  fragment = '',
) {
  const before = stored(t);
  await expect(saving).rejects.toMatchObject({
    code,
    message: expect.stringContaining(fragment),
  });
  expect(stored(t)).toEqual(before);
  expect(t.published).toEqual([]);
}

describe('EstimatesService', () => {
  clockAtNow();

  it('writes the estimate into Jira as the owner, then records it on the issue', async () => {
    const t = setUp();
    let recordedWhenJiraWrote: number | null | undefined;
    t.jira.setField.mockImplementationOnce(async () => {
      recordedWhenJiraWrote = stored(t).issues[0].savedValue;
    });
    const { room: view, warnings } = await save(t);
    expect(warnings).toEqual([]);
    expect(t.budget.spendOnSave).toHaveBeenCalledWith(alice);
    expect(t.jira.checkPermissions).toHaveBeenCalledWith(alice, 'alice', { issueIds: [10001] });
    expect(t.jira.setField).toHaveBeenCalledWith(alice, 'PROJ-1', DEFAULT_FIELD_ID, 5);
    expect(recordedWhenJiraWrote).toBeNull();
    expect(stored(t).issues[0]).toMatchObject({
      savedValue: 5,
      savedAt: NOW,
      savedByAccountId: 'alice',
      savedRounds: 1,
      savedConsensus: false,
    });
    expect(view.issues[0]).toEqual({
      issueKey: 'PROJ-1',
      fieldId: null,
      savedValue: 5,
      savedAt: NOW.toISOString(),
      savedRounds: 1,
      savedConsensus: false,
    });
    expect(t.published).toHaveLength(1);
  });

  it("writes the room's own estimate field rather than the site's", async () => {
    const t = setUp({ room: { fieldId: ROOM_FIELD } });
    t.jira.editMeta.mockResolvedValueOnce({ fields: { [ROOM_FIELD]: {} } });
    await save(t);
    expect(t.jira.setField).toHaveBeenCalledWith(alice, 'PROJ-1', ROOM_FIELD, 5);
  });

  it("writes the issue's board field over the project's, and the project's over the room's", async () => {
    const BOARD_FIELD = 'customfield_10026';
    const PROJECT_FIELD = 'customfield_10030';
    const t = setUp({
      room: { fieldId: ROOM_FIELD },
      issues: [{ issueKey: 'PROJ-1', fieldId: BOARD_FIELD }, 'PROJ-2'],
    });
    t.projectFields.of.mockResolvedValue({ PROJ: PROJECT_FIELD });
    t.jira.editMeta.mockResolvedValue({ fields: { [BOARD_FIELD]: {}, [PROJECT_FIELD]: {} } });
    await save(t, alice, 'PROJ-1');
    await save(t, alice, 'PROJ-2');
    expect(t.jira.setField.mock.calls.map((call) => call[2])).toEqual([BOARD_FIELD, PROJECT_FIELD]);
  });

  it('records the final revealed round in Jira: distribution, consensus, voters, rounds', async () => {
    const t = setUp({
      room: { round: 2 },
      votes: [
        ['alice', '3', 1],
        ['bob', '8', 1],
        ['alice', '5', 2],
        ['bob', '5', 2],
      ],
    });
    const { room } = await save(t);
    const [, issueKey, property, record] = t.planning.setIssueProperty.mock.calls[0];
    expect([issueKey, property]).toEqual(['PROJ-1', 'planningPoker']);
    expect(record).toEqual({
      version: 1,
      value: 5,
      display: '5',
      fieldId: DEFAULT_FIELD_ID,
      consensus: true,
      voters: 2,
      rounds: 2,
      distribution: [{ card: '5', count: 2 }],
      votes: [
        { accountId: 'alice', card: '5' },
        { accountId: 'bob', card: '5' },
      ],
      savedAt: NOW.toISOString(),
    });
    expect(room.issues[0]).toMatchObject({ savedRounds: 2, savedConsensus: true });
  });

  it('keeps the saved estimate when the record fails, warns, and retries in the background', async () => {
    const t = setUp();
    t.planning.setIssueProperty.mockRejectedValueOnce(new JiraError(503, 'Down'));
    const { room, warnings } = await save(t);
    expect(warnings).toEqual([expect.stringMatching(/record/)]);
    expect(room.issues[0].savedValue).toBe(5);
    expect(t.records.pending).toBe(1);
    await jest.runOnlyPendingTimersAsync();
    expect(t.planning.setIssueProperty).toHaveBeenCalledTimes(2);
    expect(t.records.pending).toBe(0);
    expect(t.reporter.capture).not.toHaveBeenCalled();
  });

  it('does not retry what Jira will refuse again (a 403), and reports it at once', async () => {
    const t = setUp();
    t.planning.setIssueProperty.mockRejectedValue(new JiraError(403, 'No'));
    const { warnings } = await save(t);
    expect(warnings).toHaveLength(1);
    expect(t.records.pending).toBe(0);
    expect(t.planning.setIssueProperty).toHaveBeenCalledTimes(1);
    expect(t.reporter.capture).toHaveBeenCalledTimes(1);
  });

  it('reports to the error reporter when every background attempt failed', async () => {
    const t = setUp();
    t.planning.setIssueProperty.mockRejectedValue(new JiraError(503, 'Down'));
    await save(t);
    for (let i = 0; i < 3; i += 1) await jest.runOnlyPendingTimersAsync();
    expect(t.planning.setIssueProperty).toHaveBeenCalledTimes(4);
    expect(t.reporter.capture).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(t.reporter.capture.mock.calls)).not.toContain('PROJ-1');
  });

  describe('with a time deck', () => {
    const timeDeck = { room: { deck: { kind: 'time' as const } } };

    it('writes Original Estimate as a Jira duration', async () => {
      const t = setUp(timeDeck);
      t.jira.editMeta.mockResolvedValueOnce({ fields: { timetracking: {} } });
      await save(t, alice, 'PROJ-1', 12);
      expect(t.planning.setOriginalEstimate).toHaveBeenCalledWith(alice, 'PROJ-1', '1d 4h');
      expect(t.jira.setField).not.toHaveBeenCalled();
      expect(t.planning.setIssueProperty.mock.calls[0][3]).toMatchObject({
        value: 12,
        display: '1d 4h',
        fieldId: 'timetracking',
      });
    });

    it.each([
      [0, 'at least 1 minute'],
      [5000, 'at most 100 weeks'],
    ])('refuses %s hours before Jira is asked anything', async (value, fragment) => {
      const t = setUp(timeDeck);
      await expectRefused(t, save(t, alice, 'PROJ-1', value), 'BAD_REQUEST', fragment);
      expect(t.jira.issue).not.toHaveBeenCalled();
      expect(t.budget.spendOnSave).not.toHaveBeenCalled();
    });

    it('explains that time tracking is off, as the badge does', async () => {
      const t = setUp(timeDeck);
      t.planning.timeTrackingEnabled.mockResolvedValueOnce(false);
      await expectRefused(t, save(t), 'CONFLICT', 'Time tracking is turned off in Jira');
      expect(t.planning.setOriginalEstimate).not.toHaveBeenCalled();
    });
  });

  it('explains estimation turned off in a team-managed project', async () => {
    const t = setUp();
    t.jira.issue.mockResolvedValueOnce({
      id: '10001',
      key: 'PROJ-1',
      fields: { project: { key: 'PROJ', simplified: true } } as never,
    });
    t.planning.estimationEnabled.mockResolvedValueOnce(false);
    await expectRefused(t, save(t), 'CONFLICT', 'Estimation is turned off');
  });

  describe('refuses before Jira is asked anything', () => {
    it.each<[string, Actor, string, string, string]>([
      [
        'a voter',
        bob,
        'PROJ-1',
        'FORBIDDEN',
        'Only the room owner or a co-facilitator can save estimates.',
      ],
      ['a stranger', actor('mallory'), 'PROJ-1', 'FORBIDDEN', 'save estimates'],
      ['an issue not in the room', alice, 'PROJ-9', 'NOT_FOUND', 'Issue PROJ-9 in this room'],
      [
        "another site's owner",
        { tenantId: OTHER_TENANT, accountId: 'alice' },
        'PROJ-1',
        'NOT_FOUND',
        'Room',
      ],
    ])('%s', async (_, who, issueKey, code, fragment) => {
      const t = setUp();
      await expectRefused(t, save(t, who, issueKey), code, fragment);
      expect(t.budget.spendOnSave).not.toHaveBeenCalled();
      expect(t.jira.issue).not.toHaveBeenCalled();
      expect(t.jira.setField).not.toHaveBeenCalled();
    });

    it('when no estimate field is set for the room or the site', async () => {
      const t = setUp();
      t.tenants.findById.mockResolvedValueOnce({ defaultFieldId: null });
      await expectRefused(t, save(t), 'CONFLICT', 'No estimate field is chosen');
      expect(t.jira.issue).not.toHaveBeenCalled();
    });
  });

  describe('records nothing when Jira does not take the value', () => {
    it('because the owner may not edit the issue in Jira', async () => {
      const t = setUp();
      t.jira.checkPermissions.mockResolvedValueOnce({
        projectPermissions: [{ permission: 'EDIT_ISSUES', issues: [] }],
      });
      await expectRefused(t, save(t), 'FORBIDDEN', 'You may not edit PROJ-1 in Jira');
      expect(t.jira.setField).not.toHaveBeenCalled();
    });

    it("because the field is not on the project's edit screen", async () => {
      const t = setUp();
      t.jira.editMeta.mockResolvedValueOnce({ fields: {} });
      await expectRefused(
        t,
        save(t),
        'CONFLICT',
        'Story Points is not on the edit screen of PROJ-1’s issue type in PROJ.',
      );
      expect(t.jira.setField).not.toHaveBeenCalled();
    });

    it.each<[string, JiraError, string, string]>([
      [
        'rejects the value',
        new JiraError(400, 'Bad', { [DEFAULT_FIELD_ID]: 'Number too big' }),
        'JIRA_ERROR',
        'Jira rejected the value: Number too big',
      ],
      ['lost the issue', new JiraError(404, 'Gone'), 'NOT_FOUND', 'PROJ-1 is not in Jira'],
    ])('because Jira %s', async (_, failure, code, fragment) => {
      const t = setUp();
      t.jira.setField.mockRejectedValueOnce(failure);
      await expectRefused(t, save(t), code, fragment);
    });
  });

  describe('with auto-advance on', () => {
    const SAVED = { savedValue: 3, savedAt: NOW, savedByAccountId: 'alice' };

    it('moves the room to the next issue without an estimate', async () => {
      const t = setUp({
        room: { autoAdvance: true },
        issues: ['PROJ-1', { issueKey: 'PROJ-2', ...SAVED }, 'PROJ-3'],
      });
      const { room: view } = await save(t);
      expect(view).toMatchObject({ currentIssueKey: 'PROJ-3', round: 1, revealed: false });
      expect(stored(t).room.currentIssueKey).toBe('PROJ-3');
    });

    it('stays when saving an issue other than the one in play', async () => {
      const t = setUp({ room: { autoAdvance: true } });
      const { room: view } = await save(t, alice, 'PROJ-2');
      expect(view.currentIssueKey).toBe('PROJ-1');
    });

    // BUG (rules/transitions/save-estimate.ts, auto-advance branch): the round it leaves is
    // not dropped when nobody revealed it, so its hidden cards stay in the store and show up
    // in `history` when the issue is chosen again. Flip to `it` once fixed.
    it('never shows the hidden cards of a round saved before it was revealed', async () => {
      const t = setUp({ room: { autoAdvance: true, revealed: false }, votes: [['bob', '8']] });
      await save(t);
      const back = await t.rounds.selectIssue(alice, ROOM_ID, 'PROJ-1');
      expect(back.history).toEqual([]);
    });
  });
});
