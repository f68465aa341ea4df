/** The few shapes of Jira's REST API we read (see shared/JIRA.md). */
export interface JiraField {
  id: string;
  name?: string;
  custom?: boolean;
  schema?: { type?: string; custom?: string; customId?: number };
}

export interface JiraIssueRef {
  id: string;
  key: string;
  fields?: { project?: { key?: string } };
}

export interface JiraEditMeta {
  fields: Record<string, unknown>;
}

export interface JiraSearchPage {
  issues: { id: string; key: string }[];
  nextPageToken?: string;
  isLast?: boolean;
}

export interface JiraPermissionCheck {
  globalPermissions?: string[];
  projectPermissions?: { permission: string; issues?: number[]; projects?: number[] }[];
}
