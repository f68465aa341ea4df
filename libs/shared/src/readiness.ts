import { TIME_TRACKING_FIELD } from './estimate-field';

/**
 * Whether an issue's estimate can be saved, decided before anyone votes. The browser asks Jira
 * live (as the person looking) and the server asks again when saving; both feed the answers to
 * this one rule so that the badge and the save never disagree.
 */

/** What Jira told about one issue, as seen by one person. */
export interface ReadinessFacts {
  issueKey: string;
  /** False when the issue does not exist or the person may not see it. */
  found: boolean;
  /** The person holds EDIT_ISSUES on the issue. */
  canEdit: boolean;
  /** The field the estimate goes into (estimateFieldFor), or null when none is chosen. */
  fieldId: string | null;
  /** Field IDs on the issue's edit screen (editmeta); empty when the person may not edit. */
  editableFieldIds: readonly string[];
  /** The issue's project is team-managed ("simplified" in Jira's API). */
  teamManaged: boolean;
  /** Team-managed projects only: the project's estimation feature is on; null when unknown. */
  estimationEnabled: boolean | null;
  /** Time tracking is on for the site (only asked for a time deck); null when not asked. */
  timeTrackingEnabled: boolean | null;
  /** How the field is called on this site ("Story Points"), when known; else its ID is shown. */
  fieldName?: string;
}

export const READINESS_REASONS = [
  'not-found',
  'no-field',
  'no-edit-permission',
  'estimation-off',
  'time-tracking-off',
  'field-not-on-screen',
] as const;
export type ReadinessReason = (typeof READINESS_REASONS)[number];

export interface ReadinessBlock {
  reason: ReadinessReason;
  /** A sentence for the person: what blocks the save. */
  message: string;
  /**
   * Path on the Jira site (or 'app-admin' for our own admin page) of the settings page that
   * fixes it; null when nothing in settings does.
   */
  fixPath: string | null;
}

export type Readiness = { ready: true } | { ready: false; blocks: ReadinessBlock[] };

/** The paths of the Jira settings pages that fix each block (relative to the site's base URL). */
export const READINESS_FIX_PATHS = {
  permissions: (projectKey: string) =>
    `/plugins/servlet/project-config/${encodeURIComponent(projectKey)}/permissions`,
  screens: (projectKey: string) =>
    `/plugins/servlet/project-config/${encodeURIComponent(projectKey)}/screens`,
  teamManagedFeatures: (projectKey: string) =>
    `/jira/software/projects/${encodeURIComponent(projectKey)}/settings/features`,
  timeTracking: () => '/secure/admin/TimeTrackingAdmin.jspa',
} as const;

/** Everything that blocks a save of this issue, most fundamental first; empty when ready. */
export function readinessOf(facts: ReadinessFacts): Readiness {
  const blocks = readinessBlocks(facts);
  return blocks.length === 0 ? { ready: true } : { ready: false, blocks };
}

function readinessBlocks(facts: ReadinessFacts): ReadinessBlock[] {
  const project = facts.issueKey.slice(0, facts.issueKey.lastIndexOf('-'));
  if (!facts.found) {
    return [
      {
        reason: 'not-found',
        message: `${facts.issueKey} is not in Jira, or you may not see it.`,
        fixPath: null,
      },
    ];
  }
  const blocks: ReadinessBlock[] = [];
  const field = facts.fieldId;
  // Fields are named by name; before Jira has said it, a plain word rather than an ID.
  const fieldLabel =
    field === TIME_TRACKING_FIELD ? 'Original Estimate' : (facts.fieldName ?? 'The estimate field');
  if (field === null) {
    blocks.push({
      reason: 'no-field',
      message: 'No estimate field is chosen: a Jira admin picks one on the app’s admin page.',
      fixPath: 'app-admin',
    });
  }
  if (!facts.canEdit) {
    blocks.push({
      reason: 'no-edit-permission',
      message: `You may not edit ${facts.issueKey} in Jira, so its estimate cannot be saved.`,
      fixPath: READINESS_FIX_PATHS.permissions(project),
    });
    return blocks;
  }
  if (facts.teamManaged && facts.estimationEnabled === false && field !== TIME_TRACKING_FIELD) {
    blocks.push({
      reason: 'estimation-off',
      message: `Estimation is turned off in the team-managed project ${project}.`,
      fixPath: READINESS_FIX_PATHS.teamManagedFeatures(project),
    });
    return blocks;
  }
  if (field === TIME_TRACKING_FIELD && facts.timeTrackingEnabled === false) {
    blocks.push({
      reason: 'time-tracking-off',
      message: 'Time tracking is turned off in Jira, so Original Estimate cannot be set.',
      fixPath: READINESS_FIX_PATHS.timeTracking(),
    });
    return blocks;
  }
  if (field !== null && !facts.editableFieldIds.includes(field)) {
    blocks.push({
      reason: 'field-not-on-screen',
      message: `${fieldLabel} is not on the edit screen of ${facts.issueKey}’s issue type in ${project}.`,
      fixPath: facts.teamManaged
        ? READINESS_FIX_PATHS.teamManagedFeatures(project)
        : READINESS_FIX_PATHS.screens(project),
    });
  }
  return blocks;
}
