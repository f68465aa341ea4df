import { estimateValueForCard, type RoomSnapshot } from '@poker/shared';
import { useId, useState, type FormEvent } from 'react';
import { ActionError } from '../../components/action-error';
import { Button } from '../../components/button';
import { RelativeTime } from '../../components/relative-time';
import { Toggle } from '../../components/toggle';
import { usePendingAction } from '../../feedback/use-pending-action';
import { estimateText, parseEstimateInput } from './estimate-text';
import { ReadinessReasons } from './readiness-badge';
import type { SendRoomEvent } from './room-actions';
import { estimateFieldLabel, useEstimateField, type EstimateField } from './use-estimate-field';
import { useRoomReadiness } from './use-readiness';

/** Which field the save writes into, and the suggested card. */
function FieldLine({
  field,
  issueKey,
  suggested,
}: {
  field: EstimateField;
  issueKey: string;
  suggested: string | null;
}) {
  return (
    <p className="subtle save-estimate__field">
      {field.state === 'loading' && 'Finding the estimate field…'}
      {field.state === 'none' &&
        'No estimate field is chosen yet: a Jira admin picks one in the app settings.'}
      {field.state === 'chosen' && (
        <>
          Writes into <strong>{estimateFieldLabel(field)}</strong> of {issueKey}
          {suggested !== null && <> · suggested card {suggested}</>}
        </>
      )}
    </p>
  );
}

/**
 * The owner writes the agreed estimate into Jira. The suggested card's value is preselected;
 * the owner may type any other number, or with a time deck any duration ("1d 4h"), which is
 * checked here as Jira would check it and sent in hours. What would block the save in Jira is
 * shown before anyone clicks.
 */
export function SaveEstimate({
  room,
  send,
  onOpenSettings,
}: {
  room: RoomSnapshot;
  send: SendRoomEvent;
  /** Opens the room settings, where another estimate field can be picked. */
  onOpenSettings: () => void;
}) {
  const inputId = useId();
  const problemId = useId();
  const blockId = useId();
  const issueKey = room.currentIssueKey ?? '';
  const suggested = room.stats?.suggested ?? null;
  const suggestedValue = suggested === null ? null : estimateValueForCard(room.deck, suggested);
  const [text, setText] = useState(
    suggestedValue === null ? '' : estimateText(room.deck, suggestedValue),
  );
  const saving = usePendingAction();
  // The switch moves at once; the room's next snapshot confirms (or undoes) it.
  const [autoAdvanceWanted, setAutoAdvanceWanted] = useState<boolean | null>(null);
  const field = useEstimateField(room, issueKey);
  const roomReadiness = useRoomReadiness(room, true);
  const readiness = roomReadiness.of(issueKey);
  const blocked = readiness?.state === 'checked' && !readiness.readiness.ready;
  const saved = room.issues.find((issue) => issue.issueKey === issueKey);
  const input = parseEstimateInput(room.deck, text);
  const timeDeck = room.deck.kind === 'time';
  // A field missing from the issue's edit screen is fixed in the room: pick another field.
  const offScreen =
    (readiness?.state === 'checked' &&
      !readiness.readiness.ready &&
      readiness.readiness.blocks.some((block) => block.reason === 'field-not-on-screen')) ||
    /not on the edit screen/i.test(saving.error?.message ?? '');
  const switchAutoAdvance = async (autoAdvance: boolean) => {
    setAutoAdvanceWanted(autoAdvance);
    await send('room:update', { roomId: room.id, autoAdvance });
    setAutoAdvanceWanted(null);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!input.ok) return;
    const payload = { roomId: room.id, issueKey, value: input.value };
    const shown = estimateText(room.deck, input.value);
    const done = await saving.run('save', (options) => send('estimate:save', payload, options), {
      success: ({ warnings }) => ({
        title: `Saved ${shown} to ${issueKey}`,
        description: warnings?.join(' '),
        type: warnings?.length ? 'warning' : 'success',
      }),
      failure: `Could not save ${shown} to ${issueKey}`,
    });
    // A failure shows under the button (and as a flag), and the badges are asked again: the
    // server may have found a block that appeared since.
    if (!done) roomReadiness.recheck();
  };

  return (
    <form className="panel save-estimate" onSubmit={(event) => void save(event)}>
      <h2 className="panel__title">Save to Jira</h2>
      <FieldLine field={field} issueKey={issueKey} suggested={suggested} />
      {blocked && (
        <div className="save-estimate__blocked" data-testid="save-blocked">
          <strong>Save is unavailable: it would fail in Jira.</strong>
          <ReadinessReasons id={blockId} issueKey={issueKey} readiness={readiness} />
        </div>
      )}
      <div className="save-estimate__row">
        <label htmlFor={inputId} className="visually-hidden">
          {timeDeck ? `Time estimate for ${issueKey}` : `Estimate for ${issueKey}`}
        </label>
        <input
          id={inputId}
          className="text-field save-estimate__input"
          inputMode={timeDeck ? 'text' : 'decimal'}
          placeholder={timeDeck ? '1d 4h' : undefined}
          value={text}
          aria-invalid={text !== '' && !input.ok}
          aria-describedby={
            [!input.ok && text !== '' && problemId, blocked && blockId].filter(Boolean).join(' ') ||
            undefined
          }
          data-testid="estimate-input"
          onChange={(event) => setText(event.target.value)}
        />
        <Button
          type="submit"
          appearance="primary"
          loading={saving.busy}
          // Blocked in Jira (no edit permission, field off the screen…): said above, not after a click.
          disabled={!input.ok || blocked}
          aria-describedby={blocked ? blockId : undefined}
          data-testid="save-estimate"
        >
          Save to {issueKey}
        </Button>
      </div>
      <ActionError error={saving.error} onDismiss={saving.clear} />
      {offScreen && !timeDeck && (
        <p className="save-estimate__fix">
          <Button appearance="link" onClick={onOpenSettings} data-testid="fix-field">
            Choose another estimate field
          </Button>
        </p>
      )}
      <Toggle
        label="Next issue after saving"
        checked={autoAdvanceWanted ?? room.autoAdvance}
        disabled={autoAdvanceWanted !== null}
        onChange={(checked) => void switchAutoAdvance(checked)}
      />
      {text !== '' && !input.ok && (
        <p id={problemId} className="field-error" aria-live="polite">
          {input.message}
        </p>
      )}
      {saved?.savedValue !== null && saved?.savedValue !== undefined && saved.savedAt && (
        <p className="save-estimate__saved" data-testid="saved-estimate">
          <span aria-hidden="true">✓</span> Saved {estimateText(room.deck, saved.savedValue)} to{' '}
          {issueKey} <RelativeTime iso={saved.savedAt} />
        </p>
      )}
    </form>
  );
}
