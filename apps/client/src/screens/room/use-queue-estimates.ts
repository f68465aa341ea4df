import { estimateFieldFor, TIME_TRACKING_FIELD, type RoomSnapshot } from '@poker/shared';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { jiraEstimateText } from '../../jira/estimate-display';
import { useJira } from '../../jira/jira-context';
import { useFieldSettings } from './use-field-settings';

export interface QueueEstimate {
  /** "5", "1d 4h" or "—". */
  text: string;
  /** The field's name for the sentence ("Story Points in Jira: 5"); null until Jira says it. */
  fieldName: string | null;
}

/** A signature of the room's saves: it changes for exactly the issues saved since. */
const savesOf = (room: RoomSnapshot) =>
  new Map(room.issues.map((entry) => [entry.issueKey, entry.savedAt ?? '']));

/**
 * The estimate Jira already holds for each queued issue, in the field a save would write (the
 * one shared rule, `estimateFieldFor`). Read live in the browser with the queue's batched look-up
 * (one search per 100 keys, asking for every estimate field at once), never stored by us; read
 * again after a save (anyone's) and, with the rest of the queue, when the window regains focus
 * (see `useCurrentIssue`).
 */
export function useQueueEstimates(
  room: RoomSnapshot,
): (issueKey: string) => QueueEstimate | undefined {
  const { issues, fields } = useJira();
  useSyncExternalStore(issues.cache.subscribe, issues.cache.snapshot);
  const settings = useFieldSettings(`${room.fieldId ?? ''}|${room.deck.kind}`);
  const fieldOf = useMemo(() => {
    const map = new Map<string, string | null>();
    if (!settings) return map;
    for (const { issueKey, fieldId } of room.issues) {
      const chosen = estimateFieldFor(issueKey, {
        deck: room.deck,
        issueFieldId: fieldId,
        projectFields: settings.projectFields,
        roomFieldId: room.fieldId,
        defaultFieldId: settings.fieldId,
      });
      map.set(issueKey, chosen);
    }
    return map;
  }, [room.issues, room.deck, room.fieldId, settings]);

  const keys = room.issues.map((entry) => entry.issueKey).join(',');
  const extra = [...new Set(fieldOf.values())]
    .filter((id): id is string => id !== null && id !== TIME_TRACKING_FIELD)
    .sort()
    .join(',');
  // Issues read before their field was known (the queue's summaries come first) are asked again.
  const lacking = keys
    .split(',')
    .filter((key) => {
      const fieldId = fieldOf.get(key);
      return !!fieldId && fieldId !== TIME_TRACKING_FIELD && issues.lacks(key, [fieldId]);
    })
    .join(',');
  useEffect(() => {
    if (keys) issues.want(keys.split(','), extra ? extra.split(',') : []);
  }, [issues, keys, extra, lacking]);

  // A save changed the value in Jira: read those issues again (batched with any others).
  const saves = savesOf(room);
  const savesKey = JSON.stringify([...saves]);
  const seen = useRef(saves);
  useEffect(() => {
    const now = new Map(JSON.parse(savesKey) as [string, string][]);
    const changed = [...now].filter(([key, at]) => at !== '' && seen.current.get(key) !== at);
    seen.current = now;
    if (changed.length > 0) issues.refresh(changed.map(([key]) => key));
  }, [issues, savesKey]);

  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    fields.numberFields().then(
      (list) => live && setNames(new Map(list.map((field) => [field.id, field.name]))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [fields]);

  return (issueKey) => {
    const fieldId = settings ? fieldOf.get(issueKey) : undefined;
    // No field chosen at all: nothing to show per row (the issue header says so once).
    if (fieldId === null) return undefined;
    const text = jiraEstimateText(issues.issue(issueKey), fieldId);
    if (text === undefined) return undefined;
    const fieldName =
      fieldId === TIME_TRACKING_FIELD ? 'Original Estimate' : (names.get(fieldId ?? '') ?? null);
    return { text, fieldName };
  };
}
