import { voterOf, type RevealedVote, type RoomSnapshot } from '@poker/shared';

/** Whether the revealed round came without names (the room reveals anonymously). */
export function revealedAnonymously(room: RoomSnapshot): boolean {
  return (room.votes ?? []).some((vote) => voterOf(vote) === null);
}

/** The cards of an anonymous round, face up in the server's order (by value), without names. */
export function AnonymousCards({ votes }: { votes: RevealedVote[] }) {
  return (
    <ul
      className="anonymous-cards"
      aria-label="Cards played, anonymous"
      data-testid="anonymous-cards"
    >
      {votes.map((vote, index) => (
        <li key={index} className="table-card table-card--face">
          {vote.value === 'coffee' ? '☕' : vote.value}
        </li>
      ))}
    </ul>
  );
}
