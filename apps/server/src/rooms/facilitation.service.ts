import { Injectable } from '@nestjs/common';
import { isVotingMember, type MemberKickPayload } from '@poker/shared';
import { conflict, DomainError } from '../errors/domain.error';
import { RoomCommitter, type ActorView } from './commit/room-committer.service';
import { MemberNotices } from './live/member-notices.service';
import { PresenceService } from './live/presence.service';
import type { Actor } from './rules/actor';
import { requireCurrentIssue, requireFacilitator } from './rules/room-guards';
import { ROOM_LIMITS } from './rules/room-limits';
import { grantFacilitator, revokeFacilitator } from './rules/transitions/facilitators';
import { kickMember, requireKickable } from './rules/transitions/kick-member';
import { skipIssue } from './rules/transitions/skip-issue';

/** Rooms whose last nudge this node remembers at most (older entries are dropped first). */
const NUDGES_REMEMBERED = 10_000;

/**
 * What a facilitator does besides running the round: remove (and block) members, nudge those
 * who have not voted, skip an issue, and, for the owner, grant or revoke co-facilitators. Room
 * changes go through RoomCommitter like every other; the nudge changes nothing and is stored
 * nowhere (a per-room pause on this node only keeps it polite).
 */
@Injectable()
export class FacilitationService {
  /** roomId → when this node last sent a nudge for it (ms). */
  private readonly lastNudge = new Map<string, number>();

  constructor(
    private readonly committer: RoomCommitter,
    private readonly presence: PresenceService,
    private readonly notices: MemberNotices,
  ) {}

  /**
   * Removes a member (and with `block` keeps them out). Their sockets leave the room's
   * broadcasts before the change is decided, so that none of them sees the room after it; the
   * checks run first, so a refused kick takes nobody out.
   */
  async kick(actor: Actor, payload: MemberKickPayload): Promise<ActorView> {
    const { roomId, accountId } = payload;
    const view = await this.committer.apply(
      actor,
      roomId,
      (aggregate, context) => kickMember(aggregate, actor, payload, context),
      {
        presenceChanged: true,
        beforePresence: (aggregate) => {
          requireKickable(aggregate, actor, payload);
          this.notices.removeFromRoom(actor.tenantId, accountId, roomId);
          return Promise.resolve();
        },
      },
    );
    this.notices.kicked(actor.tenantId, accountId, { roomId, blocked: payload.block ?? false });
    return view;
  }

  async grant(actor: Actor, roomId: string, accountId: string): Promise<ActorView> {
    return this.committer.apply(actor, roomId, (aggregate, context) =>
      grantFacilitator(aggregate, actor, { accountId }, context),
    );
  }

  async revoke(actor: Actor, roomId: string, accountId: string): Promise<ActorView> {
    return this.committer.apply(actor, roomId, (aggregate, context) =>
      revokeFacilitator(aggregate, actor, { accountId }, context),
    );
  }

  async skip(actor: Actor, roomId: string, issueKey: string): Promise<ActorView> {
    return this.committer.apply(actor, roomId, (aggregate, context) =>
      skipIssue(aggregate, actor, { issueKey }, context),
    );
  }

  /**
   * Nudges the online voters without a card in the round in play (never the one nudging), on
   * their sockets only; how many were nudged comes back. One nudge per room every few seconds.
   */
  async nudge(actor: Actor, roomId: string, now = Date.now()): Promise<number> {
    const aggregate = await this.committer.peek(actor, roomId);
    requireFacilitator(aggregate, actor, 'nudge voters');
    const issueKey = requireCurrentIssue(aggregate);
    const { room } = aggregate;
    if (room.revealed) throw conflict('The cards are already on the table.');
    const waitMs =
      ROOM_LIMITS.nudgeIntervalSeconds * 1000 - (now - (this.lastNudge.get(roomId) ?? 0));
    if (waitMs > 0) {
      throw new DomainError(
        'RATE_LIMITED',
        `The room was nudged a moment ago; try again in ${Math.ceil(waitMs / 1000)} s.`,
      );
    }
    const online = await this.presence.onlineAt(roomId, room.version);
    const voted = new Set(
      aggregate.votes
        .filter((vote) => vote.issueKey === issueKey && vote.round === room.round)
        .map((vote) => vote.accountId),
    );
    const waitingFor = aggregate.members
      .filter(
        (member) =>
          isVotingMember(member.role, room.ownerVotes) &&
          online.has(member.accountId) &&
          !voted.has(member.accountId) &&
          member.accountId !== actor.accountId,
      )
      .map((member) => member.accountId);
    if (waitingFor.length === 0) return 0;
    this.remember(roomId, now);
    this.notices.nudge(actor.tenantId, waitingFor, { roomId, byAccountId: actor.accountId });
    return waitingFor.length;
  }

  private remember(roomId: string, now: number): void {
    this.lastNudge.delete(roomId);
    this.lastNudge.set(roomId, now);
    // Insertion order is age order: the oldest go first.
    for (const key of this.lastNudge.keys()) {
      if (this.lastNudge.size <= NUDGES_REMEMBERED) break;
      this.lastNudge.delete(key);
    }
  }
}
