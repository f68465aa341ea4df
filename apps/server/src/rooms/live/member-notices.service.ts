import { Injectable, Logger } from '@nestjs/common';
import { ServerEvent, type MemberKickedPayload, type MemberNudgedPayload } from '@poker/shared';
import type { Namespace } from 'socket.io';
import { accountChannel, roomChannel, type PokerSocket } from './room-channel';

/**
 * What facilitation tells single members rather than the whole room: a nudge to those who have
 * not voted, the notice that they were removed, and taking a removed member's sockets out of
 * the room's broadcasts. Each goes to the person's own channel (every socket of theirs, on
 * every node, through the adapter); nothing of it is stored.
 */
@Injectable()
export class MemberNotices {
  private readonly logger = new Logger(MemberNotices.name);
  private namespace: Namespace | undefined;

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  /** A polite cue on the screens of `accountIds` (the client shows it only in that room). */
  nudge(tenantId: string, accountIds: readonly string[], payload: MemberNudgedPayload): void {
    if (accountIds.length === 0) return;
    const channels = accountIds.map((accountId) => accountChannel(tenantId, accountId));
    this.emit(channels, ServerEvent.memberNudged, payload);
  }

  /** The removed member's sockets learn it, so their tab stops re-joining the room. */
  kicked(tenantId: string, accountId: string, payload: MemberKickedPayload): void {
    this.emit([accountChannel(tenantId, accountId)], ServerEvent.memberKicked, payload);
  }

  /**
   * Takes every socket of the member out of the room's broadcasts, on every node; those on this
   * node also forget the room (their disconnect then changes nothing there).
   */
  removeFromRoom(tenantId: string, accountId: string, roomId: string): void {
    const namespace = this.namespace;
    if (!namespace) return;
    const channel = roomChannel(roomId);
    for (const id of namespace.adapter.rooms.get(channel) ?? []) {
      const socket = namespace.sockets.get(id) as PokerSocket | undefined;
      if (socket?.data.accountId !== accountId || socket.data.tenantId !== tenantId) continue;
      socket.data.roomIds = socket.data.roomIds.filter((joined) => joined !== roomId);
    }
    namespace.in(accountChannel(tenantId, accountId)).socketsLeave(channel);
  }

  private emit(channels: string[], event: string, payload: unknown): void {
    try {
      this.namespace?.to(channels).emit(event, payload);
    } catch (error) {
      this.logger.warn(`Could not deliver ${event}: ${String(error)}`);
    }
  }
}
