import type { JiraCaller } from '../../jira/jira-credentials';

/**
 * Who is acting: the tenant and the person their token names. On Forge `jira` carries the
 * person's own Jira token, so Jira calls made for them run with their permissions.
 */
export interface Actor extends JiraCaller {
  tenantId: string;
  accountId: string;
}
