import { useState } from 'react';
import { ActionError } from '../../components/action-error';
import { Button } from '../../components/button';
import { PersonName } from '../../components/person';
import { Toggle } from '../../components/toggle';
import { usePendingAction } from '../../feedback/use-pending-action';
import { ShortcutButton } from '../../keyboard/shortcut-button';
import { FacilitatorActions } from './facilitator-actions';
import type { RoomPanelProps } from './room-actions';
import { formatSeconds, useCountdown } from './use-countdown';

const TIMER_CHOICES = [30, 60, 120, 300];

function TimerDisplay({ endsAt }: { endsAt: string | null }) {
  const left = useCountdown(endsAt);
  if (left === null) return null;
  return (
    <span className={`timer${left <= 10 ? ' timer--urgent' : ''}`} data-testid="timer" role="timer">
      <span aria-hidden="true">⏱</span> {formatSeconds(left)}
    </span>
  );
}

/**
 * Reveal, re-vote, next issue, skip, nudge, timer and auto-reveal: the controls of a round, for
 * the owner and co-facilitators (`isOwner` is true for both; see room-screen.tsx).
 */
export function RoundControls({ room, isOwner, send }: RoomPanelProps) {
  // One control at a time; a failure shows under the controls, not in the page's banner.
  const action = usePendingAction();
  const busy = action.pending;
  // The room's timer length (a room setting) unless another is picked here for this round.
  const [picked, setPicked] = useState<number | null>(null);
  const seconds = picked ?? room.timerSeconds ?? 60;
  const choices = TIMER_CHOICES.includes(seconds)
    ? TIMER_CHOICES
    : [...TIMER_CHOICES, seconds].sort((a, b) => a - b);
  // The switch moves at once; the room's next snapshot confirms (or undoes) it.
  const [autoRevealWanted, setAutoRevealWanted] = useState<boolean | null>(null);
  const roomId = room.id;
  const run = action.run;
  const nextIssue = room.issues.find(
    (issue) => issue.issueKey !== room.currentIssueKey && issue.savedValue === null,
  );

  if (!isOwner) {
    return (
      <div className="round-controls">
        <TimerDisplay endsAt={room.timerEndsAt} />
        <span className="subtle">
          {room.revealed ? 'Cards are on the table.' : 'Waiting for '}
          {!room.revealed && <PersonName accountId={room.ownerAccountId} />}
          {!room.revealed && ' to reveal.'}
        </span>
        {room.autoReveal && <span className="subtle">Auto-reveal is on.</span>}
      </div>
    );
  }
  const noIssue = room.currentIssueKey === null;
  return (
    <div className="round-controls">
      {room.revealed ? (
        <>
          <ShortcutButton
            shortcut="Shift+V"
            loading={busy === 'reset'}
            disabled={noIssue}
            onClick={() => void run('reset', (options) => send('vote:reset', { roomId }, options))}
          >
            Re-vote
          </ShortcutButton>
          {nextIssue && (
            <ShortcutButton
              shortcut="Shift+N"
              appearance="primary"
              loading={busy === 'next'}
              onClick={() =>
                void run('next', (options) =>
                  send('issue:select', { roomId, issueKey: nextIssue.issueKey }, options),
                )
              }
            >
              Next: {nextIssue.issueKey}
            </ShortcutButton>
          )}
        </>
      ) : (
        <ShortcutButton
          shortcut="Shift+R"
          appearance="primary"
          loading={busy === 'reveal'}
          disabled={noIssue}
          onClick={() => void run('reveal', (options) => send('vote:reveal', { roomId }, options))}
        >
          Reveal cards
        </ShortcutButton>
      )}
      {!noIssue && room.currentIssueKey && (
        <FacilitatorActions room={room} issueKey={room.currentIssueKey} send={send} />
      )}
      {!room.revealed && !noIssue && (
        <span className="timer-control">
          <TimerDisplay endsAt={room.timerEndsAt} />
          {room.timerEndsAt ? (
            <Button
              appearance="subtle"
              loading={busy === 'stop'}
              onClick={() => void run('stop', (options) => send('timer:stop', { roomId }, options))}
            >
              Stop timer
            </Button>
          ) : (
            <>
              <select
                className="select select--compact"
                aria-label="Timer length"
                value={seconds}
                onChange={(event) => setPicked(Number(event.target.value))}
              >
                {choices.map((choice) => (
                  <option key={choice} value={choice}>
                    {formatSeconds(choice)}
                  </option>
                ))}
              </select>
              <Button
                appearance="subtle"
                loading={busy === 'start'}
                onClick={() =>
                  void run('start', (options) => send('timer:start', { roomId, seconds }, options))
                }
              >
                Start timer
              </Button>
            </>
          )}
        </span>
      )}
      <Toggle
        label="Auto-reveal"
        checked={autoRevealWanted ?? room.autoReveal}
        disabled={busy === 'auto'}
        onChange={(autoReveal) => {
          setAutoRevealWanted(autoReveal);
          void run('auto', (options) => send('room:update', { roomId, autoReveal }, options)).then(
            () => setAutoRevealWanted(null),
          );
        }}
      />
      <ActionError error={action.error} onDismiss={action.clear} />
    </div>
  );
}
