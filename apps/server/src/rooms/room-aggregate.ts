import type { EntityManager } from 'typeorm';
import { Room } from './room.entity';
import { RoomIssue } from './room-issue.entity';
import { RoomMember } from './room-member.entity';
import { Vote } from './vote.entity';

/** Everything a snapshot is built from: the room row and the rows that hang off it. */
export interface RoomAggregate {
  room: Room;
  members: RoomMember[];
  issues: RoomIssue[];
  /** Votes of every round of the current issue (the current round and its history). */
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
  const votes = room.currentIssueKey
    ? await em.find(Vote, { where: { roomId: room.id, issueKey: room.currentIssueKey } })
    : [];
  return { room, members, issues, votes };
}
