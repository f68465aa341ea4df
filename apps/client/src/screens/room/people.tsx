import { voterOf, type RoomMember, type RoomSnapshot } from '@poker/shared';
import { useState } from 'react';
import { ActionError } from '../../components/action-error';
import { Button } from '../../components/button';
import { Lozenge } from '../../components/lozenge';
import { Person, useDisplayName } from '../../components/person';
import { usePendingAction } from '../../feedback/use-pending-action';
import { useConnectionLive } from '../../socket/poker-context';
import '../../styles/facilitation.css';
import { facilitates, hasSeat, isCoFacilitator } from './facilitation';
import { KickDialog } from './kick-dialog';
import { presenceShown } from './presence-shown';
import type { SendRoomEvent } from './room-actions';

const ROLE_ORDER: Record<RoomMember['role'], number> = { owner: 0, voter: 1, observer: 2 };

function VoteState({ member, room }: { member: RoomMember; room: RoomSnapshot }) {
  if (!hasSeat(room, member)) return <Lozenge>Observer</Lozenge>;
  if (room.revealed) {
    const value = room.votes?.find((vote) => voterOf(vote) === member.accountId)?.value;
    if (value) return <span className="vote-chip">{value}</span>;
    // An anonymous round shows who voted, never what.
    if (!member.hasVoted) return <span className="subtle">—</span>;
  }
  return member.hasVoted ? (
    <span className="voted-marker" data-testid="voted-marker">
      <span aria-hidden="true">✓</span> Voted
    </span>
  ) : (
    <span className="subtle">Thinking…</span>
  );
}

/** A facilitator's actions on one member: remove (and block); the owner also grants facilitation. */
function MemberActions({
  room,
  member,
  myAccountId,
  send,
  onKick,
}: {
  room: RoomSnapshot;
  member: RoomMember;
  myAccountId: string;
  send: SendRoomEvent;
  onKick: (accountId: string) => void;
}) {
  const facilitation = usePendingAction();
  const { accountId } = member;
  const name = useDisplayName(accountId);
  const iOwn = room.ownerAccountId === myAccountId;
  if (accountId === myAccountId || accountId === room.ownerAccountId) return null;
  const coFacilitator = isCoFacilitator(room, accountId);
  // Only the owner removes a co-facilitator; the server says the same.
  const mayKick = iOwn || !coFacilitator;
  const toggleFacilitation = () =>
    facilitation.run(
      'toggle',
      (options) =>
        send(
          coFacilitator ? 'facilitator:revoke' : 'facilitator:grant',
          { roomId: room.id, accountId },
          options,
        ),
      {
        success: () => ({
          title: coFacilitator
            ? `${name} no longer facilitates`
            : `${name} can now facilitate this room`,
          type: 'success',
        }),
        failure: coFacilitator
          ? `Could not take facilitation back from ${name}`
          : `Could not make ${name} a facilitator`,
      },
    );
  return (
    <span className="people__actions">
      {iOwn && (
        <Button
          appearance="subtle"
          compact
          loading={facilitation.busy}
          onClick={() => void toggleFacilitation()}
          data-testid={`facilitate-${accountId}`}
        >
          {coFacilitator ? 'Revoke facilitator' : 'Make facilitator'}
        </Button>
      )}
      {mayKick && (
        <Button
          appearance="subtle"
          compact
          className="button--danger-text"
          onClick={() => onKick(accountId)}
          data-testid={`kick-${accountId}`}
        >
          Remove
        </Button>
      )}
      <ActionError error={facilitation.error} onDismiss={facilitation.clear} />
    </span>
  );
}

/**
 * Everyone in the room with presence, role, and whether they voted (never what, until reveal);
 * facilitators also get each member's actions.
 */
export function People({
  room,
  myAccountId,
  send,
}: {
  room: RoomSnapshot;
  myAccountId: string;
  send: SendRoomEvent;
}) {
  const [kicking, setKicking] = useState<string | null>(null);
  const members = [...room.members].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
  const online = members.filter((member) => member.online).length;
  const iFacilitate = facilitates(room, myAccountId);
  const live = useConnectionLive();
  return (
    <section className="sidebar-section" aria-label="People">
      <h2 className="section-title">
        People{' '}
        <span className="count" data-testid="people-online">
          {live ? `${online} online` : 'presence unknown'}
        </span>
      </h2>
      <ul className="people">
        {members.map((member) => (
          <li
            key={member.accountId}
            className={`people__item${member.online || !live ? '' : ' people__item--offline'}`}
            data-testid={`member-${member.accountId}`}
          >
            <Person
              accountId={member.accountId}
              size="small"
              presence={presenceShown(member.online, live)}
            />
            {member.accountId === myAccountId && <span className="subtle">(you)</span>}
            {member.role === 'owner' && <Lozenge appearance="new">Owner</Lozenge>}
            {isCoFacilitator(room, member.accountId) && (
              <span data-testid={`facilitator-${member.accountId}`}>
                <Lozenge appearance="new">Facilitator</Lozenge>
              </span>
            )}
            <span className="people__state">
              <VoteState member={member} room={room} />
            </span>
            {iFacilitate && (
              <MemberActions
                room={room}
                member={member}
                myAccountId={myAccountId}
                send={send}
                onKick={setKicking}
              />
            )}
          </li>
        ))}
      </ul>
      {kicking && (
        <KickDialog room={room} accountId={kicking} send={send} onClose={() => setKicking(null)} />
      )}
    </section>
  );
}
