import { useEffect, useState } from 'react';
import type { NumberField } from '../jira/field-directory';
import { fieldScreenNote, useProjectScreens } from '../jira/field-screens';
import { useJira } from '../jira/jira-context';

/** The number fields for the field picker, read live from Jira (empty if Jira is unreachable). */
export function useNumberFields(): NumberField[] {
  const { fields } = useJira();
  const [list, setList] = useState<NumberField[]>([]);
  useEffect(() => {
    let live = true;
    fields.numberFields().then(
      (found) => live && setList(found),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [fields]);
  return list;
}

/**
 * The estimate field picker of the room forms: Jira's number fields by name (never by ID). A
 * field missing from the edit screen of a project of `issueKeys` (Jira's editmeta) is marked,
 * and the chosen one says beside it that saves there would fail.
 */
export function EstimateFieldSelect({
  id,
  value,
  issueKeys,
  disabled = false,
  emptyLabel = 'Site default',
  onChange,
}: {
  id: string;
  value: string;
  issueKeys: readonly string[];
  disabled?: boolean;
  emptyLabel?: string;
  onChange: (fieldId: string) => void;
}) {
  const fields = useNumberFields();
  const screens = useProjectScreens(issueKeys);
  const chosenNote = value ? fieldScreenNote(value, screens) : null;
  const chosenName = fields.find((field) => field.id === value)?.name;
  return (
    <>
      <select
        id={id}
        className="select"
        value={value}
        disabled={disabled}
        aria-describedby={chosenNote ? `${id}-screen` : undefined}
        onChange={(event) => onChange(event.target.value)}
        data-testid="estimate-field-select"
      >
        <option value="">{emptyLabel}</option>
        {/* A field Jira does not know (yet) keeps its place, named as well as we can. */}
        {value && !chosenName && fields.length > 0 && (
          <option value={value}>Field not found in Jira</option>
        )}
        {fields.map((field) => {
          const note = fieldScreenNote(field.id, screens);
          return (
            <option key={field.id} value={field.id} data-off-screen={note ? 'true' : undefined}>
              {note ? `${field.name} (${note})` : field.name}
            </option>
          );
        })}
      </select>
      {chosenNote && (
        <p id={`${id}-screen`} className="field-warning" data-testid="field-screen-warning">
          {chosenName ?? 'This field'} is {chosenNote}: saving there fails until a Jira admin adds
          it. Pick a field that is on the screen.
        </p>
      )}
    </>
  );
}
