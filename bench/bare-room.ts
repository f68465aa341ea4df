import {
  computeStats,
  type Deck,
  type MemberRole,
  type RevealedRound,
  type RoomSnapshot,
  type Vote,
} from '@poker/shared';

/** apps/server/src/rooms/room-snapshot.ts's cap (not imported: the baseline has no server code). */
const HISTORY_ROUNDS = 5;

/**
 * The baseline's room: our room's state kept in memory, producing snapshots of the same shape
 * (and so about the same JSON size) as the real server's `buildSnapshot`, history included.
 */
export class BareRoom {
  version = 1;
  round = 1;
  revealed = false;
  /** Account ID → role, in join order. */
  readonly members = new Map<string, MemberRole>();
  /** Round → (account ID → card) for the one issue every bench room has. */
  private readonly votes = new Map<number, Map<string, string>>();

  constructor(
    readonly id: string,
    readonly name: string,
    readonly ownerAccountId: string,
    readonly deck: Deck,
    readonly issueKey: string,
  ) {
    this.members.set(ownerAccountId, 'owner');
  }

  currentVotes(): Map<string, string> {
    let votes = this.votes.get(this.round);
    if (!votes) {
      votes = new Map();
      this.votes.set(this.round, votes);
    }
    return votes;
  }

  startRound(): void {
    this.round += 1;
    this.revealed = false;
  }

  snapshot(online: ReadonlySet<string>): RoomSnapshot {
    // The real server orders members by account ID and votes by member order.
    const accountIds = [...this.members.keys()].sort();
    const current = this.currentVotes();
    const votes: Vote[] = [];
    for (const accountId of accountIds) {
      const value = current.get(accountId);
      if (value !== undefined) votes.push({ accountId, value });
    }
    return {
      id: this.id,
      name: this.name,
      version: this.version,
      ownerAccountId: this.ownerAccountId,
      deck: this.deck,
      fieldId: null,
      autoReveal: false,
      autoAdvance: false,
      issues: [
        {
          issueKey: this.issueKey,
          fieldId: null,
          savedValue: null,
          savedAt: null,
          savedRounds: null,
          savedConsensus: null,
        },
      ],
      currentIssueKey: this.issueKey,
      round: this.round,
      revealed: this.revealed,
      timerEndsAt: null,
      members: accountIds.map((accountId) => ({
        accountId,
        role: this.members.get(accountId) ?? 'voter',
        online: online.has(accountId),
        hasVoted: current.has(accountId),
      })),
      votes: this.revealed ? votes : null,
      stats: this.revealed ? computeStats(this.deck, votes) : null,
      history: this.history(),
    };
  }

  /** The earlier rounds, newest first, capped as our server caps them (HISTORY_ROUNDS = 5). */
  private history(): RevealedRound[] {
    const rounds: RevealedRound[] = [];
    for (let round = this.round - 1; round >= 1 && rounds.length < HISTORY_ROUNDS; round -= 1) {
      const votes = [...(this.votes.get(round) ?? [])].map(([accountId, value]) => ({
        accountId,
        value,
      }));
      if (votes.length === 0) continue;
      rounds.push({ issueKey: this.issueKey, round, votes, stats: computeStats(this.deck, votes) });
    }
    return rounds;
  }
}
