import { applyRoomPatch, type RoomSnapshot } from '@poker/shared';
import fc from 'fast-check';
import { DomainError } from '../../errors/domain.error';
import { myAsyncCards } from '../rules/async-votes';
import type { RoomAggregate } from '../rules/room-aggregate';
import { actor, context, roomAggregate } from '../rules/room-aggregate.fixture';
import { buildSnapshot, myVotes } from '../rules/room-snapshot';
import { applyWrites, type RoomWrites } from '../rules/room-writes';
import type { TransitionContext } from '../rules/transition';
import { addIssues } from '../rules/transitions/add-issues';
import { castVoteOn } from '../rules/transitions/cast-async-vote';
import { castVote } from '../rules/transitions/cast-vote';
import { joinRoom } from '../rules/transitions/join-room';
import { leaveRoom } from '../rules/transitions/leave-room';
import { removeIssues } from '../rules/transitions/remove-issues';
import { resetVotes } from '../rules/transitions/reset-votes';
import { revealVotes } from '../rules/transitions/reveal-votes';
import { startTimer, stopTimer } from '../rules/transitions/room-timer';
import { saveEstimate } from '../rules/transitions/save-estimate';
import { selectIssue } from '../rules/transitions/select-issue';
import { updateSettings } from '../rules/transitions/update-settings';
import { patchesFor, type Delivered } from './patch-views';

const PEOPLE = ['alice', 'bob', 'carol', 'dave'];
const CARDS = ['0', '1', '2', '3', '5', '8', '13', '?'];
const ISSUES = ['PROJ-1', 'PROJ-2', 'PROJ-3', 'PROJ-4'];

type Step = (aggregate: RoomAggregate, context: TransitionContext) => RoomWrites;

const person = fc.constantFrom(...PEOPLE);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.tuple(person, fc.option(fc.constantFrom(...CARDS))).map(
    ([who, value]): Step =>
      (a, c) =>
        castVote(a, actor(who), { value }, c),
  ),
  fc.constant<Step>((a, c) => revealVotes(a, actor('alice'), undefined, c)),
  fc.constant<Step>((a, c) => resetVotes(a, actor('alice'), undefined, c)),
  fc.constantFrom(...ISSUES).map(
    (issueKey): Step =>
      (a, c) =>
        selectIssue(a, actor('alice'), { issueKey }, c),
  ),
  fc.tuple(person, fc.constantFrom('voter' as const, 'observer' as const)).map(
    ([who, role]): Step =>
      (a, c) =>
        joinRoom(a, actor(who), { role }, c),
  ),
  person.map(
    (who): Step =>
      (a, c) =>
        leaveRoom(a, actor(who), undefined, c),
  ),
  fc.boolean().map(
    (autoReveal): Step =>
      (a, c) =>
        updateSettings(a, actor('alice'), { autoReveal }, c),
  ),
  fc.constantFrom({ kind: 'fibonacci' as const }, { kind: 't-shirt' as const }).map(
    (deck): Step =>
      (a, c) =>
        updateSettings(a, actor('alice'), { deck }, c),
  ),
  fc.constant<Step>((a, c) => startTimer(a, actor('alice'), { seconds: 30 }, c)),
  fc.constant<Step>((a, c) => stopTimer(a, actor('alice'), undefined, c)),
  fc.constantFrom(...ISSUES).map(
    (issueKey): Step =>
      (a, c) =>
        saveEstimate(a, actor('alice'), { issueKey, value: 3, rounds: 1, consensus: true }, c),
  ),
  fc.constantFrom(...ISSUES).map(
    (key): Step =>
      (a, c) =>
        addIssues(a, actor('alice'), { issueKeys: [key] }, c),
  ),
  fc.constantFrom(...ISSUES).map(
    (key): Step =>
      (a, c) =>
        removeIssues(a, actor('alice'), { issueKeys: [key] }, c),
  ),
  // Async voting: cards played ahead (each member's own, in their own patch), the switch.
  fc.tuple(person, fc.constantFrom(...ISSUES), fc.option(fc.constantFrom(...CARDS))).map(
    ([who, issueKey, value]): Step =>
      (a, c) =>
        castVoteOn(a, actor(who), { issueKey, value }, c),
  ),
  fc.boolean().map(
    (asyncVoting): Step =>
      (a, c) =>
        updateSettings(a, actor('alice'), { asyncVoting }, c),
  ),
);

/** The room as the server commits it: the writes applied, the version bumped. */
function commit(aggregate: RoomAggregate, writes: RoomWrites): RoomAggregate {
  const next = applyWrites(aggregate, writes);
  next.room.version += 1;
  return next;
}

function delivered(aggregate: RoomAggregate, online: ReadonlySet<string>): Delivered {
  return {
    snapshot: buildSnapshot(aggregate, online),
    cards: myVotes(aggregate),
    asyncCards: myAsyncCards(aggregate),
  };
}

