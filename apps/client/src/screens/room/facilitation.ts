import { isVotingMember, type RoomMember, type RoomSnapshot } from '@poker/shared';

/** Whether the person runs the room: the owner, or a member the owner made a co-facilitator. */
export function facilitates(room: RoomSnapshot, accountId: string): boolean {
  return room.ownerAccountId === accountId || isCoFacilitator(room, accountId);
}

/** Whether the owner granted this member the facilitator actions. */
export function isCoFacilitator(room: RoomSnapshot, accountId: string): boolean {
  return (room.facilitatorAccountIds ?? []).includes(accountId);
}

/** Whether this member has a seat at the table (the owner only while the owner votes). */
export function hasSeat(room: RoomSnapshot, member: RoomMember): boolean {
  return isVotingMember(member.role, room.ownerVotes ?? true);
}
