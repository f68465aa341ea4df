import {
  deckCards,
  isVotingMember,
  type AcceptAgreedAckData,
  type RoomSnapshot,
} from '@poker/shared';
import { useId, useState } from 'react';
import { ActionError, useActionError } from '../../components/action-error';
import { Button } from '../../components/button';
import { Lozenge } from '../../components/lozenge';
import { Modal } from '../../components/modal';
import { Person, PersonName } from '../../components/person';
import { Toggle } from '../../components/toggle';
import { useIssues } from '../../jira/jira-context';
import '../../styles/async-voting.css';
import { estimateText } from './estimate-text';
import { facilitates, hasSeat } from './facilitation';
import type { SendRoomEvent } from './room-actions';

const CARD_LABELS: Record<string, string> = { coffee: '☕', '?': '?' };

interface AsyncProps {
  room: RoomSnapshot;
  myAccountId: string;
  send: SendRoomEvent;
}

/**
 * Async voting (ARCHITECTURE.md "Async voting"): facilitators open the room for voting ahead;
 * members then pick a card on each queued issue at their own time (theirs shown to them
 * alone), and facilitators see per issue who voted and accept the issues everyone agreed on.
 */
export function AsyncVoting({ room, myAccountId, send }: AsyncProps) {
  const facilitator = facilitates(room, myAccountId);
  const open = room.asyncVoting ?? false;
  const headingId = useId();
  const [announcement, setAnnouncement] = useState('');
  const toggleError = useActionError();
  if (!facilitator && !open) return null;
  const me = room.members.find((member) => member.accountId === myAccountId);
  const canVote = open && !!me && hasSeat(room, me);
  const waiting = room.issues.filter(
    (issue) => issue.savedValue === null && issue.issueKey !== room.currentIssueKey,
  );
  const anyVoted = Object.keys(room.asyncVoted ?? {}).length > 0;
  return (
    <section className="async-voting" aria-labelledby={headingId} data-testid="async-voting">
      {/* The room's own announcer speaks for the round; this one for the panel's actions. */}
      <div
        className="visually-hidden"
        role="status"
        aria-live="polite"
        data-testid="async-announcer"
      >
        {announcement}
      </div>
      <div className="async-voting__heading">
        <h2 className="section-title" id={headingId}>
          Vote ahead
        </h2>
        {facilitator && (
          <span data-testid="async-toggle">
            <Toggle
              label="Open for voting ahead"
              checked={open}
              onChange={(checked) => {
                toggleError.clear();
                void send(
                  'room:update',
                  { roomId: room.id, asyncVoting: checked },
                  toggleError.options,
                ).then((done) => {
                  if (done) {
                    setAnnouncement(
                      checked ? 'The room is open for voting ahead.' : 'Voting ahead is closed.',
                    );
                  }
                });
              }}
            />
          </span>
        )}
      </div>
      <ActionError error={toggleError.error} onDismiss={toggleError.clear} />
      <p className="subtle">
        {open
          ? 'Members pick a card on each queued issue at their own time. Cards stay hidden until the issue is revealed in the session.'
          : 'Open the room so members can vote on the queued issues before the meeting.'}
      </p>
      {(open || anyVoted) &&
        (waiting.length === 0 ? (
          <p className="subtle">No queued issue is waiting for an estimate.</p>
        ) : (
          <ul className="async-voting__issues">
            {waiting.map(({ issueKey }) => (
              <AsyncIssue
                key={issueKey}
                room={room}
                issueKey={issueKey}
                canVote={canVote}
                facilitator={facilitator}
                send={send}
                onAnnounce={setAnnouncement}
              />
            ))}
          </ul>
        ))}
      {/* Mounted while the result shows, though the accepted cards are gone by then. */}
      {facilitator && (
        <AcceptAgreed room={room} send={send} onAnnounce={setAnnouncement} disabled={!anyVoted} />
      )}
    </section>
  );
}

