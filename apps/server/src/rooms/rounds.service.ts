import { Injectable } from '@nestjs/common';
import type { IssueAddPayload, IssueRemovePayload, VoteCastPayload } from '@poker/shared';
import { DomainError } from '../errors/domain.error';
import { RoomCommitter, type ActorView } from './commit/room-committer.service';
import { IssueQueueService } from './issue-queue.service';
import type { Actor } from './rules/actor';
import { requireFacilitator } from './rules/room-guards';
import { addIssues } from './rules/transitions/add-issues';
import { castVoteOn } from './rules/transitions/cast-async-vote';
import { castVote } from './rules/transitions/cast-vote';
import { removeIssues } from './rules/transitions/remove-issues';
import { resetVotes } from './rules/transitions/reset-votes';
import { revealExpired, revealVotes } from './rules/transitions/reveal-votes';
import { startTimer, stopTimer } from './rules/transitions/room-timer';
import { selectIssue } from './rules/transitions/select-issue';
import { RoomRepository } from './store/room.repository';

/** Rooms whose timer ran out, revealed per sweep at most (the next sweep takes the rest). */
const TIMER_SWEEP = 100;

/** The estimation flow: the issue queue, rounds, votes, reveal and the timer. */
@Injectable()
export class RoundsService {
  constructor(
    private readonly rooms: RoomRepository,
    private readonly committer: RoomCommitter,
    private readonly issueQueue: IssueQueueService,
  ) {}

  /**
   * Appends the typed keys and the JQL's results, as the facilitator adding them may see them
   * in Jira, with the board's field of those picked from a board. A stranger is refused before
   * Jira is asked anything; the change checks again.
   */
  async addIssues(actor: Actor, payload: IssueAddPayload): Promise<ActorView> {
    const aggregate = await this.committer.peek(actor, payload.roomId);
    requireFacilitator(aggregate, actor, 'change the issues');
    const issueKeys = await this.issueQueue.resolve(actor, payload.issueKeys, payload.jql);
    await this.issueQueue.requireEstimateFields(actor, payload.issueFields);
    const { issueFields } = payload;
    return this.committer.apply(actor, payload.roomId, (aggregate, context) =>
      addIssues(aggregate, actor, { issueKeys, issueFields }, context),
    );
  }

  async removeIssues(actor: Actor, payload: IssueRemovePayload): Promise<ActorView> {
    return this.committer.apply(actor, payload.roomId, (aggregate, context) =>
      removeIssues(aggregate, actor, payload, context),
    );
  }

  async selectIssue(actor: Actor, roomId: string, issueKey: string): Promise<ActorView> {
    return this.committer.apply(actor, roomId, (aggregate, context) =>
      selectIssue(aggregate, actor, { issueKey }, context),
    );
  }

  async castVote(actor: Actor, payload: VoteCastPayload): Promise<ActorView> {
    // Async voting names an issue (cast-async-vote.ts); without one, the round in play as ever.
    if (payload.issueKey !== undefined) {
      return this.committer.apply(actor, payload.roomId, (aggregate, context) =>
        castVoteOn(aggregate, actor, payload, context),
      );
    }
    return this.committer.apply(actor, payload.roomId, (aggregate, context) =>
      castVote(aggregate, actor, payload, context),
    );
  }

  async revealVotes(actor: Actor, roomId: string): Promise<ActorView> {
    return this.committer.apply(actor, roomId, (aggregate, context) =>
      revealVotes(aggregate, actor, undefined, context),
    );
  }

  async resetVotes(actor: Actor, roomId: string): Promise<ActorView> {
    return this.committer.apply(actor, roomId, (aggregate, context) =>
      resetVotes(aggregate, actor, undefined, context),
    );
  }

  async startTimer(actor: Actor, roomId: string, seconds?: number): Promise<ActorView> {
    return this.committer.apply(actor, roomId, (aggregate, context) =>
      startTimer(aggregate, actor, { seconds }, context),
    );
  }

  async stopTimer(actor: Actor, roomId: string): Promise<ActorView> {
    return this.committer.apply(actor, roomId, (aggregate, context) =>
      stopTimer(aggregate, actor, undefined, context),
    );
  }

  /** Reveals every round whose timer ran out (the server's clock decides). Safe on every node. */
  async revealExpiredTimers(now = new Date()): Promise<number> {
    const due = await this.rooms.timersDue(now, TIMER_SWEEP);
    const failures: unknown[] = [];
    for (const room of due) {
      const system = { tenantId: room.tenantId, accountId: room.ownerAccountId };
      // One room failing (removed meanwhile, a lost connection) does not hold up the others.
      await this.committer
        .apply(system, room.id, (aggregate, context) =>
          revealExpired(aggregate, system, undefined, { ...context, now }),
        )
        .catch((error: unknown) => {
          // A room removed since the query is no failure.
          if (!(error instanceof DomainError)) failures.push(error);
        });
    }
    if (failures.length > 0) throw failures[0];
    return due.length;
  }
}
