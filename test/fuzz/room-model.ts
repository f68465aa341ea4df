import { voterOf, type ClientEventName, type ErrorCode, type RoomSnapshot } from '@poker/shared';
import { HISTORY_ROUNDS } from '../../apps/server/src/rooms/rules/room-limits';

/**
 * A pure model of one room's voting state, written from DESIGN.md and the rules in
 * rooms/room-rules.ts, rounds.service.ts and rooms.service.ts (join). The fuzz suite replays the
 * events the server accepted on it and compares every snapshot with what the model predicts.
 */
export type Role = 'owner' | 'voter' | 'observer';

export type Action =
  | { kind: 'cast'; actor: string; value: string | null }
  | { kind: 'reveal' | 'reset' | 'timerStart' | 'timerStop'; actor: string }
  | { kind: 'select'; actor: string; issueKey: string }
  | { kind: 'join'; actor: string; role?: 'voter' | 'observer' };

export interface RoomModel {
  owner: string;
  roles: ReadonlyMap<string, Role>;
  issues: readonly string[];
  current: string | null;
  round: number;
  revealed: boolean;
  timerRunning: boolean;
  /** Cards by `issue#round`, then by account. */
  votes: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export type Outcome =
  { ok: true; next: RoomModel; changed: boolean } | { ok: false; code: ErrorCode };

/** The comparable part of a snapshot as one member sees it. */
export interface RoomView {
  ownerAccountId: string;
  currentIssueKey: string | null;
  round: number;
  revealed: boolean;
  timerRunning: boolean;
  members: { accountId: string; role: Role; hasVoted: boolean }[];
  votes: { accountId: string; value: string }[] | null;
  myVote: string | null;
  history: { round: number; votes: { accountId: string; value: string }[] }[];
}

const TIMER_SECONDS = 3600;
const roundKey = (issue: string, round: number) => `${issue}#${round}`;
const byAccount = (a: { accountId: string }, b: { accountId: string }) =>
  a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0;
const refuse = (code: ErrorCode): Outcome => ({ ok: false, code });

/** The model of a room right after the owner created it with `issues` and people joined. */
export function createdRoom(owner: string, issues: string[], members: [string, Role][]): RoomModel {
  return {
    owner,
    roles: new Map<string, Role>([[owner, 'owner'], ...members]),
    issues,
    current: issues[0] ?? null,
    round: issues.length > 0 ? 1 : 0,
    revealed: false,
    timerRunning: false,
    votes: new Map(),
  };
}

/** The event and payload that perform an action. */
export function toEvent(action: Action, roomId: string): [ClientEventName, object] {
  switch (action.kind) {
    case 'cast':
      return ['vote:cast', { roomId, value: action.value }];
    case 'reveal':
      return ['vote:reveal', { roomId }];
    case 'reset':
      return ['vote:reset', { roomId }];
    case 'timerStart':
      return ['timer:start', { roomId, seconds: TIMER_SECONDS }];
    case 'timerStop':
      return ['timer:stop', { roomId }];
    case 'select':
      return ['issue:select', { roomId, issueKey: action.issueKey }];
    case 'join':
      return ['room:join', action.role ? { roomId, role: action.role } : { roomId }];
  }
}

/** What the server must do with an action in a given state. */
export function applyAction(model: RoomModel, action: Action): Outcome {
  const role = model.roles.get(action.actor);
  const isOwner = action.actor === model.owner;
  switch (action.kind) {
    case 'cast': {
      if (!role) return refuse('FORBIDDEN');
      if (role === 'observer') return refuse('FORBIDDEN');
      if (!model.current) return refuse('CONFLICT');
      if (model.revealed) return refuse('CONFLICT');
      return changed(withVote(model, action.actor, action.value));
    }
    case 'reveal':
      if (!isOwner) return refuse('FORBIDDEN');
      if (!model.current) return refuse('CONFLICT');
      if (model.revealed) return { ok: true, next: model, changed: false };
      return changed({ ...model, revealed: true, timerRunning: false });
    case 'reset':
      if (!isOwner) return refuse('FORBIDDEN');
      if (!model.current) return refuse('CONFLICT');
      return changed(startRound(dropUnrevealed(model), model.current));
    case 'select':
      if (!isOwner) return refuse('FORBIDDEN');
      if (!model.issues.includes(action.issueKey)) return refuse('NOT_FOUND');
      return changed(startRound(dropUnrevealed(model), action.issueKey));
    case 'timerStart':
      if (!isOwner) return refuse('FORBIDDEN');
      if (!model.current) return refuse('CONFLICT');
      if (model.revealed) return refuse('CONFLICT');
      return changed({ ...model, timerRunning: true });
    case 'timerStop':
      if (!isOwner) return refuse('FORBIDDEN');
      if (!model.timerRunning) return { ok: true, next: model, changed: false };
      return changed({ ...model, timerRunning: false });
    case 'join': {
      const next: Role = isOwner ? 'owner' : (action.role ?? role ?? 'voter');
      const roles = new Map(model.roles).set(action.actor, next);
      let joined: RoomModel = { ...model, roles };
      if (next === 'observer' && model.current && !model.revealed) {
        joined = withVote(joined, action.actor, null);
      }
      return changed(joined);
    }
  }
}

function changed(next: RoomModel): Outcome {
  return { ok: true, next, changed: true };
}

function withVote(model: RoomModel, accountId: string, value: string | null): RoomModel {
  const key = roundKey(model.current!, model.round);
  const cards = new Map(model.votes.get(key) ?? []);
  if (value === null) cards.delete(accountId);
  else cards.set(accountId, value);
  return { ...model, votes: new Map(model.votes).set(key, cards) };
}

/** A round that ends unrevealed loses its cards: nobody may ever see them (issue 14). */
function dropUnrevealed(model: RoomModel): RoomModel {
  if (!model.current || model.revealed) return model;
  const votes = new Map(model.votes);
  votes.delete(roundKey(model.current, model.round));
  return { ...model, votes };
}

/** A fresh round: one past any round of that issue that holds votes (and the one in play). */
function startRound(model: RoomModel, issueKey: string): RoomModel {
  let highest = model.current === issueKey ? model.round : 0;
  for (const [key, cards] of model.votes) {
    const [issue, round] = key.split('#');
    if (issue === issueKey && cards.size > 0) highest = Math.max(highest, Number(round));
  }
  return { ...model, current: issueKey, round: highest + 1, revealed: false, timerRunning: false };
}

const entries = (cards: ReadonlyMap<string, string> | undefined) =>
  [...(cards ?? new Map<string, string>())]
    .map(([accountId, value]) => ({ accountId, value }))
    .sort(byAccount);

/** What a member should see in the model's state. */
export function expectedView(model: RoomModel, accountId: string): RoomView {
  const current = model.current ? model.votes.get(roundKey(model.current, model.round)) : undefined;
  const history: RoomView['history'] = [];
  // The snapshot keeps the HISTORY_ROUNDS rounds before the one in play (those with votes).
  const oldest = Math.max(1, model.round - HISTORY_ROUNDS);
  for (let round = model.round - 1; round >= oldest && model.current; round -= 1) {
    const cards = model.votes.get(roundKey(model.current, round));
    if (cards && cards.size > 0) history.push({ round, votes: entries(cards) });
  }
  return {
    ownerAccountId: model.owner,
    currentIssueKey: model.current,
    round: model.round,
    revealed: model.revealed,
    timerRunning: model.timerRunning,
    members: [...model.roles]
      .map(([id, role]) => ({ accountId: id, role, hasVoted: current?.has(id) ?? false }))
      .sort(byAccount),
    votes: model.revealed ? entries(current) : null,
    myVote: current?.get(accountId) ?? null,
    history,
  };
}

/** The same fields read from a snapshot the server sent. */
export function observedView(room: RoomSnapshot): RoomView {
  return {
    ownerAccountId: room.ownerAccountId,
    currentIssueKey: room.currentIssueKey,
    round: room.round,
    revealed: room.revealed,
    timerRunning: room.timerEndsAt !== null,
    members: room.members
      .map(({ accountId, role, hasVoted }) => ({ accountId, role, hasVoted }))
      .sort(byAccount),
    votes: room.votes
      ? [...room.votes]
          .map((vote) => ({ accountId: voterOf(vote) ?? '', value: vote.value }))
          .sort(byAccount)
      : null,
    myVote: room.myVote ?? null,
    history: room.history.map(({ round, votes }) => ({
      round,
      votes: votes
        .map((vote) => ({ accountId: voterOf(vote) ?? '', value: vote.value }))
        .sort(byAccount),
    })),
  };
}