/** What `room:state` would hand `accountId`: the snapshot with their own cards. */
function viewOf({ snapshot, cards, asyncCards }: Delivered, accountId: string): RoomSnapshot {
  const myAsyncVotes = asyncCards?.get(accountId);
  return JSON.parse(
    JSON.stringify({
      ...snapshot,
      myVote: cards.get(accountId) ?? null,
      ...(myAsyncVotes && { myAsyncVotes }),
    }),
  );
}

describe('room:patch', () => {
  it('a member who applies every patch holds exactly the snapshot the server would send', () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 40 }),
        fc.subarray(PEOPLE, { minLength: 1 }),
        (steps, onlineList) => {
          const online = new Set(onlineList);
          let aggregate = roomAggregate({
            issues: ISSUES.slice(0, 3),
            members: [
              ['alice', 'owner'],
              ['bob', 'voter'],
              ['carol', 'voter'],
            ],
          });
          let last = delivered(aggregate, online);
          const held = new Map(PEOPLE.map((who) => [who, viewOf(last, who)]));
          for (const run of steps) {
            let writes: RoomWrites;
            try {
              writes = run(aggregate, context(onlineList));
            } catch (error) {
              if (error instanceof DomainError) continue;
              throw error;
            }
            if (writes.isEmpty) continue;
            aggregate = commit(aggregate, writes);
            const next = delivered(aggregate, online);
            const patches = patchesFor(last, next, PEOPLE);
            for (const { patch, accountIds } of patches.values()) {
              for (const who of accountIds) {
                const after = applyRoomPatch(held.get(who)!, patch);
                expect(after).toEqual(viewOf(next, who));
                held.set(who, after!);
              }
            }
            last = next;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never carries a hidden card to anyone but its owner', () => {
    let aggregate = roomAggregate();
    const online = new Set(['alice', 'bob', 'carol']);
    const vote = (who: string, value: string) => {
      const before = delivered(aggregate, online);
      aggregate = commit(aggregate, castVote(aggregate, actor(who), { value }, context()));
      return patchesFor(before, delivered(aggregate, online), ['alice', 'bob', 'carol']);
    };
    vote('alice', '13');
    const patches = vote('bob', '21');
    for (const { patch, accountIds } of patches.values()) {
      const text = JSON.stringify(patch);
      expect(text).not.toContain('"13"');
      if (accountIds.includes('bob')) {
        expect(accountIds).toEqual(['bob']);
        expect(patch.ops).toContainEqual({ op: 'replace', path: '/myVote', value: '21' });
      } else {
        expect(text).not.toContain('"21"');
        expect(patch.ops.some((op) => op.path.startsWith('/votes'))).toBe(false);
      }
    }
    // Revealed: everyone gets the cards, once, in the shared part.
    const before = delivered(aggregate, online);
    aggregate = commit(aggregate, revealVotes(aggregate, actor('alice'), undefined, context()));
    const revealed = patchesFor(before, delivered(aggregate, online), ['alice', 'bob', 'carol']);
    for (const { patch } of revealed.values()) {
      expect(JSON.stringify(patch)).toContain('"21"');
    }
  });

  it('never carries a card played ahead to anyone but its owner', () => {
    let aggregate = roomAggregate({ room: { asyncVoting: true } });
    const online = new Set(['alice', 'bob', 'carol']);
    const before = delivered(aggregate, online);
    aggregate = commit(
      aggregate,
      castVoteOn(aggregate, actor('bob'), { issueKey: 'PROJ-2', value: '21' }, context()),
    );
    const patches = patchesFor(before, delivered(aggregate, online), ['alice', 'bob', 'carol']);
    for (const { patch, accountIds } of patches.values()) {
      const text = JSON.stringify(patch);
      expect(text).toContain('/asyncVoted');
      if (accountIds.includes('bob')) {
        expect(accountIds).toEqual(['bob']);
        expect(patch.ops).toContainEqual({
          op: 'add',
          path: '/myAsyncVotes',
          value: { 'PROJ-2': '21' },
        });
      } else {
        expect(text).not.toContain('"21"');
      }
    }
  });

  it('is refused by a client that holds another version, which then re-joins', () => {
    const aggregate = roomAggregate();
    const online = new Set(['alice']);
    const first = delivered(aggregate, online);
    const second = delivered(
      commit(aggregate, castVote(aggregate, actor('alice'), { value: '5' }, context())),
      online,
    );
    const [{ patch }] = patchesFor(first, second, ['alice']).values();
    const stale = { ...viewOf(first, 'alice'), version: first.snapshot.version - 1 };
    expect(applyRoomPatch(stale, patch)).toBeNull();
    expect(applyRoomPatch(viewOf(first, 'alice'), { ...patch, roomId: 'other' })).toBeNull();
  });
});
