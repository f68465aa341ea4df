import { voterOf, type RevealedVote, type RoomSnapshot } from '@poker/shared';
import { Lozenge } from '../../components/lozenge';

/** Tells every voter, before they vote, that nobody will see who played which card. */
export function AnonymousBadge({ room }: { room: RoomSnapshot }) {
  if (!room.anonymousReveal) return null;
  return (
    <span title="Cards are revealed without names" data-testid="anonymous-badge">
      <Lozenge>Anonymous</Lozenge>
    </span>
  );
}

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
