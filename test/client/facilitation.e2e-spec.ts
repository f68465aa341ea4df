import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { SEED_USERS, type JiraSim } from '../../apps/jira-sim/src';
import { startStack, type Stack } from '../support/stack';
import { eventually, launchChromium, openAs, type Window } from './browser-driver';
import { joinFromList, submitCreateRoom } from './room-ui';

// Needs the built client (npm run build:client): the in-process server serves dist/apps/client.
const { alice, bob, carol, dave } = SEED_USERS;
/** Screenshots the docs show (committed, unlike test-output/). */
const DOC_SCREENSHOTS = join(process.cwd(), 'docs', 'screenshots');

describe('facilitation in the browser (issue 15)', () => {
  let stack: Stack;
  let browser: Browser;
  const windows: Window[] = [];

  beforeAll(async () => {
    stack = await startStack({ OWNER_TAKEOVER_SECONDS: '2' });
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
    const window = await openAs(browser, site, accountId, '/', { width: 1280, height: 900 });
    windows.push(window);
    return window;
  }

  const progress = (window: Window) => window.app.getByTestId('vote-progress').textContent();
  const card = (window: Window, value: string) =>
    window.app.getByRole('button', { name: `Card ${value}`, exact: true });

  it('lets the owner observe, grant a co-facilitator, nudge, kick with block, skip, and a member take over', async () => {
    const site = await stack.site();
    const owner = await open(site, alice.accountId);
    await submitCreateRoom(owner, 'Facilitated', 'PROJ-3, PROJ-4');
    await owner.app.getByTestId('room').waitFor();
    const coFacilitator = await open(site, bob.accountId);
    await joinFromList(coFacilitator, 'Facilitated');
    const voter = await open(site, carol.accountId);
    await joinFromList(voter, 'Facilitated');
    const troll = await open(site, dave.accountId);
    await joinFromList(troll, 'Facilitated');
    await eventually(
      () => progress(owner),
      (text) => text === '0 of 4 voted',
      'four voters',
    );

    // The owner chooses to observe: no cards, and not counted among the voters.
    await owner.app.getByTestId('owner-votes-toggle').click();
    await owner.app.getByTestId('owner-votes-toggle').getByText('Vote too').waitFor();
    for (const window of [owner, coFacilitator, voter, troll]) {
      await eventually(
        () => progress(window),
        (text) => text === '0 of 3 voted',
        'three voters',
      );
    }
    expect(await owner.app.getByTestId('deck').count()).toBe(0);

    // The owner grants Bob the facilitator actions: he gets the round's controls.
    await owner.app.getByTestId(`facilitate-${bob.accountId}`).click();
    await coFacilitator.app.getByTestId(`facilitator-${bob.accountId}`).waitFor();
    await coFacilitator.app.getByRole('button', { name: 'Reveal cards' }).waitFor();
    expect(await voter.app.getByRole('button', { name: 'Reveal cards' }).count()).toBe(0);

    // Carol votes; Bob nudges: Dave (who has not voted) sees a polite cue, Carol does not.
    await card(voter, '3').click();
    await eventually(
      () => progress(coFacilitator),
      (text) => text === '1 of 3 voted',
      'a vote',
    );
    await coFacilitator.app.getByTestId('nudge').click();
    await coFacilitator.app.getByTestId('nudge-result').getByText('Nudged 1 person.').waitFor();
    await troll.app.getByTestId('nudge-notice').getByText('is waiting for your card').waitFor();
    expect(await voter.app.getByTestId('nudge-notice').count()).toBe(0);

    await owner.page.screenshot({ path: join(DOC_SCREENSHOTS, 'facilitator-view.png') });

    // The owner removes Dave and blocks him: his window says so, and he cannot come back.
    await owner.app.getByTestId(`kick-${dave.accountId}`).click();
    const dialog = owner.app.getByRole('dialog', { name: 'Remove from the room?' });
    await dialog.getByTestId('kick-block').check();
    await dialog.getByRole('button', { name: 'Remove and block' }).click();
    await troll.app.locator('[data-testid="room-gone"][data-reason="blocked"]').waitFor();
    await owner.app.getByTestId(`member-${dave.accountId}`).waitFor({ state: 'detached' });
    await eventually(
      () => progress(owner),
      (text) => text === '1 of 2 voted',
      'two voters',
    );

    // Bob skips PROJ-3: the queue marks it skipped and the room moves on to PROJ-4.
    await coFacilitator.app.getByTestId('skip').click();
    for (const window of [owner, voter]) {
      await window.app.getByTestId('skipped-PROJ-3').getByText('Skipped').waitFor();
      await window.app.locator('[data-testid="queue-item-PROJ-4"] [aria-current="true"]').waitFor();
    }

    // The owner goes away; once OWNER_TAKEOVER_SECONDS have passed, Carol may take the room over.
    expect(await voter.app.getByTestId('takeover').count()).toBe(0);
    await owner.context.close();
    windows.splice(windows.indexOf(owner), 1);
    const takeover = voter.app.getByTestId('takeover');
    await takeover.waitFor({ timeout: 15_000 });
    await takeover.getByRole('button', { name: 'Take over the room' }).click();
    await voter.app.getByTestId('my-role').getByText('Owner').waitFor();
  });
});