/** One queued issue: its progress, who voted (facilitators), and my own card. */
function AsyncIssue({
  room,
  issueKey,
  canVote,
  facilitator,
  send,
  onAnnounce,
}: {
  room: RoomSnapshot;
  issueKey: string;
  canVote: boolean;
  facilitator: boolean;
  send: SendRoomEvent;
  onAnnounce: (message: string) => void;
}) {
  const found = useIssues([issueKey])(issueKey);
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const voteError = useActionError();
  const cardsId = useId();
  const voters = room.members.filter((m) => isVotingMember(m.role, room.ownerVotes ?? true));
  const voted = room.asyncVoted?.[issueKey] ?? [];
  const votedVoters = voters.filter((m) => voted.includes(m.accountId)).length;
  const mine = room.myAsyncVotes?.[issueKey] ?? null;
  const vote = async (card: string | null) => {
    voteError.clear();
    setBusy(true);
    const done = await send(
      'vote:cast',
      { roomId: room.id, issueKey, value: card },
      voteError.options,
    );
    setBusy(false);
    if (!done) return;
    setPicking(false);
    onAnnounce(
      card === null
        ? `Your card on ${issueKey} is withdrawn.`
        : `Your card ${card} on ${issueKey} is in, hidden from the others.`,
    );
  };
  return (
    <li className="async-issue" data-testid={`async-issue-${issueKey}`}>
      <div className="async-issue__row">
        <span className="issue-key">{issueKey}</span>
        <span className="async-issue__summary">
          {found?.found ? found.summary : found ? 'Not visible in Jira' : '…'}
        </span>
        <span className="async-issue__progress" data-testid={`async-progress-${issueKey}`}>
          {votedVoters} of {voters.length} voted
        </span>
      </div>
      {facilitator && voted.length > 0 && (
        <ul
          className="async-issue__voters"
          aria-label={`Voted on ${issueKey}`}
          data-testid={`async-voters-${issueKey}`}
        >
          {voted.map((accountId) => (
            <li key={accountId} data-account-id={accountId}>
              <Person accountId={accountId} showName={false} />
              <span className="visually-hidden">
                <PersonName accountId={accountId} />
              </span>
            </li>
          ))}
        </ul>
      )}
      {(canVote || mine !== null) && (
        <div className="async-issue__mine">
          {mine !== null ? (
            <span data-testid={`async-mine-${issueKey}`}>
              Your card:{' '}
              <Lozenge appearance="inprogress" bold>
                {CARD_LABELS[mine] ?? mine}
              </Lozenge>
            </span>
          ) : (
            <span className="subtle">No card yet</span>
          )}
          {canVote && (
            <Button
              compact
              appearance="subtle"
              aria-expanded={picking}
              aria-controls={cardsId}
              onClick={() => setPicking((shown) => !shown)}
              data-testid={`async-vote-${issueKey}`}
            >
              {picking ? 'Close' : mine === null ? `Vote on ${issueKey}` : 'Change'}
            </Button>
          )}
          {canVote && mine !== null && (
            <Button compact appearance="subtle" disabled={busy} onClick={() => void vote(null)}>
              Withdraw
            </Button>
          )}
        </div>
      )}
      {canVote && picking && (
        <div
          id={cardsId}
          className="async-issue__cards"
          role="group"
          aria-label={`Cards for ${issueKey}`}
        >
          {deckCards(room.deck).map((card) => (
            <button
              key={card}
              type="button"
              className={`poker-card poker-card--small${card === mine ? ' poker-card--selected' : ''}`}
              aria-pressed={card === mine}
              aria-label={card === 'coffee' ? 'Coffee break' : `Card ${card}`}
              disabled={busy}
              data-card={card}
              onClick={() => void vote(card === mine ? null : card)}
            >
              <span className="poker-card__value">{CARD_LABELS[card] ?? card}</span>
            </button>
          ))}
        </div>
      )}
      <ActionError error={voteError.error} onDismiss={voteError.clear} />
    </li>
  );
}

