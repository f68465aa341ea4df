/**
 * Who may change the app's settings, as our server decides it: `SettingsService.requireAdmin`
 * asks Jira whether the person holds the ADMINISTER global permission ("Administer Jira").
 */
export const WHO_CAN_CHANGE =
  'Only Jira administrators can change these settings: people with Jira’s “Administer Jira” global permission (ADMINISTER).';

/**
 * Shown to anyone else on the admin page, above the settings they may read but not change;
 * `checking` while Jira has not answered whether the person is an administrator.
 */
export function AdminReadOnlyNote({ id, checking }: { id: string; checking: boolean }) {
  if (checking) {
    return (
      <p id={id} className="subtle" role="status" data-testid="admin-checking">
        Checking whether you can change these settings…
      </p>
    );
  }
  return (
    <div
      id={id}
      className="section-message section-message--info"
      role="note"
      data-testid="admin-read-only"
    >
      <p>
        <strong>You can read these settings, not change them.</strong> {WHO_CAN_CHANGE} Ask one of
        them to make a change.
      </p>
    </div>
  );
}
