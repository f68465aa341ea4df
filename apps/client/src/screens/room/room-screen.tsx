import type { JoinRole } from '@poker/shared';
import { useCallback, useState, type ReactNode } from 'react';
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
import { NotCountedNotice } from './offline-vote-notices';
import { useRoomSender } from './room-actions';
import { roomAnnouncement } from './room-announcement';
import { RoomGoneNotice } from './room-gone-notice';
import { RoomHeader } from './room-header';
import { RoomSettingsDialog } from './room-settings-dialog';
import { RoundHistory } from './round-history';
import { RoundControls } from './round-controls';
import { SaveEstimate } from './save-estimate';
import { SessionSummary } from './session-summary';
import { TakeoverOffer } from './takeover-offer';
import { useOfflineVote } from './use-offline-vote';
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
  const me = room?.members.find((member) => member.accountId === accountId);
  // My card across a lost connection: pending while offline, sent or dropped once back.
  const myCard = useOfflineVote(gone ? null : room, !!room && !!me && hasSeat(room, me), send);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const openSettings = useCallback(() => setSettingsOpen(true), []);

  if (gone) {
    return (
      <>
        <RoomGoneNotice gone={gone} onBack={onBack} />
        <NotCountedNotice message={myCard.notCounted} onDismiss={myCard.dismissNotCounted} />
      </>
    );
  }
  if (!room) {
    return (
      <div className="loading-page">
        <Spinner label="Joining the room" />
      </div>
    );
  }
  // The owner or a co-facilitator: the round's controls, the queue, saving (`isOwner` props).
  const facilitator = facilitates(room, accountId);
  const canVote = !!me && hasSeat(room, me) && !room.revealed && !!room.currentIssueKey;

  return (
    <div className="room" data-testid="room" data-room-id={room.id} data-version={room.version}>
      <LiveAnnouncer message={roomAnnouncement(room)} />
      <RoomHeader
        room={room}
        myAccountId={accountId}
        send={send}
        onSwitchRole={(role) => join(role)}
        extraActions={extraActions}
        onOpenSettings={openSettings}
      />
      <div className="room__layout">
        <main className="room__main">
          <TakeoverOffer room={room} myAccountId={accountId} send={send} />
          {canVote && <NudgeNotice roomId={room.id} hasVoted={!!me?.hasVoted} />}
          <CurrentIssue room={room} />
          <VotingTable
            room={room}
            myAccountId={accountId}
            myPendingVote={myCard.inFlight}
            controls={<RoundControls room={room} isOwner={facilitator} send={send} />}
          />
          {room.revealed && <Results room={room} />}
          <RoundHistory room={room} />
          <NotCountedNotice message={myCard.notCounted} onDismiss={myCard.dismissNotCounted} />
          {canVote && (
            <Deck
              deck={room.deck}
              selected={myCard.selected}
              pending={myCard.pending !== null}
              onVote={myCard.pick}
            />
          )}
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
            <SaveEstimate
              key={`${room.currentIssueKey}:${room.round}`}
              room={room}
              send={send}
              onOpenSettings={openSettings}
            />
          )}
          <IssueQueue room={room} isOwner={facilitator} send={send} />
          {facilitator && <SessionSummary room={room} />}
          <People room={room} myAccountId={accountId} send={send} />
        </aside>
      </div>
      {settingsOpen && (
        <RoomSettingsDialog
          room={room}
          canEdit={facilitator}
          send={send}
          onClose={() => setSettingsOpen(false)}
        />
      )}
    </div>
  );
}
