import { ESTIMATION_FEATURE, TIME_TRACKING_FIELDS } from './seed-planning';
import type { SimIssue } from './sim-records';
import { findProject, type SimState } from './sim-state';

/**
 * The field IDs on an issue's edit screen: what editmeta lists and an edit may set. The
 * project's screen (or its issue type's), then what site and project settings change on it:
 * a team-managed project's "Estimation" feature adds or removes its estimation field, and
 * with time tracking off the site has no `timetracking` field at all.
 */
export function editScreenOf(state: SimState, issue: SimIssue): string[] {
  const project = findProject(state, issue.projectKey);
  if (!project) return [];
  const typeId = typeof issue.fields.issuetype === 'string' ? issue.fields.issuetype : '';
  let screen = [...(project.issueTypeScreens?.[typeId] ?? project.editScreen)];
  const estimation = project.features?.[ESTIMATION_FEATURE];
  if (project.simplified && project.estimationFieldId && estimation) {
    const field = project.estimationFieldId;
    if (estimation !== 'ENABLED') screen = screen.filter((id) => id !== field);
    else if (!screen.includes(field)) screen.push(field);
  }
  if (!state.timeTracking.enabled) {
    screen = screen.filter((id) => id !== TIME_TRACKING_FIELDS.timetracking);
  }
  return screen;
}
