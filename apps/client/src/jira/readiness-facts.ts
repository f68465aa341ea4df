import { projectKeyOf, type ReadinessFacts } from '@poker/shared';
import { HostRequestError } from '../host/host-bridge';

/**
 * What Jira tells the person looking about one issue's estimate (edit permission, edit screen,
 * project kind and features, time tracking), gathered for `readinessOf`.
 */

/** One issue to check: where its estimate would go, as the room's rule decides. */
export interface ReadinessQuestion {
  issueKey: string;
  fieldId: string | null;
  /** The field's name on this site, for the message; its ID is shown without it. */
  fieldName?: string;
  /** A time deck also needs Jira's time tracking on. */
  timeDeck: boolean;
}

/** A Jira REST GET as the person looking, resolving with the parsed body. */
export type Ask = <T>(url: string) => Promise<T>;

export interface ProjectFacts {
  teamManaged: boolean;
  estimationEnabled: boolean | null;
}

interface PermissionsJson {
  permissions?: Record<string, { havePermission?: boolean }>;
}
interface EditMetaJson {
  fields?: Record<string, unknown>;
}
interface ProjectJson {
  simplified?: boolean;
  style?: string;
}
interface FeaturesJson {
  features?: { feature?: string; state?: string }[];
}

const isStatus = (error: unknown, ...statuses: number[]) =>
  error instanceof HostRequestError && statuses.includes(error.status);

/**
 * Whether a project is team-managed and, if so, whether its estimation feature is on. Unknown
 * answers stay unknown (null): the badge then claims nothing that Jira did not say.
 */
export async function projectFacts(ask: Ask, projectKey: string): Promise<ProjectFacts> {
  const key = encodeURIComponent(projectKey);
  let project: ProjectJson;
  try {
    project = await ask<ProjectJson>(`/rest/api/3/project/${key}`);
  } catch {
    return { teamManaged: false, estimationEnabled: null };
  }
  const teamManaged = project.simplified === true || project.style === 'next-gen';
  if (!teamManaged) return { teamManaged, estimationEnabled: null };
  try {
    const { features = [] } = await ask<FeaturesJson>(`/rest/api/3/project/${key}/features`);
    // Jira's key is `jsw.agility.estimation`; matched loosely so a renamed variant still counts.
    const estimation = features.find((entry) => /estimation/i.test(entry.feature ?? ''));
    const state = estimation?.state?.toUpperCase();
    return {
      teamManaged,
      estimationEnabled: state === 'ENABLED' ? true : state === 'DISABLED' ? false : null,
    };
  } catch {
    return { teamManaged, estimationEnabled: null };
  }
}

/**
 * Whether time tracking is on, from Jira's global settings (they need only permission to access
 * Jira; the `configuration/timetracking` calls answer admins only). Unknown (null) on failure.
 */
export async function timeTrackingEnabled(ask: Ask): Promise<boolean | null> {
  try {
    const settings = await ask<{ timeTrackingEnabled?: boolean } | undefined>(
      '/rest/api/3/configuration',
    );
    return typeof settings?.timeTrackingEnabled === 'boolean' ? settings.timeTrackingEnabled : null;
  } catch {
    return null;
  }
}

/**
 * Everything Jira tells the person about one issue, as `readinessOf` takes it. A 404 means the
 * issue does not exist or the person may not see it (Jira does not say which). Other failures
 * are thrown: the caller shows "unknown", never a guess.
 */
export async function readinessFacts(
  ask: Ask,
  question: ReadinessQuestion,
  project: (projectKey: string) => Promise<ProjectFacts>,
  timeTracking: () => Promise<boolean | null>,
): Promise<ReadinessFacts> {
  const { issueKey, fieldId, fieldName, timeDeck } = question;
  const key = encodeURIComponent(issueKey);
  const notFound: ReadinessFacts = {
    issueKey,
    found: false,
    canEdit: false,
    fieldId,
    editableFieldIds: [],
    teamManaged: false,
    estimationEnabled: null,
    timeTrackingEnabled: null,
  };
  let permissions: PermissionsJson;
  let editMeta: EditMetaJson;
  try {
    [permissions, editMeta] = await Promise.all([
      ask<PermissionsJson>(`/rest/api/3/mypermissions?issueKey=${key}&permissions=EDIT_ISSUES`),
      ask<EditMetaJson>(`/rest/api/3/issue/${key}/editmeta`),
    ]);
  } catch (error) {
    if (isStatus(error, 404)) return notFound;
    throw error;
  }
  const [facts, tracking] = await Promise.all([
    project(projectKeyOf(issueKey)),
    timeDeck ? timeTracking() : Promise.resolve(null),
  ]);
  return {
    issueKey,
    found: true,
    canEdit: permissions.permissions?.EDIT_ISSUES?.havePermission === true,
    fieldId,
    editableFieldIds: Object.keys(editMeta.fields ?? {}),
    teamManaged: facts.teamManaged,
    estimationEnabled: facts.estimationEnabled,
    timeTrackingEnabled: tracking,
    ...(fieldName !== undefined && { fieldName }),
  };
}
