import type { HostBridge } from '../host/host-bridge';

export interface NumberField {
  id: string;
  name: string;
}

interface JiraFieldJson {
  id: string;
  name: string;
  schema?: { type?: string };
}

/**
 * The number fields of this Jira (estimate candidates), read in the browser as the current
 * user. Only a chosen field's ID ever reaches our server (PRIVACY-PROMISE.md, claim 7).
 */
export class FieldDirectory {
  private fields: Promise<NumberField[]> | undefined;
  private readonly screens = new Map<string, Promise<string[]>>();

  constructor(private readonly bridge: HostBridge) {}

  numberFields(): Promise<NumberField[]> {
    this.fields ??= this.bridge.request<JiraFieldJson[]>({ url: '/rest/api/3/field' }).then((all) =>
      all
        .filter((field) => field.schema?.type === 'number')
        .map(({ id, name }) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
    // A failure is not cached: the next caller asks again.
    this.fields.catch(() => (this.fields = undefined));
    return this.fields;
  }

  /**
   * The field IDs on an issue's edit screen (Jira's editmeta, as the person looking): the fields
   * a save into that issue can set. Kept for the page's life; a failure is not kept.
   */
  editScreen(issueKey: string): Promise<string[]> {
    let screen = this.screens.get(issueKey);
    if (!screen) {
      screen = this.bridge
        .request<{ fields?: Record<string, unknown> }>({
          url: `/rest/api/3/issue/${encodeURIComponent(issueKey)}/editmeta`,
        })
        .then((meta) => Object.keys(meta.fields ?? {}));
      screen.catch(() => this.screens.delete(issueKey));
      this.screens.set(issueKey, screen);
    }
    return screen;
  }

  /**
   * A project's edit screen, from its first issue (issue types aside, one screen stands for the
   * project); empty when the project has no issue this person can see.
   */
  async projectScreen(projectKey: string): Promise<string[]> {
    const found = await this.bridge.request<{ issues?: { key?: string }[] }>({
      url: '/rest/api/3/search/jql',
      method: 'POST',
      body: { jql: `project = "${projectKey}" ORDER BY key ASC`, fields: ['key'], maxResults: 1 },
    });
    const key = found?.issues?.[0]?.key;
    return key ? this.editScreen(key) : [];
  }
}
