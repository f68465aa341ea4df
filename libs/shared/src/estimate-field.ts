import type { Deck } from './decks';

/** Jira's time-tracking field: a time deck saves into its `originalEstimate`. */
export const TIME_TRACKING_FIELD = 'timetracking';

/** Jira's name for the story-point field of team-managed projects (its ID differs per site). */
export const TEAM_MANAGED_ESTIMATE_FIELD_NAME = 'Story point estimate';

export interface EstimateFieldSources {
  deck: Deck;
  /** The issue's own field, recorded when it was picked from a board (the board's estimation field). */
  issueFieldId: string | null;
  /** Project key → field ID, the overrides a Jira admin set on the app's admin page. */
  projectFields: Readonly<Record<string, string>>;
  /** The field the room's owner chose for the whole room, if any. */
  roomFieldId: string | null;
  /** The site's default field, chosen on the admin page. */
  defaultFieldId: string | null;
}

/**
 * Which Jira field an issue's estimate is saved into, or null when none is set anywhere. The
 * server (when saving) and the client (readiness badges, the issue header) use this one rule:
 * a time deck writes Original Estimate; otherwise the board's estimation field, then the
 * admin's project override, then the room's field, then the site default.
 */
export function estimateFieldFor(issueKey: string, sources: EstimateFieldSources): string | null {
  if (sources.deck.kind === 'time') return TIME_TRACKING_FIELD;
  const projectKey = projectKeyOf(issueKey);
  const override = Object.hasOwn(sources.projectFields, projectKey)
    ? sources.projectFields[projectKey]
    : undefined;
  return sources.issueFieldId ?? override ?? sources.roomFieldId ?? sources.defaultFieldId;
}

/** The project key of an issue key: 'PROJ-12' → 'PROJ'. */
export function projectKeyOf(issueKey: string): string {
  return issueKey.slice(0, issueKey.lastIndexOf('-'));
}
