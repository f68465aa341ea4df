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
}
