import { SEED_USERS, STORY_POINTS_FIELD } from '../../apps/jira-sim/src';
import { settingsRequest } from '../support/settings-api';
import { startStack, type Stack } from '../support/stack';

const { alice, bob } = SEED_USERS;

/**
 * A fresh round of an issue is numbered past every round it had, whichever way the room gets
 * there. Auto-advance used to number it from the rows in memory only (the issue that was in
 * play), so an issue revealed earlier restarted at round 1: its old revealed cards showed up as
 * already cast in the new round, and new cards overwrote them.
 */
describe('round numbering when the room returns to an issue', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  /** A site with an estimate field, and a room on PROJ-1 and PROJ-2 with alice and bob in it. */
  async function roomOfTwo() {
    const site = await stack.site();
    const put = await settingsRequest(stack.server.url, site, alice.accountId, {
      fieldId: STORY_POINTS_FIELD,
    });
    expect(put.status).toBe(200);
    const owner = await stack.client(site, alice.accountId);
    const voter = await stack.client(site, bob.accountId);
    const { room } = await owner.ok('room:create', {
      name: 'Refinement',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1', 'PROJ-2'],
    });
    await voter.ok('room:join', { roomId: room.id });
    return { owner, voter, room };
  }

  it('auto-advance to an issue revealed before starts a clean round after its history', async () => {
    const { owner, voter, room } = await roomOfTwo();

    // PROJ-2 first: a revealed round of it stays in its history.
    await owner.ok('issue:select', { roomId: room.id, issueKey: 'PROJ-2' });
    await owner.ok('vote:cast', { roomId: room.id, value: '5' });
    await voter.ok('vote:cast', { roomId: room.id, value: '8' });
    await owner.ok('vote:reveal', { roomId: room.id });

    // Then PROJ-1, saved with auto-advance on: the room moves back to PROJ-2.
    await owner.ok('issue:select', { roomId: room.id, issueKey: 'PROJ-1' });
    await owner.ok('vote:cast', { roomId: room.id, value: '3' });
    await owner.ok('vote:reveal', { roomId: room.id });
    await owner.ok('room:update', { roomId: room.id, autoAdvance: true });
    const { room: advanced } = await owner.ok('estimate:save', {
      roomId: room.id,
      issueKey: 'PROJ-1',
      value: 3,
    });

    expect(advanced).toMatchObject({ currentIssueKey: 'PROJ-2', round: 2, revealed: false });
    expect(advanced.members.every((member) => !member.hasVoted)).toBe(true);
    expect(advanced.myVote).toBeNull();
    expect(advanced.history.map((round) => round.round)).toEqual([1]);
    expect(advanced.history[0].votes).toEqual(
      expect.arrayContaining([
        { accountId: alice.accountId, value: '5' },
        { accountId: bob.accountId, value: '8' },
      ]),
    );

    // A card of the new round is a new row: the revealed round keeps its cards.
    await voter.ok('vote:cast', { roomId: room.id, value: '13' });
    const rows = await stack.server.db.query<{ round: number; value: string }[]>(
      `SELECT round, value FROM vote WHERE room_id = $1 AND issue_key = 'PROJ-2'
        AND account_id = $2 ORDER BY round`,
      [room.id, bob.accountId],
    );
    expect(rows).toEqual([
      { round: 1, value: '8' },
      { round: 2, value: '13' },
    ]);
  });

  it('a round saved before anyone revealed it leaves no hidden card behind', async () => {
    const { owner, voter, room } = await roomOfTwo();
    await owner.ok('room:update', { roomId: room.id, autoAdvance: true });
    // bob's card is hidden; the owner saves without revealing and the room moves on.
    await voter.ok('vote:cast', { roomId: room.id, value: '8' });
    await owner.ok('estimate:save', { roomId: room.id, issueKey: 'PROJ-1', value: 5 });

    const { room: back } = await owner.ok('issue:select', { roomId: room.id, issueKey: 'PROJ-1' });
    expect(back.history).toEqual([]);
    expect(JSON.stringify(back)).not.toContain('"8"');
    const rows = await stack.server.db.query(`SELECT 1 FROM vote WHERE room_id = $1`, [room.id]);
    expect(rows).toHaveLength(0);
  });
});
