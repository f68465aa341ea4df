import { voterOf, votingProgress, type RoomMember, type RoomSnapshot } from '@poker/shared';
import type { ReactNode } from 'react';
import { Person } from '../../components/person';
import { AnonymousBadge, AnonymousCards, revealedAnonymously } from './anonymous-cards';
import { useConnectionLive } from '../../socket/poker-context';
import { hasSeat } from './facilitation';
import { presenceShown } from './presence-shown';

/** One seat: the member's card (face down once voted, face up after reveal) and who it is. */
function Seat({
  member,
  room,
  isMe,
  myPendingVote,
}: {
  member: RoomMember;
  room: RoomSnapshot;
  isMe: boolean;
  myPendingVote: string | null | undefined;
}) {
  const votedNow = isMe && myPendingVote !== undefined ? myPendingVote !== null : member.hasVoted;
  const value = room.votes?.find((vote) => voterOf(vote) === member.accountId)?.value;
  const live = useConnectionLive();
  let card;
  if (room.revealed && revealedAnonymously(room)) {
    // Who voted stays visible; what they voted is on the anonymous row, not at their seat.
    card = member.hasVoted ? (
      <span className="table-card table-card--back" role="img" aria-label="Voted" />
    ) : (
      <span className="table-card table-card--empty">–</span>
    );
  } else if (room.revealed) {
    card = value ? (
      <span className="table-card table-card--face">{value}</span>
    ) : (
      <span className="table-card table-card--empty">–</span>
    );
  } else if (votedNow) {
    card = <span className="table-card table-card--back" role="img" aria-label="Voted" />;
  } else {
    card = (
      <span className="table-card table-card--waiting" role="img" aria-label="Not voted yet" />
    );
  }
  return (
    <li
      className={`seat${isMe ? ' seat--me' : ''}`}
      data-testid={`seat-${member.accountId}`}
      data-voted={votedNow ? 'true' : 'false'}
    >
      {card}
      <Person
        accountId={member.accountId}
        size="small"
        presence={presenceShown(member.online, live)}
      />
    </li>
  );
}

/**
 * The voters around the table (the owner only while the owner votes), how far the round is, and
 * the round's controls above them. "N of M voted" counts online voters only, the rule
 * auto-reveal applies on the server (`votingProgress` in libs/shared).
 */
export function VotingTable({
  room,
  myAccountId,
  myPendingVote,
  controls,
}: {
  room: RoomSnapshot;
  myAccountId: string;
  myPendingVote: string | null | undefined;
  controls: ReactNode;
}) {
  const voters = room.members.filter((member) => hasSeat(room, member));
  const progress = votingProgress(room);
  return (
    <section className="panel voting-table" aria-label="Table">
      <div className="voting-table__header">
        <p className="voting-table__progress" data-testid="vote-progress">
          {room.revealed
            ? `${room.votes?.length ?? 0} of ${voters.length} voted · revealed`
            : `${progress.voted} of ${progress.voters} voted`}
        </p>
        <AnonymousBadge room={room} />
        {controls}
      </div>
      <ul className="seats" aria-label="Voters">
        {voters.map((member) => (
          <Seat
            key={member.accountId}
            member={member}
            room={room}
            isMe={member.accountId === myAccountId}
            myPendingVote={myPendingVote}
          />
        ))}
      </ul>
      {room.revealed && revealedAnonymously(room) && <AnonymousCards votes={room.votes ?? []} />}
    </section>
  );
}
