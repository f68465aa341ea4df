import type { RoomMember, RoomSnapshot } from '@poker/shared';
import { Lozenge } from '../../components/lozenge';
import { Person } from '../../components/person';

const ROLE_ORDER: Record<RoomMember['role'], number> = { owner: 0, voter: 1, observer: 2 };

function VoteState({ member, room }: { member: RoomMember; room: RoomSnapshot }) {
  if (member.role === 'observer') return <Lozenge>Observer</Lozenge>;
  if (room.revealed) {
    const value = room.votes?.find((vote) => vote.accountId === member.accountId)?.value;
    return value ? <span className="vote-chip">{value}</span> : <span className="subtle">—</span>;
  }
  return member.hasVoted ? (
    <span className="voted-marker" data-testid="voted-marker">
      <span aria-hidden="true">✓</span> Voted
    </span>
  ) : (
    <span className="subtle">Thinking…</span>
  );
}

/** Everyone in the room with presence, role, and whether they voted (never what, until reveal). */
export function People({ room, myAccountId }: { room: RoomSnapshot; myAccountId: string }) {
  const members = [...room.members].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
  const online = members.filter((member) => member.online).length;
  return (
    <section className="sidebar-section" aria-label="People">
      <h2 className="section-title">
        People <span className="count">{online} online</span>
      </h2>
      <ul className="people">
        {members.map((member) => (
          <li
            key={member.accountId}
            className={`people__item${member.online ? '' : ' people__item--offline'}`}
            data-testid={`member-${member.accountId}`}
          >
            <Person
              accountId={member.accountId}
              size="small"
              presence={member.online ? 'online' : 'offline'}
            />
            {member.accountId === myAccountId && <span className="subtle">(you)</span>}
            {member.role === 'owner' && <Lozenge appearance="new">Owner</Lozenge>}
            <span className="people__state">
              <VoteState member={member} room={room} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
