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
  fields?: { project?: JiraProjectRef };
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

/** An issue as `search/jql` lists it with `fields: ['project']`. */
export interface JiraSearchedIssue {
  id: string;
  key: string;
  fields?: { project?: JiraProjectRef };
}

/** The project an issue belongs to, as the issue's `project` field shows it. */
export interface JiraProjectRef {
  key?: string;
  /** True for team-managed ("next-gen") projects. */
  simplified?: boolean;
}

/** `GET /rest/api/3/project/{key}/features`. */
export interface JiraProjectFeatures {
  features?: { feature?: string; state?: string }[];
}
