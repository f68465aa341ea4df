import { useEffect, useRef, useState } from 'react';
import { Button } from '../components/button';
import { useErrors } from '../components/errors-context';
import { useFlags } from '../feedback/flags-context';
import { useHostSession } from '../host/bridge-context';
import type { HostBridge } from '../host/host-bridge';
import type { NumberField } from '../jira/field-directory';
import { fieldScreenNote, screenOf, useScreensOfProjects } from '../jira/field-screens';
import { deleteProjectField, putProjectField, SettingsApiError } from '../server-api/settings-api';
import { ProjectFieldForm } from './admin-project-field-form';

/** A project's name, null when Jira does not show it to this person, undefined while loading. */
type ProjectName = string | null | undefined;

/** Project names read live in the browser (`GET /rest/api/3/project/{key}`), never sent on. */
function useProjectNames(projectKeys: readonly string[]): (key: string) => ProjectName {
  const { bridge } = useHostSession();
  const [names, setNames] = useState<ReadonlyMap<string, string | null>>(new Map());
  const wanted = projectKeys.join(',');
  useEffect(() => {
    let live = true;
    const keys = wanted ? wanted.split(',') : [];
    void Promise.all(keys.map((key) => projectName(bridge, key))).then((found) => {
      if (live) setNames(new Map(keys.map((key, index) => [key, found[index]])));
    });
    return () => {
      live = false;
    };
  }, [bridge, wanted]);
  return (key) => names.get(key);
}

async function projectName(bridge: HostBridge, key: string): Promise<string | null> {
  try {
    const project = await bridge.request<{ name?: unknown }>({
      url: `/rest/api/3/project/${encodeURIComponent(key)}`,
    });
    return typeof project?.name === 'string' ? project.name : null;
  } catch {
    // A 404 means no such project or one this person may not browse (Jira does not say which);
    // any failure leaves just the key, which is all the override needs.
    return null;
  }
}

interface ProjectFieldsProps {
  projectFields: Readonly<Record<string, string>>;
  fields: readonly NumberField[];
  /** Only a Jira admin may change overrides; everyone else reads them. */
  canEdit: boolean;
  onChanged: (projectFields: Record<string, string>) => void;
}

/**
 * The per-project estimate fields: a project's issues save into its own field, ahead of the
 * rooms' and the site's. Project and field names are read live; only the project key and the
 * field ID reach our server.
 */
export function ProjectFields({ projectFields, fields, canEdit, onChanged }: ProjectFieldsProps) {
  const { bridge } = useHostSession();
  const { report } = useErrors();
  const flags = useFlags();
  const keys = Object.keys(projectFields).sort();
  const projectName = useProjectNames(keys);
  const [editing, setEditing] = useState<{ projectKey: string; fieldId: string }>({
    projectKey: '',
    fieldId: '',
  });
  const [busy, setBusy] = useState<string | null>(null);
  const fieldSelect = useRef<HTMLSelectElement>(null);
  const [done, setDone] = useState<string | null>(null);
  const fieldName = (id: string) => fields.find((field) => field.id === id)?.name ?? id;
  // Each project's edit screen, read live: a field missing from it is marked (saves would fail).
  const typedKey = editing.projectKey.trim().toUpperCase();
  const screens = useScreensOfProjects(
    /^[A-Z][A-Z0-9_]{0,9}$/.test(typedKey) ? [...keys, typedKey] : keys,
  );

  const run = async (projectKey: string, change: () => Promise<void>, after: () => void) => {
    setBusy(projectKey);
    setDone(null);
    try {
      await change();
      after();
    } catch (error) {
      const code = error instanceof SettingsApiError ? error.code : 'INTERNAL';
      report({ code, message: error instanceof Error ? error.message : String(error) });
    }
    setBusy(null);
  };

  const save = (projectKey: string, fieldId: string) =>
    run(
      projectKey,
      () => putProjectField(bridge, projectKey, fieldId),
      () => {
        onChanged({ ...projectFields, [projectKey]: fieldId });
        setEditing({ projectKey: '', fieldId: '' });
        setDone(`${projectKey} now saves into ${fieldName(fieldId)}.`);
        flags.show({
          title: `${projectKey} now saves into ${fieldName(fieldId)}`,
          type: 'success',
        });
      },
    );
  const remove = (projectKey: string) =>
    run(
      projectKey,
      () => deleteProjectField(bridge, projectKey),
      () => {
        const rest = { ...projectFields };
        delete rest[projectKey];
        onChanged(rest);
        setDone(`${projectKey} now saves into the rooms’ or the site’s field.`);
        flags.show({ title: `${projectKey} has no field of its own now`, type: 'success' });
      },
    );

  return (
    <section className="panel admin-form" aria-labelledby="project-fields-title">
      <h2 className="panel__title" id="project-fields-title">
        Estimate field per project
      </h2>
      <p className="subtle">
        A project listed here saves estimates into its own field, unless the issue came from a board
        with its own estimation field. The app keeps only project keys and field IDs.
      </p>
      {keys.length === 0 ? (
        <p className="subtle">No project has its own field.</p>
      ) : (
        <table className="project-fields" data-testid="project-fields">
          <thead>
            <tr>
              <th scope="col">Project</th>
              <th scope="col">Estimate field</th>
              {canEdit && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key} data-testid={`project-field-${key}`}>
                <td>
                  <ProjectLabel projectKey={key} name={projectName(key)} />
                </td>
                <td>
                  {fieldName(projectFields[key])}{' '}
                  <code className="subtle">{projectFields[key]}</code>
                  <OffScreenNote
                    note={fieldScreenNote(projectFields[key], screenOf(screens, key))}
                  />
                </td>
                {canEdit && (
                  <td>
                    <Button
                      compact
                      appearance="subtle"
                      onClick={() => {
                        setEditing({ projectKey: key, fieldId: projectFields[key] });
                        // The form is where the change happens: take keyboard users there.
                        fieldSelect.current?.focus();
                      }}
                    >
                      Change <span className="visually-hidden">{key}</span>
                    </Button>{' '}
                    <Button
                      compact
                      appearance="subtle"
                      loading={busy === key}
                      onClick={() => void remove(key)}
                    >
                      Remove <span className="visually-hidden">{key}</span>
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <ProjectFieldForm
          value={editing}
          fields={fields}
          screens={screenOf(screens, typedKey)}
          selectRef={fieldSelect}
          busy={busy !== null && busy === editing.projectKey.trim().toUpperCase()}
          onChange={setEditing}
          onSubmit={(projectKey, fieldId) => void save(projectKey, fieldId)}
        />
      )}
      <p className="section-message section-message--success" role="status" hidden={!done}>
        {done}
      </p>
    </section>
  );
}

function OffScreenNote({ note }: { note: string | null }) {
  if (!note) return null;
  return (
    <span className="field-warning" data-testid="field-screen-warning">
      {' '}
      ({note})
    </span>
  );
}

function ProjectLabel({ projectKey, name }: { projectKey: string; name: ProjectName }) {
  return (
    <>
      {name && <span>{name} </span>}
      <span className="issue-key">{projectKey}</span>
      {name === null && <span className="subtle"> (not visible in Jira)</span>}
    </>
  );
}
