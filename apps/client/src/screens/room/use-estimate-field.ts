import { estimateFieldFor, TIME_TRACKING_FIELD, type RoomSnapshot } from '@poker/shared';
import { useEffect, useState } from 'react';
import { useJira } from '../../jira/jira-context';
import { useFieldSettings } from './use-field-settings';

export type EstimateField =
  { state: 'loading' } | { state: 'none' } | { state: 'chosen'; id: string; name: string | null };

/** The field as people read it: its name, never its ID (a plain word until Jira names it). */
export function estimateFieldLabel(field: { name: string | null }): string {
  return field.name ?? 'the estimate field';
}

/**
 * The field a save of `issueKey` writes into, by the one rule the server also follows
 * (`estimateFieldFor`): Original Estimate for a time deck, else the board's field recorded with
 * the issue, the project's override, the room's field, the site default. Its name comes from
 * Jira in the browser.
 */
export function useEstimateField(room: RoomSnapshot, issueKey: string | null): EstimateField {
  const { fields } = useJira();
  const settings = useFieldSettings(`${room.fieldId ?? ''}|${room.deck.kind}`);
  const issueFieldId = room.issues.find((entry) => entry.issueKey === issueKey)?.fieldId ?? null;
  const id =
    settings && issueKey
      ? estimateFieldFor(issueKey, {
          deck: room.deck,
          issueFieldId,
          projectFields: settings.projectFields,
          roomFieldId: room.fieldId,
          defaultFieldId: settings.fieldId,
        })
      : null;
  const [name, setName] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setName(id === TIME_TRACKING_FIELD ? 'Original Estimate' : null);
    if (id === null || id === TIME_TRACKING_FIELD) return;
    fields.numberFields().then(
      (list) => live && setName(list.find((entry) => entry.id === id)?.name ?? null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [fields, id]);

  if (!settings) return { state: 'loading' };
  return id === null ? { state: 'none' } : { state: 'chosen', id, name };
}
