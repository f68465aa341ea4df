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

const save = (t: TestService, who: Actor = alice, issueKey = 'PROJ-1') =>
  t.estimates.save(who, { roomId: ROOM_ID, issueKey, value: 5 });

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
    const view = await save(t);
    expect(t.budget.spendOnSave).toHaveBeenCalledWith(alice);
    expect(t.jira.checkPermissions).toHaveBeenCalledWith(alice, 'alice', { issueIds: [10001] });
    expect(t.jira.setField).toHaveBeenCalledWith(alice, 'PROJ-1', DEFAULT_FIELD_ID, 5);
    expect(recordedWhenJiraWrote).toBeNull();
    expect(stored(t).issues[0]).toMatchObject({
      savedValue: 5,
      savedAt: NOW,
      savedByAccountId: 'alice',
    });
    expect(view.issues[0]).toEqual({
      issueKey: 'PROJ-1',
      savedValue: 5,
      savedAt: NOW.toISOString(),
    });
    expect(t.published).toHaveLength(1);
  });

  it("writes the room's own estimate field rather than the site's", async () => {
    const t = setUp({ room: { fieldId: ROOM_FIELD } });
    t.jira.editMeta.mockResolvedValueOnce({ fields: { [ROOM_FIELD]: {} } });
    await save(t);
    expect(t.jira.setField).toHaveBeenCalledWith(alice, 'PROJ-1', ROOM_FIELD, 5);
    expect(t.tenants.findById).not.toHaveBeenCalled();
  });

  describe('refuses before Jira is asked anything', () => {
    it.each<[string, Actor, string, string, string]>([
      ['a voter', bob, 'PROJ-1', 'FORBIDDEN', 'Only the room owner can save estimates.'],
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
      await expectRefused(t, save(t), 'CONFLICT', 'No estimate field is set');
      expect(t.jira.issue).not.toHaveBeenCalled();
    });
  });

  describe('records nothing when Jira does not take the value', () => {
    it('because the owner may not edit the issue in Jira', async () => {
      const t = setUp();
      t.jira.checkPermissions.mockResolvedValueOnce({
        projectPermissions: [{ permission: 'EDIT_ISSUES', issues: [] }],
      });
      await expectRefused(t, save(t), 'FORBIDDEN', 'You do not have permission to edit PROJ-1');
      expect(t.jira.setField).not.toHaveBeenCalled();
    });

    it("because the field is not on the project's edit screen", async () => {
      const t = setUp();
      t.jira.editMeta.mockResolvedValueOnce({ fields: {} });
      await expectRefused(t, save(t), 'CONFLICT', 'not on the edit screen of project PROJ');
      expect(t.jira.setField).not.toHaveBeenCalled();
    });

    it.each<[string, JiraError, string, string]>([
      [
        'rejects the value',
        new JiraError(400, 'Bad', { [DEFAULT_FIELD_ID]: 'Number too big' }),
        'JIRA_ERROR',
        'Jira rejected the value: Number too big',
      ],
      ['lost the issue', new JiraError(404, 'Gone'), 'NOT_FOUND', 'Issue PROJ-1 in Jira'],
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
      const view = await save(t);
      expect(view).toMatchObject({ currentIssueKey: 'PROJ-3', round: 1, revealed: false });
      expect(stored(t).room.currentIssueKey).toBe('PROJ-3');
    });

    it('stays when saving an issue other than the one in play', async () => {
      const t = setUp({ room: { autoAdvance: true } });
      const view = await save(t, alice, 'PROJ-2');
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
