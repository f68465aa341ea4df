import { useEffect, useId, useState, type FormEvent } from 'react';
import { AppHeader } from '../components/app-header';
import { Button } from '../components/button';
import { useErrors } from '../components/errors-context';
import { Lozenge } from '../components/lozenge';
import { Spinner } from '../components/spinner';
import { useFlags } from '../feedback/flags-context';
import { useHostSession } from '../host/bridge-context';
import type { NumberField } from '../jira/field-directory';
import { useJira } from '../jira/jira-context';
import { getSettings, putSettings, SettingsApiError } from '../server-api/settings-api';
import { ExportData, useIsJiraAdmin } from './admin-export';
import { ProjectFields } from './admin-project-fields';
import { AdminReadOnlyNote } from './admin-read-only';

interface Loaded {
  fields: NumberField[];
  current: string | null;
  projectFields: Record<string, string>;
}

/**
 * The admin page: the number fields come from Jira in the browser; only the chosen field's ID
 * (and a project key for a project's own field) goes to our server (PRIVACY-PROMISE.md, claim
 * 7). Project overrides and the export are changed only by Jira admins; others read them.
 */
export function AdminPage() {
  const { bridge } = useHostSession();
  const flags = useFlags();
  const { fields } = useJira();
  const { report } = useErrors();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState(false);
  const [savedId, setSavedId] = useState<string | null>(null);
  const isAdmin = useIsJiraAdmin();
  // Controls stay disabled until Jira says the person may change them: no refusal after a click.
  const readOnly = isAdmin !== true;
  const readOnlyId = useId();

  useEffect(() => {
    Promise.all([fields.numberFields(), getSettings(bridge)]).then(
      ([list, settings]) => {
        setLoaded({
          fields: list,
          current: settings.fieldId,
          projectFields: { ...settings.projectFields },
        });
        setChoice(settings.fieldId ?? '');
      },
      (error: unknown) => {
        const code = error instanceof SettingsApiError ? error.code : 'JIRA_ERROR';
        report({ code, message: error instanceof Error ? error.message : String(error) });
        setLoaded({ fields: [], current: null, projectFields: {} });
      },
    );
  }, [bridge, fields, report]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!choice || !loaded) return;
    setBusy(true);
    setSavedId(null);
    try {
      const { fieldId } = await putSettings(bridge, choice);
      setLoaded({ ...loaded, current: fieldId });
      setSavedId(fieldId);
      const name = loaded.fields.find((field) => field.id === fieldId)?.name ?? 'the chosen field';
      flags.show({
        title: 'Estimate field saved',
        description: name ? `Rooms without their own field now save into ${name}.` : undefined,
        type: 'success',
      });
    } catch (error) {
      const code = error instanceof SettingsApiError ? error.code : 'INTERNAL';
      report({ code, message: error instanceof Error ? error.message : String(error) });
    }
    setBusy(false);
  };

  const savedName =
    loaded?.fields.find((field) => field.id === savedId)?.name ?? 'the chosen field';
  return (
    <div className="page page--admin">
      <AppHeader breadcrumbs={<span>Apps / Planning poker</span>} />
      <header className="page-header">
        <div className="page-header__title-row">
          <h1 className="page-title">Planning poker settings</h1>
        </div>
      </header>
      {readOnly && <AdminReadOnlyNote id={readOnlyId} checking={isAdmin === undefined} />}
      <form className="panel admin-form" onSubmit={(event) => void save(event)}>
        <h2 className="panel__title">Estimate field</h2>
        <p className="subtle">
          Rooms save the agreed estimate into this number field unless a room picks its own. The app
          keeps only the field’s ID.
        </p>
        {!loaded && <Spinner label="Loading fields" />}
        {loaded?.fields.length === 0 && <p className="subtle">No number fields found in Jira.</p>}
        <fieldset className="choice-list" data-testid="field-choices">
          <legend className="visually-hidden">Estimate field</legend>
          {loaded?.fields.map((field) => (
            <label key={field.id} className="choice-list__item">
              <input
                type="radio"
                name="estimate-field"
                value={field.id}
                checked={choice === field.id}
                disabled={readOnly}
                onChange={() => setChoice(field.id)}
              />
              <span className="choice-list__name">{field.name}</span>
              <code className="subtle">{field.id}</code>
              {loaded.current === field.id && <Lozenge appearance="success">Current</Lozenge>}
            </label>
          ))}
        </fieldset>
        <div className="form-actions">
          <Button
            type="submit"
            appearance="primary"
            loading={busy}
            disabled={readOnly || !choice || choice === loaded?.current}
            aria-describedby={readOnly ? readOnlyId : undefined}
          >
            Save
          </Button>
        </div>
        {savedId && (
          <p
            className="section-message section-message--success"
            role="status"
            data-testid="admin-saved"
          >
            Saved. Rooms without their own field now save into {savedName}.
          </p>
        )}
      </form>
      {loaded && (
        <ProjectFields
          projectFields={loaded.projectFields}
          fields={loaded.fields}
          canEdit={!readOnly}
          onChanged={(projectFields) => setLoaded({ ...loaded, projectFields })}
        />
      )}
      {isAdmin && <ExportData />}
    </div>
  );
}
