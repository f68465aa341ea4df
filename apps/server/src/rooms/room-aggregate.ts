import { MoreThanOrEqual, type EntityManager } from 'typeorm';
import { HISTORY_ROUNDS } from './room-snapshot';
import { Room } from './room.entity';
import { RoomIssue } from './room-issue.entity';
import { RoomMember } from './room-member.entity';
import { Vote } from './vote.entity';

/** Everything a snapshot is built from: the room row and the rows that hang off it. */
export interface RoomAggregate {
  room: Room;
  members: RoomMember[];
  issues: RoomIssue[];
  /** Votes of the current issue's round in play and of the HISTORY_ROUNDS before it. */
  votes: Vote[];
}

/** Reads the rows of a room that is already loaded (and usually locked) in `em`. */
export async function loadAggregate(em: EntityManager, room: Room): Promise<RoomAggregate> {
  // One transaction is one connection, which runs one query at a time anyway.
  const members = await em.find(RoomMember, {
    where: { roomId: room.id },
    order: { accountId: 'ASC' },
  });
  const issues = await em.find(RoomIssue, {
    where: { roomId: room.id },
    order: { position: 'ASC' },
  });
  // Only the rounds a snapshot shows: the current one and the last HISTORY_ROUNDS before it.
  const votes = room.currentIssueKey
    ? await em.find(Vote, {
        where: {
          roomId: room.id,
          issueKey: room.currentIssueKey,
          round: MoreThanOrEqual(room.round - HISTORY_ROUNDS),
        },
      })
    : [];
  return { room, members, issues, votes };
}
