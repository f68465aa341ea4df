import { deepFreeze } from '../../testing/deep-freeze';
import { actor, context, NOW, roomAggregate } from '../room-aggregate.fixture';
import type { RoomAggregate } from '../room-aggregate';
import type { RoomWrites } from '../room-writes';
import type { TransitionContext } from '../transition';
import { addIssues } from './add-issues';
import { castVote } from './cast-vote';
import { eraseAccount } from './erase-account';
import { grantFacilitator, revokeFacilitator } from './facilitators';
import { goOffline } from './go-offline';
import { joinRoom } from './join-room';
import { kickMember } from './kick-member';
import { leaveRoom } from './leave-room';
import { removeIssues } from './remove-issues';
import { resetVotes } from './reset-votes';
import { revealExpired, revealVotes } from './reveal-votes';
import { startTimer, stopTimer } from './room-timer';
import { saveEstimate } from './save-estimate';
import { selectIssue } from './select-issue';
import { skipIssue } from './skip-issue';
import { transferRoom } from './transfer-room';
import { updateSettings } from './update-settings';

/**
 * A room where every transition has something to do: auto-reveal and auto-advance on, a timer
 * that ran out, cards in play and in history, a saved issue, an observer, and an owner who has
 * been offline for 20 minutes.
 */
const busyRoom = (): RoomAggregate =>
  roomAggregate({
    room: {
      round: 3,
      autoReveal: true,
      autoAdvance: true,
      timerEndsAt: new Date(NOW.getTime() - 1_000),
      facilitatorAccountIds: ['carol'],
      skippedIssueKeys: ['PROJ-3'],
    },
    members: [
      ['alice', 'owner', 20 * 60_000],
      ['bob', 'voter'],
      ['carol', 'voter'],
      ['olga', 'observer'],
    ],
    issues: [
      'PROJ-1',
      { issueKey: 'PROJ-2', savedValue: 3, savedAt: NOW, savedByAccountId: 'bob' },
      'PROJ-3',
    ],
    votes: [
      ['alice', '3'],
      ['carol', '5'],
      ['bob', '8', 2],
      ['alice', '5', 2],
    ],
  });

type Run = (aggregate: RoomAggregate, context: TransitionContext) => RoomWrites;

const [alice, bob, carol, olga] = ['alice', 'bob', 'carol', 'olga'].map(actor);
const takeover = { accountId: 'bob', takeoverAfterMs: 10 * 60_000 };

const changes: [string, Run][] = [
  ['joinRoom', (a, c) => joinRoom(a, carol, { role: 'observer' }, c)],
  ['leaveRoom (a voter)', (a, c) => leaveRoom(a, carol, undefined, c)],
  ['leaveRoom (the owner)', (a, c) => leaveRoom(a, alice, undefined, c)],
  ['goOffline', (a, c) => goOffline(a, alice, undefined, c)],
  ['updateSettings', (a, c) => updateSettings(a, alice, { deck: { kind: 't-shirt' } }, c)],
  ['transferRoom (takeover)', (a, c) => transferRoom(a, bob, takeover, c)],
  ['addIssues', (a, c) => addIssues(a, alice, { issueKeys: ['PROJ-4', 'PROJ-1'] }, c)],
  ['removeIssues', (a, c) => removeIssues(a, alice, { issueKeys: ['PROJ-1'] }, c)],
  ['selectIssue', (a, c) => selectIssue(a, alice, { issueKey: 'PROJ-2' }, c)],
  ['castVote (auto-reveal)', (a, c) => castVote(a, bob, { value: '13' }, c)],
  ['revealVotes', (a, c) => revealVotes(a, alice, undefined, c)],
  ['revealExpired', (a, c) => revealExpired(a, alice, undefined, c)],
  ['resetVotes', (a, c) => resetVotes(a, alice, undefined, c)],
  ['startTimer', (a, c) => startTimer(a, alice, { seconds: 30 }, c)],
  ['stopTimer', (a, c) => stopTimer(a, alice, undefined, c)],
  [
    'saveEstimate (auto-advance)',
    (a, c) =>
      saveEstimate(a, alice, { issueKey: 'PROJ-1', value: 3, rounds: 1, consensus: true }, c),
  ],
  ['eraseAccount (the owner)', (a, c) => eraseAccount(a, alice, { accountId: 'alice' }, c)],
  [
    'kickMember (with block)',
    (a, c) => kickMember(a, alice, { accountId: 'carol', block: true }, c),
  ],
  ['grantFacilitator', (a, c) => grantFacilitator(a, alice, { accountId: 'bob' }, c)],
  ['revokeFacilitator', (a, c) => revokeFacilitator(a, alice, { accountId: 'carol' }, c)],
  ['skipIssue', (a, c) => skipIssue(a, carol, { issueKey: 'PROJ-1' }, c)],
  [
    'updateSettings (the owner stops voting)',
    (a, c) => updateSettings(a, alice, { ownerVotes: false }, c),
  ],
];

const refusals: [string, Run][] = [
  ['castVote (an observer)', (a, c) => castVote(a, olga, { value: '3' }, c)],
  ['selectIssue (a voter)', (a, c) => selectIssue(a, bob, { issueKey: 'PROJ-2' }, c)],
  [
    'transferRoom (too early)',
    (a, c) => transferRoom(a, bob, { ...takeover, takeoverAfterMs: 1e9 }, c),
  ],
  ['kickMember (the owner)', (a, c) => kickMember(a, carol, { accountId: 'alice' }, c)],
  ['grantFacilitator (a stranger)', (a, c) => grantFacilitator(a, alice, { accountId: 'eve' }, c)],
];

/** Runs `run` on frozen rows (a change in place throws); `before` is a copy to compare with. */
function onFrozenRows(run: Run) {
  const aggregate = busyRoom();
  const before = structuredClone(aggregate);
  deepFreeze(aggregate);
  let writes: RoomWrites | undefined;
  let error: unknown;
  try {
    writes = run(aggregate, context(['bob', 'carol', 'olga']));
  } catch (thrown) {
    error = thrown;
  }
  return { aggregate, before, writes, error };
}

describe('transitions are pure', () => {
  it.each(changes)('%s computes its writes without touching the rows it was given', (_, run) => {
    const { aggregate, before, writes, error } = onFrozenRows(run);
    expect(error).toBeUndefined();
    // Each case must have something to write, or it would prove nothing.
    expect(writes?.isEmpty).toBe(false);
    // Dates survive freezing (setTime still works): the copy catches those too.
    expect(aggregate).toStrictEqual(before);
  });

  it.each(refusals)('%s refuses without touching the rows it was given', (_, run) => {
    const { aggregate, before, error } = onFrozenRows(run);
    expect(error).toMatchObject({ name: 'DomainError' });
    expect(aggregate).toStrictEqual(before);
  });
});
