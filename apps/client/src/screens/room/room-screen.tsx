import type { JoinRole } from '@poker/shared';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { LiveAnnouncer } from '../../components/live-announcer';
import { Spinner } from '../../components/spinner';
import { useHostSession } from '../../host/bridge-context';
import { useRoom } from '../../socket/use-room';
import { AsyncVoting } from './async-voting';
import { CurrentIssue } from './current-issue';
import { Deck } from './deck';
import { IssueQueue } from './issue-queue';
import { People } from './people';
import { Results } from './results';
import { facilitates, hasSeat } from './facilitation';
import { NudgeNotice } from './nudge-notice';
import { useRoomSender } from './room-actions';
import { roomAnnouncement } from './room-announcement';
import { RoomGoneNotice } from './room-gone-notice';
import { RoomHeader } from './room-header';
import { RoundControls } from './round-controls';
import { SaveEstimate } from './save-estimate';
import { SessionSummary } from './session-summary';
import { TakeoverOffer } from './takeover-offer';
import { VotingTable } from './voting-table';

/**
 * One room, live: the current issue, the table, my cards, the results and the owner's tools.
 * `extraActions` lets the glance add "open full page".
 */
export function RoomScreen({
  roomId,
  initialRole,
  onBack,
  extraActions,
}: {
  roomId: string;
  initialRole?: JoinRole;
  onBack: () => void;
  extraActions?: ReactNode;
}) {
  const { accountId } = useHostSession();
  const { room, gone, apply, join } = useRoom(roomId, initialRole);
  const send = useRoomSender(apply);
  // The card I just picked, shown before the server confirms it (undefined: nothing pending).
  const [pendingVote, setPendingVote] = useState<string | null | undefined>(undefined);
  const latestVote = useRef(0);

  const vote = useCallback(
    (card: string | null) => {
      const attempt = ++latestVote.current;
      setPendingVote(card);
      void send('vote:cast', { roomId, value: card }).then(() => {
        // A quicker second pick must not be undone by the first one's answer.
        if (attempt === latestVote.current) setPendingVote(undefined);
      });
    },
    [roomId, send],
  );

  if (gone) return <RoomGoneNotice gone={gone} onBack={onBack} />;
  if (!room) {
    return (
      <div className="loading-page">
        <Spinner label="Joining the room" />
      </div>
    );
  }
  const me = room.members.find((member) => member.accountId === accountId);
  // The owner or a co-facilitator: the round's controls, the queue, saving (`isOwner` props).
  const facilitator = facilitates(room, accountId);
  const canVote = !!me && hasSeat(room, me) && !room.revealed && !!room.currentIssueKey;
  const myVote = pendingVote !== undefined ? pendingVote : (room.myVote ?? null);

  return (
    <div className="room" data-testid="room" data-room-id={room.id} data-version={room.version}>
      <LiveAnnouncer message={roomAnnouncement(room)} />
      <RoomHeader
        room={room}
        myAccountId={accountId}
        send={send}
        onSwitchRole={(role) => join(role)}
        extraActions={extraActions}
      />
      <div className="room__layout">
        <main className="room__main">
          <TakeoverOffer room={room} myAccountId={accountId} send={send} />
          {canVote && <NudgeNotice roomId={room.id} hasVoted={!!me?.hasVoted} />}
          <CurrentIssue room={room} />
          <VotingTable
            room={room}
            myAccountId={accountId}
            myPendingVote={pendingVote}
            controls={<RoundControls room={room} isOwner={facilitator} send={send} />}
          />
          {room.revealed && <Results room={room} />}
          {canVote && <Deck deck={room.deck} selected={myVote} onVote={vote} />}
          {me?.role === 'observer' && (
            <p className="section-message section-message--info" data-testid="observer-note">
              You are observing: you see everything, but do not vote. Choose “Vote instead” to take
              a seat.
            </p>
          )}
          <AsyncVoting room={room} myAccountId={accountId} send={send} />
        </main>
        <aside className="room__sidebar">
          {room.revealed && facilitator && room.currentIssueKey && (
            <SaveEstimate key={`${room.currentIssueKey}:${room.round}`} room={room} send={send} />
          )}
          <IssueQueue room={room} isOwner={facilitator} send={send} />
          {facilitator && <SessionSummary room={room} />}
          <People room={room} myAccountId={accountId} send={send} />
        </aside>
      </div>
    </div>
  );
}
