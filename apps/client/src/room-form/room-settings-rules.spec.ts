import { describe, expect, it } from '@jest/globals';
import type { RoomSnapshot } from '@poker/shared';
import {
  cardsDroppedByDeckChange,
  checkTimerSeconds,
  settingsChanges,
} from './room-settings-rules';

const room = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Sprint 12',
  deck: { kind: 'fibonacci' },
  fieldId: null,
  autoReveal: false,
  autoAdvance: false,
  anonymousReveal: false,
  suggestRule: 'mode',
  timerSeconds: 60,
  revealed: false,
  currentIssueKey: 'PROJ-1',
  members: [
    { accountId: 'a', role: 'owner', online: true, hasVoted: true },
    { accountId: 'b', role: 'voter', online: true, hasVoted: false },
  ],
} as unknown as RoomSnapshot;

const unchanged = {
  name: 'Sprint 12',
  deck: { kind: 'fibonacci' },
  fieldId: null,
  autoReveal: false,
  autoAdvance: false,
  anonymousReveal: false,
  suggestRule: 'mode',
  timerSeconds: 60,
} as const;

describe('room settings rules', () => {
  it('says the timer length in people’s words', () => {
    expect(checkTimerSeconds('90')).toEqual({ ok: true, value: 90 });
    expect(checkTimerSeconds('')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/whole seconds/),
    });
    expect(checkTimerSeconds('1.5')).toMatchObject({ ok: false });
    expect(checkTimerSeconds('4')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/5 seconds to an hour/),
    });
    expect(checkTimerSeconds('3601')).toMatchObject({ ok: false });
  });

  it('sends only what changed', () => {
    expect(settingsChanges(room, unchanged)).toEqual({});
    const deck = { kind: 'custom' as const, cards: ['S', 'M', 'L'], values: { S: 1, M: 3, L: 5 } };
    expect(
      settingsChanges(room, {
        ...unchanged,
        name: ' Sprint 13 ',
        deck,
        anonymousReveal: true,
        suggestRule: 'average-up',
        timerSeconds: 90,
      }),
    ).toEqual({
      name: 'Sprint 13',
      deck,
      anonymousReveal: true,
      suggestRule: 'average-up',
      timerSeconds: 90,
    });
  });

  it('counts the cards a new deck would drop: the unrevealed round’s, none between rounds', () => {
    expect(cardsDroppedByDeckChange(room)).toBe(1);
    expect(cardsDroppedByDeckChange({ ...room, revealed: true })).toBe(0);
    expect(cardsDroppedByDeckChange({ ...room, currentIssueKey: null })).toBe(0);
  });

  it('sends no deck when the stored one only lists its values in another order', () => {
    const stored = {
      kind: 'custom' as const,
      cards: ['S', 'M', 'L'],
      values: { L: 5, M: 3, S: 1 },
    };
    const typed = { kind: 'custom' as const, cards: ['S', 'M', 'L'], values: { S: 1, M: 3, L: 5 } };
    expect(settingsChanges({ ...room, deck: stored }, { ...unchanged, deck: typed })).toEqual({});
  });
});
