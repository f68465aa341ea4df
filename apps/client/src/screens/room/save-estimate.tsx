import { estimateValueForCard, type RoomSnapshot } from '@poker/shared';
import { useId, useState, type FormEvent } from 'react';
import { ActionError, useActionError } from '../../components/action-error';
import { Button } from '../../components/button';
import { RelativeTime } from '../../components/relative-time';
import { useHostSession } from '../../host/bridge-context';
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
export function SaveEstimate({ room, send }: { room: RoomSnapshot; send: SendRoomEvent }) {
  const inputId = useId();
  const problemId = useId();
  const blockId = useId();
  const { bridge } = useHostSession();
  const issueKey = room.currentIssueKey ?? '';
  const suggested = room.stats?.suggested ?? null;
  const suggestedValue = suggested === null ? null : estimateValueForCard(room.deck, suggested);
  const [text, setText] = useState(
    suggestedValue === null ? '' : estimateText(room.deck, suggestedValue),
  );
  const [saving, setSaving] = useState(false);
  const saveError = useActionError();
  const field = useEstimateField(room, issueKey);
  const roomReadiness = useRoomReadiness(room, true);
  const readiness = roomReadiness.of(issueKey);
  const blocked = readiness?.state === 'checked' && !readiness.readiness.ready;
  const saved = room.issues.find((issue) => issue.issueKey === issueKey);
  const input = parseEstimateInput(room.deck, text);
  const timeDeck = room.deck.kind === 'time';

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!input.ok) return;
    setSaving(true);
    saveError.clear();
    const payload = { roomId: room.id, issueKey, value: input.value };
    const done = await send('estimate:save', payload, saveError.options);
    setSaving(false);
    // A failure shows under the button, and the badges are asked again (the server may have
    // found a block that appeared since); a success also gets the host's flag.
    if (!done) roomReadiness.recheck();
    if (done) {
      const title = `Saved ${estimateText(room.deck, input.value)} to ${issueKey}`;
      bridge.notify?.({ title, appearance: 'success' });
    }
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
          loading={saving}
          // Blocked in Jira (no edit permission, field off the screen…): said above, not after a click.
          disabled={!input.ok || blocked}
          aria-describedby={blocked ? blockId : undefined}
          data-testid="save-estimate"
        >
          Save to {issueKey}
        </Button>
      </div>
      <ActionError error={saveError.error} onDismiss={saveError.clear} />
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
