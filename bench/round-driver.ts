import { deckCards } from '@poker/shared';
import type { BenchMember, BenchRoom } from './bench-room';

const CARDS = deckCards({ kind: 'fibonacci' });
/** Votes land at random moments in the first 60 % of a round, so they do not come in bursts. */
const VOTING_SHARE = 0.6;
/** The owner reveals at 70 % of the round (or once the last vote is in, if later). */
const REVEAL_AT = 0.7;

/**
 * Plays rounds in one room, one every `periodMs`: each member votes once at a random moment,
 * the owner reveals, and at the end of the period the owner starts a re-vote (vote:reset),
 * which begins the next round. With 10 members and a 10 s period that is one vote per
 * participant every 10 s.
 */
export class RoundDriver {
  private running = false;
  private roundStartedAt = 0;
  private votesLeft = 0;
  private revealDue = false;
  private revealing = false;

  constructor(
    private readonly room: BenchRoom,
    private readonly periodMs: number,
  ) {}

  start(delayMs: number): void {
    this.running = true;
    setTimeout(this.newRound, delayMs);
  }

  /** No new emits from now on; operations in flight still complete (or time out). */
  stop(): void {
    this.running = false;
  }

  private readonly newRound = (): void => {
    if (!this.running) return;
    this.roundStartedAt = performance.now();
    this.votesLeft = this.room.members.length;
    this.revealDue = false;
    this.revealing = false;
    for (const member of this.room.members) {
      setTimeout(this.vote, Math.random() * VOTING_SHARE * this.periodMs, member);
    }
    setTimeout(this.revealTime, REVEAL_AT * this.periodMs);
  };

  private readonly vote = (member: BenchMember): void => {
    if (!this.running || !member.joined) {
      this.voted();
      return;
    }
    const value = CARDS[Math.floor(Math.random() * CARDS.length)];
    this.room.emit('vote:cast', member, { roomId: this.room.id, value }, this.voted);
  };

  private readonly voted = (): void => {
    this.votesLeft -= 1;
    this.maybeReveal();
  };

  private readonly revealTime = (): void => {
    this.revealDue = true;
    this.maybeReveal();
  };

  private maybeReveal(): void {
    if (!this.running || !this.revealDue || this.votesLeft > 0 || this.revealing) return;
    this.revealing = true;
    this.room.emit('vote:reveal', this.room.owner, this.room.ref, this.revealed);
  }

  private readonly revealed = (): void => {
    const untilNextRound = this.roundStartedAt + this.periodMs - performance.now();
    setTimeout(this.reset, Math.max(0, untilNextRound));
  };

  private readonly reset = (): void => {
    if (!this.running) return;
    this.room.emit('vote:reset', this.room.owner, this.room.ref, this.resetDone);
  };

  /** Votes into a round that is still revealed would all be refused: try the re-vote again. */
  private readonly resetDone = (succeeded: boolean): void => {
    if (succeeded) this.newRound();
    else setTimeout(this.reset, 1000);
  };
}
