import { useEffect, useState } from 'react';
import { saveTextFile } from '../browser/save-file';
import { Button } from '../components/button';
import { useErrors } from '../components/errors-context';
import { useFlags } from '../feedback/flags-context';
import { useHostSession } from '../host/bridge-context';
import { fetchExport, SettingsApiError } from '../server-api/settings-api';

/**
 * Whether the person is a Jira administrator (`ADMINISTER`), asked of Jira as that person. It
 * only decides which controls show: our server checks again on every change.
 */
export function useIsJiraAdmin(): boolean | undefined {
  const { bridge } = useHostSession();
  const [admin, setAdmin] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    let live = true;
    bridge
      .request<{ globalPermissions?: unknown }>({
        url: '/rest/api/3/permissions/check',
        method: 'POST',
        body: { globalPermissions: ['ADMINISTER'] },
      })
      .then(
        (answer) =>
          live &&
          setAdmin(
            Array.isArray(answer?.globalPermissions) &&
              answer.globalPermissions.includes('ADMINISTER'),
          ),
        () => live && setAdmin(false),
      );
    return () => {
      live = false;
    };
  }, [bridge]);
  return admin;
}

/**
 * "Export our data": everything the app stores for this site (`GET /api/export`), downloaded
 * as JSON. The request carries the person's token in a header, so the file is fetched first
 * and then saved; a plain link could not authenticate.
 */
export function ExportData() {
  const { bridge } = useHostSession();
  const { report } = useErrors();
  const flags = useFlags();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const download = async () => {
    setBusy(true);
    setDone(false);
    try {
      saveTextFile(await fetchExport(bridge), 'planning-poker-export.json', 'application/json');
      setDone(true);
      flags.show({ title: 'Downloaded planning-poker-export.json', type: 'success' });
    } catch (error) {
      const code = error instanceof SettingsApiError ? error.code : 'INTERNAL';
      report({ code, message: error instanceof Error ? error.message : String(error) });
    }
    setBusy(false);
  };
  return (
    <section className="panel admin-form" aria-labelledby="export-title">
      <h2 className="panel__title" id="export-title">
        Your data
      </h2>
      <p className="subtle">
        Download everything the app stores for this site as JSON: installation details, rooms,
        members’ account IDs, issue keys, votes and saved estimates. Names and summaries are never
        stored, so they are not in it.
      </p>
      <div className="form-actions">
        <Button loading={busy} onClick={() => void download()}>
          Export our data
        </Button>
      </div>
      <p className="section-message section-message--success" role="status" hidden={!done}>
        Downloaded planning-poker-export.json.
      </p>
    </section>
  );
}
