import { estimateFieldFor, type RoomSnapshot, type SettingsView } from '@poker/shared';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useHostSession } from '../../host/bridge-context';
import { useJira } from '../../jira/jira-context';
import {
  readinessCheckerFor,
  type IssueReadiness,
  type ReadinessQuestion,
} from '../../jira/readiness-checker';
import { useFieldSettings } from './use-field-settings';

/** Field ID → name on this site, for messages; empty until (or unless) Jira answers. */
function useFieldNames(): ReadonlyMap<string, string> {
  const { fields } = useJira();
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
  return names;
}

/** The readiness question of each queued issue: its field by the one shared rule. */
export function readinessQuestions(
  room: Pick<RoomSnapshot, 'deck' | 'fieldId' | 'issues'>,
  settings: SettingsView,
  fieldNames: ReadonlyMap<string, string>,
): ReadinessQuestion[] {
  return room.issues.map(({ issueKey, fieldId: issueFieldId }) => {
    const fieldId = estimateFieldFor(issueKey, {
      deck: room.deck,
      issueFieldId,
      projectFields: settings.projectFields,
      roomFieldId: room.fieldId,
      defaultFieldId: settings.fieldId,
    });
    const fieldName = fieldId === null ? undefined : fieldNames.get(fieldId);
    return {
      issueKey,
      fieldId,
      timeDeck: room.deck.kind === 'time',
      ...(fieldName !== undefined && { fieldName }),
    };
  });
}

export interface RoomReadiness {
  /** The issue's badge state; undefined while the settings load or for non-owners. */
  of(issueKey: string): IssueReadiness | undefined;
  /** Asks Jira again for every issue (after someone fixed a setting). */
  recheck(): void;
}

/**
 * Readiness of the room's issues, checked live in the owner's browser as the owner. For anyone
 * else (`enabled` false) nothing is asked and nothing is shown: the answers describe the
 * owner's own permissions.
 */
export function useRoomReadiness(
  room: RoomSnapshot,
  enabled: boolean,
  { recheckOnOpen = false }: { recheckOnOpen?: boolean } = {},
): RoomReadiness {
  const { bridge } = useHostSession();
  const checker = readinessCheckerFor(bridge);
  useSyncExternalStore(checker.subscribe, checker.snapshot);
  // A room opened again is checked again: a setting may have been fixed in the meantime.
  useEffect(() => {
    if (recheckOnOpen && enabled) checker.recheck();
  }, [checker, room.id, recheckOnOpen, enabled]);
  // The site's and projects' fields are read again when the room's field or deck changes.
  const settings = useFieldSettings(enabled ? `${room.fieldId ?? ''}|${room.deck.kind}` : null);
  const fieldNames = useFieldNames();
  const questions = useMemo(
    () => (settings && enabled ? readinessQuestions(room, settings, fieldNames) : []),
    [room, settings, fieldNames, enabled],
  );
  const asking = JSON.stringify(questions);
  const generation = checker.generation;

  useEffect(() => {
    checker.want(JSON.parse(asking) as ReadinessQuestion[]);
  }, [checker, asking, generation]);

  const byIssue = new Map(questions.map((question) => [question.issueKey, question]));
  return {
    of: (issueKey) => {
      const question = byIssue.get(issueKey);
      return question ? checker.answer(question) : undefined;
    },
    recheck: () => checker.recheck(),
  };
}