/** "Accept agreed…": lists what would be saved, asks, saves, and says what happened. */
function AcceptAgreed({
  room,
  send,
  onAnnounce,
  disabled,
}: {
  room: RoomSnapshot;
  send: SendRoomEvent;
  onAnnounce: (message: string) => void;
  /** No card played ahead: nothing could agree. */
  disabled: boolean;
}) {
  const [preview, setPreview] = useState<AcceptAgreedAckData | null>(null);
  const [result, setResult] = useState<AcceptAgreedAckData | null>(null);
  const [busy, setBusy] = useState(false);
  const error = useActionError();
  const close = () => {
    setPreview(null);
    setResult(null);
  };
  const ask = async () => {
    error.clear();
    setBusy(true);
    const data = await send(
      'issue:acceptAgreed',
      { roomId: room.id, preview: true },
      error.options,
    );
    setBusy(false);
    if (data) setPreview(data);
  };
  const accept = async () => {
    setBusy(true);
    const data = await send('issue:acceptAgreed', { roomId: room.id }, error.options);
    setBusy(false);
    if (!data) return close();
    setResult(data);
    onAnnounce(
      `${data.accepted.length} accepted into Jira` +
        (data.failed.length > 0 ? `, ${data.failed.length} not accepted.` : '.'),
    );
  };
  const count = preview?.accepted.length ?? 0;
  return (
    <div className="async-voting__accept">
      <Button
        loading={busy && !preview}
        disabled={disabled}
        onClick={() => void ask()}
        data-testid="accept-agreed"
      >
        Accept agreed…
      </Button>
      <ActionError error={error.error} onDismiss={error.clear} />
      {preview && (
        <Modal
          title={
            result
              ? 'Agreed issues accepted'
              : count > 0
                ? `Accept ${count} agreed ${count === 1 ? 'issue' : 'issues'}?`
                : 'No issue is agreed yet'
          }
          onClose={close}
          action={
            result || count === 0 ? (
              <Button appearance="primary" onClick={close} data-testid="accept-agreed-done">
                Done
              </Button>
            ) : (
              <Button
                appearance="primary"
                loading={busy}
                onClick={() => void accept()}
                data-testid="accept-agreed-confirm"
              >
                Save {count} into Jira
              </Button>
            )
          }
        >
          {result ? (
            <AcceptResult room={room} result={result} />
          ) : count > 0 ? (
            <>
              <p>
                Every voter played the same card on these issues. Each is saved into Jira and its
                cards are revealed as its round:
              </p>
              <ul className="async-voting__list" data-testid="accept-agreed-preview">
                {preview.accepted.map(({ issueKey, value }) => (
                  <li key={issueKey}>
                    <span className="issue-key">{issueKey}</span> →{' '}
                    <strong>{estimateText(room.deck, value)}</strong>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>
              An issue is agreed when every voter played the same card with a number, and at least
              two cards are in. Play the others in the session.
            </p>
          )}
        </Modal>
      )}
    </div>
  );
}

function AcceptResult({ room, result }: { room: RoomSnapshot; result: AcceptAgreedAckData }) {
  return (
    <div data-testid="accept-agreed-result">
      {result.accepted.length > 0 && (
        <>
          <p>Saved into Jira:</p>
          <ul className="async-voting__list">
            {result.accepted.map(({ issueKey, value }) => (
              <li key={issueKey}>
                <span className="issue-key">{issueKey}</span> →{' '}
                <strong>{estimateText(room.deck, value)}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
      {result.failed.length > 0 && (
        <>
          <p>Not accepted (their cards stay for the session):</p>
          <ul className="async-voting__list async-voting__list--failed">
            {result.failed.map(({ issueKey, reason }) => (
              <li key={issueKey}>
                <span className="issue-key">{issueKey}</span>: {reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {result.warnings?.map((warning) => (
        <p key={warning} className="subtle">
          {warning}
        </p>
      ))}
    </div>
  );
}
