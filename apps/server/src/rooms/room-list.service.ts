import { Injectable } from '@nestjs/common';
import type { RoomListPayload, RoomListResult, RoomSummary } from '@poker/shared';
import { DomainError } from '../errors/domain.error';
import { RoomCommitter } from './commit/room-committer.service';
import type { ListWatcher } from './live/room-list-publisher.service';
import { TenantPresence } from './live/tenant-presence.service';
import type { Actor } from './rules/actor';
import { buildSnapshot } from './rules/room-snapshot';
import { lastResultOf } from './rules/room-summary';
import { RoomRepository } from './store/room.repository';

/**
 * `room:list`: the site's rooms with who is a member and how many are online, or (with
 * `issueKey`) the rooms holding one issue with what each knows of it. Listing also subscribes
 * the socket to the site's list pushes (`room:listChanged`, RoomListPublisher).
 */
@Injectable()
export class RoomListService {
  constructor(
    private readonly rooms: RoomRepository,
    private readonly committer: RoomCommitter,
    private readonly presence: TenantPresence,
  ) {}

  async list(
    actor: Actor,
    payload: RoomListPayload,
    watcher?: ListWatcher,
  ): Promise<RoomSummary[]> {
    // Subscribed before the read: a change committed meanwhile is pushed, not lost in between.
    await watcher?.watch();
    const [listed, online] = await Promise.all([
      this.rooms.list(actor.tenantId, payload.issueKey),
      this.presence.onlineByRoom(actor.tenantId),
    ]);
    return Promise.all(
      listed.map(async ({ summary, issue }) => {
        const here = online.get(summary.id) ?? new Set<string>();
        const members = summary.memberAccountIds ?? [];
        const withOnline = {
          ...summary,
          onlineCount: members.filter((accountId) => here.has(accountId)).length,
        };
        if (!issue) return withOnline;
        // The last result is what a member sees in the room; anyone else gets the saved record.
        const lastResult =
          issue.current && members.includes(actor.accountId)
            ? await this.lastResult(actor, summary.id, issue.issueKey)
            : null;
        return { ...withOnline, issue: { ...issue, lastResult } };
      }),
    );
  }

  private async lastResult(
    actor: Actor,
    roomId: string,
    issueKey: string,
  ): Promise<RoomListResult | null> {
    try {
      const aggregate = await this.committer.peek(actor, roomId);
      return lastResultOf(buildSnapshot(aggregate, new Set()), issueKey);
    } catch (error) {
      // Removed since the list was read.
      if (error instanceof DomainError) return null;
      throw error;
    }
  }
}
