import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { SEED_USERS, STORY_POINTS_FIELD, type JiraSim } from '../../apps/jira-sim/src';
import { settingsRequest } from '../support/settings-api';
import { startStack, type Stack } from '../support/stack';
import { eventually, launchChromium, openAs, type Window } from './browser-driver';
import { joinFromList, submitCreateRoom } from './room-ui';

// Needs the built client (npm run build:client): the in-process server serves dist/apps/client.
const { alice, bob, carol } = SEED_USERS;
/** Screenshots the docs show (committed, unlike test-output/). */
const DOC_SCREENSHOTS = join(process.cwd(), 'docs', 'screenshots');

describe('async voting in the browser (issue 15)', () => {
  let stack: Stack;
  let browser: Browser;
  const windows: Window[] = [];

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchChromium();
    mkdirSync(DOC_SCREENSHOTS, { recursive: true });
  });
  afterEach(async () => {
    await Promise.all(windows.splice(0).map((window) => window.context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function open(site: JiraSim, accountId: string): Promise<Window> {
    const window = await openAs(browser, site, accountId, '/', { width: 1280, height: 1000 });
    windows.push(window);
    return window;
  }

  /** Picks `value` on `issueKey` in the "Vote ahead" panel, and waits for it to be mine. */
  async function voteAhead(window: Window, issueKey: string, value: string): Promise<void> {
    await window.app.getByTestId(`async-vote-${issueKey}`).click();
    await window.app
      .getByRole('group', { name: `Cards for ${issueKey}` })
      .getByRole('button', { name: `Card ${value}`, exact: true })
      .click();
    await window.app.getByTestId(`async-mine-${issueKey}`).getByText(value).waitFor();
  }

  it('members vote ahead; the facilitator sees who voted, reveals one issue live and accepts the agreed ones into Jira', async () => {
    const site = await stack.site();
    const settings = await settingsRequest(stack.server.url, site, alice.accountId, {
      fieldId: STORY_POINTS_FIELD,
    });
    expect(settings.status).toBe(200);
    const owner = await open(site, alice.accountId);
    await submitCreateRoom(owner, 'Refinement ahead', 'PROJ-7, PROJ-8, PROJ-9');
    await owner.app.getByTestId('room').waitFor();
    const bobs = await open(site, bob.accountId);
    await joinFromList(bobs, 'Refinement ahead');
    const carols = await open(site, carol.accountId);
    await joinFromList(carols, 'Refinement ahead');

    // Closed: members see no panel. The owner opens the room for voting ahead.
    expect(await bobs.app.getByTestId('async-voting').count()).toBe(0);
    await owner.app.getByTestId('async-toggle').getByText('Open for voting ahead').click();
    await bobs.app.getByTestId('async-issue-PROJ-8').waitFor();
    await carols.app.getByTestId('async-issue-PROJ-9').waitFor();

    // Everyone votes at their own time; PROJ-8 agrees, PROJ-9 does not.
    await voteAhead(bobs, 'PROJ-8', '5');
    await voteAhead(bobs, 'PROJ-9', '3');
    await voteAhead(carols, 'PROJ-8', '5');
    await voteAhead(carols, 'PROJ-9', '8');
    await voteAhead(owner, 'PROJ-8', '5');
    await voteAhead(owner, 'PROJ-9', '3');
    // A card is its owner's alone: Carol's window does not show Bob's 3 on PROJ-9.
    await carols.app.getByTestId('async-mine-PROJ-9').getByText('8').waitFor();
    expect(await carols.app.getByTestId('async-voters-PROJ-9').count()).toBe(0);

    // The facilitator sees who voted, per issue.
    for (const issueKey of ['PROJ-8', 'PROJ-9']) {
      await eventually(
        () => owner.app.getByTestId(`async-progress-${issueKey}`).textContent(),
        (text) => text === '3 of 3 voted',
        `everyone voted on ${issueKey}`,
      );
      const voters = owner.app.getByTestId(`async-voters-${issueKey}`).locator('li');
      expect(await voters.count()).toBe(3);
    }
    await owner.app.getByTestId('async-voters-PROJ-9').getByText('Bob Builder').waitFor();
    await owner.page.screenshot({ path: join(DOC_SCREENSHOTS, 'async-room.png') });

    // In the session the facilitator takes up PROJ-9: the cards played ahead are the round's.
    await owner.app.getByTestId('queue-item-PROJ-9').getByRole('button').first().click();
    await owner.app.locator('[data-testid="queue-item-PROJ-9"] [aria-current="true"]').waitFor();
    await eventually(
      () => owner.app.getByTestId('vote-progress').textContent(),
      (text) => text === '3 of 3 voted',
      'the async cards in the round',
    );
    await bobs.app.locator('.deck [aria-pressed="true"][data-card="3"]').waitFor();
    await owner.app.getByRole('button', { name: 'Reveal cards' }).click();
    await carols.app.getByTestId('results').waitFor();
    await eventually(
      () => carols.app.getByTestId('stat-average').textContent(),
      (text) => text === '4.67',
      'the statistics of the async cards',
    );

    // PROJ-8 agreed: one step accepts it into Jira.
    await owner.app.getByTestId('accept-agreed').click();
    const dialog = owner.app.getByRole('dialog', { name: 'Accept 1 agreed issue?' });
    await dialog.getByTestId('accept-agreed-preview').getByText('PROJ-8').waitFor();
    await dialog.getByTestId('accept-agreed-confirm').click();
    const done = owner.app.getByRole('dialog', { name: 'Agreed issues accepted' });
    await done.getByTestId('accept-agreed-result').getByText('PROJ-8').waitFor();
    await done.getByTestId('accept-agreed-done').click();
    expect(site.issue('PROJ-8')?.fields[STORY_POINTS_FIELD]).toBe(5);
    await carols.app.getByTestId('saved-PROJ-8').getByText('5', { exact: true }).waitFor();
    // Estimated now, it waits for no more cards.
    await bobs.app.getByTestId('async-issue-PROJ-8').waitFor({ state: 'detached' });
  });
});
