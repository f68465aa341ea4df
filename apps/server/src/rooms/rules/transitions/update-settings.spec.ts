import { expectRefused } from '../../testing/expect-refused';
import { actor, context, roomAggregate, type AggregateSpec } from '../room-aggregate.fixture';
import { applyWrites } from '../room-writes';
import { updateSettings, type SettingsChange } from './update-settings';

type Settings = SettingsChange;

const update = (payload: Settings, spec: AggregateSpec = {}) => {
  const aggregate = roomAggregate(spec);
  const writes = updateSettings(aggregate, actor('alice'), payload, context());
  return { writes, after: applyWrites(aggregate, writes) };
};

const tShirt = { kind: 't-shirt' } as const;

describe('updateSettings', () => {
  it('refuses anyone but the owner', () => {
    expectRefused(
      roomAggregate(),
      (aggregate) => updateSettings(aggregate, actor('bob'), { name: 'Mine' }, context()),
      'FORBIDDEN',
      'Only the room owner or a co-facilitator can change the room settings.',
    );
  });

  it('sets exactly the settings given', () => {
    const payload = { name: 'Sprint 43', fieldId: null, autoReveal: true, autoAdvance: true };
    const { writes, after } = update(payload, { room: { fieldId: 'customfield_10016' } });
    expect(writes.room).toEqual(payload);
    expect(after.room).toMatchObject(payload);
    expect(update({ autoReveal: false }).writes.room).toEqual({ autoReveal: false });
  });

  it('changes nothing when nothing is given, or the same deck', () => {
    expect(update({}).writes.isEmpty).toBe(true);
    expect(update({ deck: { kind: 'fibonacci' } }).writes.isEmpty).toBe(true);
  });

  it('drops the cards of an unrevealed round with a new deck (they may not be in it)', () => {
    const { writes, after } = update(
      { deck: tShirt },
      {
        votes: [
          ['bob', '5'],
          ['carol', '8'],
        ],
      },
    );
    expect(writes.room).toEqual({ deck: tShirt });
    expect(writes.droppedRound).toEqual({ issueKey: 'PROJ-1', round: 1 });
    expect(after.votes).toEqual([]);
  });

  it('keeps the cards of a revealed round with a new deck', () => {
    const { writes, after } = update(
      { deck: tShirt },
      { room: { revealed: true }, votes: [['bob', '5']] },
    );
    expect(writes.droppedRound).toBeUndefined();
    expect(after.votes).toHaveLength(1);
  });

  it('has no round to drop while no issue is in play', () => {
    const { writes } = update({ deck: tShirt }, { room: { currentIssueKey: null, round: 0 } });
    expect(writes.droppedRound).toBeUndefined();
    expect(writes.room).toEqual({ deck: tShirt });
  });
});

describe('updateSettings: room options', () => {
  it('sets anonymity, the suggest rule and the timer length', () => {
    const payload = { anonymousReveal: true, suggestRule: 'median', timerSeconds: 90 } as const;
    const { writes, after } = update(payload);
    expect(writes.room).toEqual(payload);
    expect(after.room).toMatchObject(payload);
  });

  it('keeps the names of rounds played so far hidden when anonymity is switched off', () => {
    const { writes } = update(
      { anonymousReveal: false, votedRounds: { 'PROJ-2': 3 } },
      { room: { anonymousReveal: true, round: 2 } },
    );
    expect(writes.room).toEqual({
      anonymousReveal: false,
      anonymousThrough: { 'PROJ-1': 2, 'PROJ-2': 3 },
    });
  });

  it('leaves the hidden rounds alone when anonymity stays off', () => {
    expect(update({ anonymousReveal: false }).writes.room).toEqual({ anonymousReveal: false });
  });
});

describe('updateSettings: the same custom deck', () => {
  it('is no change when only the order of its values differs (as Postgres gives them back)', () => {
    const stored = {
      kind: 'custom',
      cards: ['S', 'M', 'L'],
      values: { L: 5, M: 3, S: 1 },
    } as const;
    const sent = { kind: 'custom' as const, cards: ['S', 'M', 'L'], values: { S: 1, M: 3, L: 5 } };
    const { writes } = update(
      { deck: sent, name: 'Renamed' },
      { room: { deck: { ...stored, cards: [...stored.cards] } }, votes: [['bob', 'M']] },
    );
    expect(writes.room).toEqual({ name: 'Renamed' });
    expect(writes.droppedRound).toBeUndefined();
  });
});
