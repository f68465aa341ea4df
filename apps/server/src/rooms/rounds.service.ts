import { Injectable } from '@nestjs/common';
import { isCardInDeck, type IssueRemovePayload, type VoteCastPayload } from '@poker/shared';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import { badRequest, conflict, forbidden, notFound } from '../errors/domain.error';
import type { RoomAggregate } from './room-aggregate';
import type { RoomWrites } from './room-commit';
import { ROOM_LIMITS } from './room-limits';
import { HISTORY_ROUNDS } from './room-snapshot';
import { ActorView, RoomMutator } from './room-mutator.service';
import {
  Actor,
  everyOnlineVoterVoted,
  nextRoundFor,
  requireCurrentIssue,
  requireMember,
  requireOwner,
} from './room-rules';
import { Room } from './room.entity';
import { RoomIssue } from './room-issue.entity';
import { Vote } from './vote.entity';

/** The estimation flow: the issue queue, rounds, votes, reveal and the timer. */
@Injectable()
export class RoundsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mutator: RoomMutator,
  ) {}

  /** Appends issue keys (already checked against Jira by the caller) to the queue. */
  async addIssues(actor: Actor, roomId: string, issueKeys: string[]): Promise<ActorView> {
    return this.mutator.mutate(actor, roomId, async ({ em, aggregate }) => {
      requireOwner(aggregate, actor, 'change the issues');
      const known = new Set(aggregate.issues.map((issue) => issue.issueKey));
      const fresh = issueKeys.filter((key) => !known.has(key));
      if (fresh.length === 0) return 'unchanged';
      if (known.size + fresh.length > ROOM_LIMITS.issuesPerRoom) {
        throw conflict(`A room holds at most ${ROOM_LIMITS.issuesPerRoom} issues.`);
      }
      const start = aggregate.issues.reduce((max, issue) => Math.max(max, issue.position + 1), 0);
      await em.insert(
        RoomIssue,
        fresh.map((issueKey, index) => ({ roomId, issueKey, position: start + index })),
      );
      if (!aggregate.room.currentIssueKey) this.startRound(aggregate, fresh[0]);
    });
  }

  async removeIssues(actor: Actor, payload: IssueRemovePayload): Promise<ActorView> {
    return this.mutator.mutate(actor, payload.roomId, async ({ em, aggregate }) => {
      requireOwner(aggregate, actor, 'change the issues');
      const { room } = aggregate;
      const removing = new Set(payload.issueKeys);
      const present = aggregate.issues.filter((issue) => removing.has(issue.issueKey));
      if (present.length === 0) return 'unchanged';
      const keys = present.map((issue) => issue.issueKey);
      await em.delete(Vote, { roomId: room.id, issueKey: In(keys) });
      await em.delete(RoomIssue, { roomId: room.id, issueKey: In(keys) });
      if (room.currentIssueKey && removing.has(room.currentIssueKey)) {
        const next = aggregate.issues.find((issue) => !removing.has(issue.issueKey));
        if (next)
          this.startRound(
            aggregate,
            next.issueKey,
            await this.maxRound(em, room.id, next.issueKey),
          );
        else
          Object.assign(room, {
            currentIssueKey: null,
            round: 0,
            revealed: false,
            timerEndsAt: null,
          });
      }
    });
  }

  /** Moves the room to an issue of its queue and starts a fresh round of it. */
  async selectIssue(actor: Actor, roomId: string, issueKey: string): Promise<ActorView> {
    return this.mutator.mutate(actor, roomId, async ({ em, aggregate }) => {
      requireOwner(aggregate, actor, 'choose the issue');
      if (!aggregate.issues.some((issue) => issue.issueKey === issueKey)) {
        throw notFound(`Issue ${issueKey} in this room`);
      }
      const { currentIssueKey, round, revealed } = aggregate.room;
      if (currentIssueKey && !revealed) {
        await em.delete(Vote, { roomId, issueKey: currentIssueKey, round });
        aggregate.votes = aggregate.votes.filter(
          (vote) => !(vote.issueKey === currentIssueKey && vote.round === round),
        );
      }
      this.startRound(aggregate, issueKey, await this.maxRound(em, roomId, issueKey));
    });
  }

  async castVote(actor: Actor, payload: VoteCastPayload): Promise<ActorView> {
    return this.mutator.apply(actor, payload.roomId, ({ aggregate, online, writes }) => {
      const member = requireMember(aggregate, actor);
      if (member.role === 'observer')
        throw forbidden('Observers do not vote; join as a voter to vote.');
      const issueKey = requireCurrentIssue(aggregate);
      const { room } = aggregate;
      if (room.revealed)
        throw conflict('Votes are already revealed; the owner can start a re-vote.');
      if (payload.value !== null && !isCardInDeck(room.deck, payload.value)) {
        throw badRequest(`"${payload.value}" is not a card of this room's deck.`);
      }
      const key = { roomId: room.id, issueKey, round: room.round, accountId: actor.accountId };
      const others = aggregate.votes.filter(
        (v) =>
          !(v.round === room.round && v.accountId === actor.accountId && v.issueKey === issueKey),
      );
      writes.vote({ ...key, value: payload.value });
      if (payload.value === null) {
        aggregate.votes = others;
        return;
      }
      aggregate.votes = [...others, Object.assign(new Vote(), { ...key, value: payload.value })];
      if (room.autoReveal) {
        const voted = new Set(
          aggregate.votes.filter((v) => v.round === room.round).map((v) => v.accountId),
        );
        if (everyOnlineVoterVoted(aggregate.members, voted, online)) this.reveal(room);
      }
    });
  }

  async revealVotes(actor: Actor, roomId: string): Promise<ActorView> {
    return this.mutator.apply(actor, roomId, ({ aggregate }) => {
      requireOwner(aggregate, actor, 'reveal the votes');
      requireCurrentIssue(aggregate);
      if (aggregate.room.revealed) return 'unchanged';
      this.reveal(aggregate.room);
    });
  }

  /**
   * Re-vote: a new round of the same issue. A revealed round stays in the history; the cards
   * of a round nobody revealed are dropped, so no one ever sees them (see dropUnrevealed).
   */
  async resetVotes(actor: Actor, roomId: string): Promise<ActorView> {
    return this.mutator.apply(actor, roomId, ({ aggregate, writes }) => {
      requireOwner(aggregate, actor, 'start a re-vote');
      const issueKey = requireCurrentIssue(aggregate);
      dropUnrevealed(aggregate, writes);
      this.startRound(aggregate, issueKey);
      // Keep what loadAggregate would read: rounds older than the history window drop out.
      const oldest = aggregate.room.round - HISTORY_ROUNDS;
      aggregate.votes = aggregate.votes.filter((vote) => vote.round >= oldest);
    });
  }

  async startTimer(actor: Actor, roomId: string, seconds?: number): Promise<ActorView> {
    return this.mutator.apply(actor, roomId, ({ aggregate }) => {
      requireOwner(aggregate, actor, 'start the timer');
      requireCurrentIssue(aggregate);
      if (aggregate.room.revealed) throw conflict('The votes are already revealed.');
      const duration = (seconds ?? ROOM_LIMITS.defaultTimerSeconds) * 1000;
      aggregate.room.timerEndsAt = new Date(Date.now() + duration);
    });
  }

  async stopTimer(actor: Actor, roomId: string): Promise<ActorView> {
    return this.mutator.apply(actor, roomId, ({ aggregate }) => {
      requireOwner(aggregate, actor, 'stop the timer');
      if (!aggregate.room.timerEndsAt) return 'unchanged';
      aggregate.room.timerEndsAt = null;
    });
  }

  /** Reveals every round whose timer ran out (the server's clock decides). Safe on every node. */
  async revealExpiredTimers(now = new Date()): Promise<number> {
    const due = await this.dataSource.getRepository(Room).find({
      select: { id: true, tenantId: true, ownerAccountId: true },
      where: { timerEndsAt: LessThanOrEqual(now), revealed: false },
      take: 100,
    });
    for (const room of due) {
      const system = { tenantId: room.tenantId, accountId: room.ownerAccountId };
      await this.mutator.apply(system, room.id, ({ aggregate }) => {
        const { timerEndsAt, revealed } = aggregate.room;
        if (revealed || !timerEndsAt || timerEndsAt > now) return 'unchanged';
        this.reveal(aggregate.room);
      });
    }
    return due.length;
  }

  private reveal(room: Room): void {
    room.revealed = true;
    room.timerEndsAt = null;
  }

  private startRound(aggregate: RoomAggregate, issueKey: string, knownMax = 0): void {
    const round = nextRoundFor(aggregate, issueKey, knownMax);
    Object.assign(aggregate.room, {
      currentIssueKey: issueKey,
      round,
      revealed: false,
      timerEndsAt: null,
    });
  }

  private async maxRound(
    em: import('typeorm').EntityManager,
    roomId: string,
    issueKey: string,
  ): Promise<number> {
    const row = await em
      .getRepository(Vote)
      .createQueryBuilder('vote')
      .select('COALESCE(MAX(vote.round), 0)::int', 'max')
      .where('vote.room_id = :roomId AND vote.issue_key = :issueKey', { roomId, issueKey })
      .getRawOne<{ max: number }>();
    return row?.max ?? 0;
  }
}

/**
 * An unrevealed round's cards must never be shown to anyone (not in `history`, not on another
 * node), so a round that ends unrevealed (re-vote, or another issue chosen) loses its votes.
 * Keeping them hidden instead would keep personal data nobody may ever look at.
 */
function dropUnrevealed(aggregate: RoomAggregate, writes: RoomWrites): void {
  const { currentIssueKey, round, revealed } = aggregate.room;
  if (!currentIssueKey || revealed) return;
  writes.dropRound(currentIssueKey, round);
  aggregate.votes = aggregate.votes.filter(
    (vote) => !(vote.issueKey === currentIssueKey && vote.round === round),
  );
}
