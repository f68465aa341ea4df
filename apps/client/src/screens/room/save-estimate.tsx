import { estimateValueForCard, MAX_ESTIMATE, type RoomSnapshot } from '@poker/shared';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '../../components/button';
import { RelativeTime } from '../../components/relative-time';
import { useHostSession } from '../../host/bridge-context';
import type { SendRoomEvent } from './room-actions';
import { useEstimateField } from './use-estimate-field';

function parseEstimate(text: string): number | null {
  const value = Number(text.trim().replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > MAX_ESTIMATE) {
    return null;
  }
  return value;
}

/**
 * The owner writes the agreed estimate into Jira. The suggested card's value is preselected;
 * the owner may type any other number.
 */
export function SaveEstimate({ room, send }: { room: RoomSnapshot; send: SendRoomEvent }) {
  const inputId = useId();
  const { bridge } = useHostSession();
  const issueKey = room.currentIssueKey ?? '';
  const suggested = room.stats?.suggested ?? null;
  const suggestedValue = suggested === null ? null : estimateValueForCard(room.deck, suggested);
  const [text, setText] = useState(suggestedValue === null ? '' : String(suggestedValue));
  const [saving, setSaving] = useState(false);
  const field = useEstimateField(room.fieldId);
  const saved = room.issues.find((issue) => issue.issueKey === issueKey);
  const value = parseEstimate(text);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (value === null) return;
    setSaving(true);
    const saved = await send('estimate:save', { roomId: room.id, issueKey, value });
    setSaving(false);
    // Failures already show in the error banner; a success also gets the host's flag.
    if (saved) bridge.notify?.({ title: `Saved ${value} to ${issueKey}`, appearance: 'success' });
  };

  return (
    <form className="panel save-estimate" onSubmit={(event) => void save(event)}>
      <h2 className="panel__title">Save to Jira</h2>
      <p className="subtle save-estimate__field">
        {field.state === 'loading' && 'Finding the estimate field…'}
        {field.state === 'none' &&
          'No estimate field is chosen yet: a Jira admin picks one in the app settings.'}
        {field.state === 'chosen' && (
          <>
            Writes into <strong>{field.name ?? field.id}</strong> of {issueKey}
            {suggested !== null && <> · suggested card {suggested}</>}
          </>
        )}
      </p>
      <div className="save-estimate__row">
        <label htmlFor={inputId} className="visually-hidden">
          Estimate for {issueKey}
        </label>
        <input
          id={inputId}
          className="text-field save-estimate__input"
          inputMode="decimal"
          value={text}
          aria-invalid={text !== '' && value === null}
          data-testid="estimate-input"
          onChange={(event) => setText(event.target.value)}
        />
        <Button type="submit" appearance="primary" loading={saving} disabled={value === null}>
          Save to {issueKey}
        </Button>
      </div>
      {text !== '' && value === null && (
        <p className="field-error">Type a number from 0 to {MAX_ESTIMATE.toLocaleString()}.</p>
      )}
      {saved?.savedValue !== null && saved?.savedValue !== undefined && saved.savedAt && (
        <p className="save-estimate__saved" data-testid="saved-estimate">
          <span aria-hidden="true">✓</span> Saved {saved.savedValue} to {issueKey}{' '}
          <RelativeTime iso={saved.savedAt} />
        </p>
      )}
    </form>
  );
}
