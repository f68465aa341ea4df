import { projectKeySchema } from '@poker/shared';
import { useId, type FormEvent, type RefObject } from 'react';
import { Button } from '../components/button';
import type { NumberField } from '../jira/field-directory';
import { fieldScreenNote, type ProjectScreens } from '../jira/field-screens';

/** Adds a project's own field or changes it; the key is checked before anything is sent. */
export function ProjectFieldForm({
  value,
  fields,
  screens,
  selectRef,
  busy,
  onChange,
  onSubmit,
}: {
  value: { projectKey: string; fieldId: string };
  fields: readonly NumberField[];
  /** The typed project's edit screen: fields missing from it are marked. */
  screens: ProjectScreens;
  selectRef: RefObject<HTMLSelectElement | null>;
  busy: boolean;
  onChange: (value: { projectKey: string; fieldId: string }) => void;
  onSubmit: (projectKey: string, fieldId: string) => void;
}) {
  const keyId = useId();
  const fieldId = useId();
  const parsed = projectKeySchema.safeParse(value.projectKey);
  const keyError = value.projectKey.trim() !== '' && !parsed.success;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (parsed.success && value.fieldId) onSubmit(parsed.data, value.fieldId);
  };
  return (
    <form className="project-field-form" onSubmit={submit} aria-label="Set a project’s field">
      <label htmlFor={keyId}>
        Project key
        <input
          id={keyId}
          className="text-field"
          value={value.projectKey}
          placeholder="PROJ"
          aria-invalid={keyError}
          onChange={(event) => onChange({ ...value, projectKey: event.target.value })}
        />
      </label>
      <label htmlFor={fieldId}>
        Estimate field
        <select
          ref={selectRef}
          id={fieldId}
          className="text-field"
          value={value.fieldId}
          onChange={(event) => onChange({ ...value, fieldId: event.target.value })}
        >
          <option value="">Choose a field</option>
          {fields.map((field) => {
            const note = fieldScreenNote(field.id, screens);
            return (
              <option key={field.id} value={field.id}>
                {field.name} ({field.id}){note && ` — ${note}`}
              </option>
            );
          })}
        </select>
      </label>
      <Button type="submit" loading={busy} disabled={!parsed.success || !value.fieldId}>
        Set project field
      </Button>
      {keyError && <p className="field-error">Type a Jira project key such as PROJ.</p>}
    </form>
  );
}
