import type { JiraSim } from '../../apps/jira-sim/src';
import { settingsRequest } from '../support/settings-api';
import type { PokerClient } from '../support/poker-client';

/** `PUT` (with a field) or `DELETE` (without) of a project's own estimate field. */
export function projectFieldRequest(
  serverUrl: string,
  site: JiraSim,
  accountId: string,
  projectKey: string,
  fieldId?: string,
): Promise<Response> {
  return fetch(`${serverUrl}/api/settings/projects/${encodeURIComponent(projectKey)}`, {
    method: fieldId ? 'PUT' : 'DELETE',
    headers: {
      Authorization: `JWT ${site.contextToken(accountId)}`,
      'Content-Type': 'application/json',
    },
    body: fieldId ? JSON.stringify({ fieldId }) : undefined,
  });
}

/** The site's default field, set by its admin; fails the test if the server refused. */
export async function defaultField(
  serverUrl: string,
  site: JiraSim,
  adminId: string,
  fieldId: string,
): Promise<void> {
  const response = await settingsRequest(serverUrl, site, adminId, { fieldId });
  if (response.status !== 200) throw new Error(`PUT /api/settings answered ${response.status}`);
}

/** Each voter plays a card on the issue in play, then the owner reveals. */
export async function playRound(
  owner: PokerClient,
  roomId: string,
  cards: [PokerClient, string][],
): Promise<void> {
  for (const [voter, card] of cards) await voter.ok('vote:cast', { roomId, value: card });
  await owner.ok('vote:reveal', { roomId });
}

/** A site's time tracking, switched as a Jira admin would (the simulator's control route). */
export async function setTimeTracking(site: JiraSim, enabled: boolean): Promise<void> {
  const response = await fetch(`${site.url}/_sim/time-tracking`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ enabled }),
  });
  if (!response.ok) throw new Error(`/_sim/time-tracking answered ${response.status}`);
}

/** Polls until `check` holds (a background write landing), or fails after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 8000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('Timed out waiting for the condition.');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
