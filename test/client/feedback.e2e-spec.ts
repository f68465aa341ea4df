import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SEED_USERS, STORY_POINTS_FIELD, type JiraSim } from '../../apps/jira-sim/src';
import { startForgeStack, type ForgeStack } from '../support/forge-stack';
import { settingsRequest } from '../support/settings-api';
import { expectAccessible } from './axe';
import { browserSuite } from './browser-suite';
import { launchChromium, openForgeAs, SCREENSHOTS, type Window } from './browser-driver';
import { joinFromList, submitCreateRoom } from './room-ui';

// Needs the built client and Custom UI (npm run build). Issue 15, point 6 ("Feedback") and
// point 7's "errors from the sidebar show beside the action".
const { alice, bob } = SEED_USERS;

const card = (window: Window, value: string) =>
  window.app.getByRole('button', { name: `Card ${value}`, exact: true });

/** Jira failing the estimate's write (503 on every try), after every check passed. */
const SAVE_REFUSED = (issueKey: string) => ({
  method: 'PUT',
  pathPrefix: `/rest/api/3/issue/${issueKey}`,
  status: 503,
  times: 10,
});

/** Jira's flag in the host page (outside the app's iframe): Connect #host-flags, Forge #forge-flags. */
const hostFlag = (window: Window, group: string, type: string, title: string) =>
  window.page
    .locator(`${group} [data-flag-type="${type}"]`)
    .filter({ has: window.page.getByText(title, { exact: true }) });

/** The issue view's estimate field, drawn by the host page (not the app). */
const issueEstimate = (window: Window) =>
  window.page.locator('main.issue-view dd[data-field="estimate"]');

/** Marks the host page, so that a reload or navigation (which loses the mark) can be told. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate('window.feedbackMark = 1');
}
const stillMarked = (page: Page) => page.evaluate('window.feedbackMark === 1');

/** Starts a room for the issue from its glance, votes and reveals: Save is then offered. */
async function estimateInGlance(window: Window, value: string): Promise<void> {
  await window.app.getByRole('button', { name: 'Start estimating' }).click();
  await window.app.getByTestId('room').waitFor();
  await card(window, value).click();
  await window.app.locator(`[data-testid="seat-${alice.accountId}"][data-voted="true"]`).waitFor();
  await window.app.getByRole('button', { name: 'Reveal cards' }).click();
  await window.app.getByTestId('results').waitFor();
}

/** Slows the site's next issue edit (the estimate's PUT), so the busy state can be seen. */
function slowNextSave(site: JiraSim, issueKey: string): void {
  site.faults.add({
    method: 'PUT',
    pathPrefix: `/rest/api/3/issue/${issueKey}`,
    status: 0,
    times: 1,
    delayMs: 1500,
  });
}

/** Clicks Save and sees it busy (spinner, aria-busy, no second click) until the answer. */
async function saveAndSeeBusy(window: Window, issueKey: string): Promise<void> {
  const save = window.app.getByRole('button', { name: `Save to ${issueKey}` });
  await save.click();
  await window.app
    .locator('button[aria-busy="true"]', { hasText: `Save to ${issueKey}` })
    .waitFor();
  expect(await save.isDisabled()).toBe(true);
  await window.app.getByTestId('saved-estimate').waitFor();
  expect(await save.getAttribute('aria-busy')).toBeNull();
}

describe('feedback on the Connect host page and in the demo', () => {
  const suite = browserSuite();

  async function siteWithField(): Promise<JiraSim> {
    const site = await suite.stack.site();
    const response = await settingsRequest(suite.stack.server.url, site, alice.accountId, {
      fieldId: STORY_POINTS_FIELD,
    });
    expect(response.status).toBe(200);
    return site;
  }

  it('shows a slow save busy, then Jira’s flag, and the issue view around the glance shows the estimate without a reload', async () => {
    const site = await siteWithField();
    const owner = await suite.open(site, alice.accountId, '/browse/PROJ-1');
    expect(await issueEstimate(owner).textContent()).toBe('None');
    await markPage(owner.page);
    await estimateInGlance(owner, '5');
    slowNextSave(site, 'PROJ-1');
    await saveAndSeeBusy(owner, 'PROJ-1');
    await hostFlag(owner, '#host-flags', 'success', 'Saved 5 to PROJ-1').waitFor();
    expect(site.issue('PROJ-1')?.fields[STORY_POINTS_FIELD]).toBe(5);
    // AP.jira.refreshIssuePage(): the host redraws the issue's fields, the page stays.
    await issueEstimate(owner).getByText('5', { exact: true }).waitFor();
    expect(await stillMarked(owner.page)).toBe(true);
    expect(await owner.app.getByTestId('toast').count()).toBe(0);
    await owner.page.screenshot({ path: join(SCREENSHOTS, 'feedback-connect-flag.png') });
  }, 90_000);

  it('shows a save made by someone else in the room in the issue view of the glance', async () => {
    const site = await siteWithField();
    const watcher = await suite.open(site, bob.accountId, '/browse/PROJ-2');
    await watcher.app.getByTestId('glance-start').waitFor();
    await markPage(watcher.page);

    const owner = await suite.open(site, alice.accountId);
    await submitCreateRoom(owner, 'Refinement', 'PROJ-2');
    await owner.app.getByTestId('room').waitFor();
    await watcher.app.getByTestId('glance-room').filter({ hasText: 'Refinement' }).waitFor();
    await card(owner, '3').click();
    await owner.app.getByRole('button', { name: 'Reveal cards' }).click();
    await owner.app.getByRole('button', { name: 'Save to PROJ-2' }).click();
    await owner.app.getByTestId('saved-estimate').waitFor();

    await watcher.app
      .getByTestId('glance-issue')
      .getByText(/Saved estimate: 3/)
      .waitFor();
    await issueEstimate(watcher).getByText('3', { exact: true }).waitFor();
    expect(await stillMarked(watcher.page)).toBe(true);
  }, 90_000);

  it('shows a refused save beside Save and as an error flag, never as a banner', async () => {
    const site = await siteWithField();
    const viewer = await suite.open(site, alice.accountId);
    await submitCreateRoom(viewer, 'Refused', 'PROJ-6');
    await viewer.app.getByTestId('room').waitFor();
    await card(viewer, '3').click();
    await viewer.app.getByRole('button', { name: 'Reveal cards' }).click();
    // Nothing a check beforehand could see (those disable Save): Jira refuses the write itself.
    site.faults.add(SAVE_REFUSED('PROJ-6'));
    await viewer.app.getByRole('button', { name: 'Save to PROJ-6' }).click();
    await viewer.app
      .getByTestId('action-error')
      .getByText(/HTTP 503/)
      .waitFor();
    await hostFlag(viewer, '#host-flags', 'error', 'Could not save 3 to PROJ-6').waitFor();
    expect(await viewer.app.getByTestId('error-banner').count()).toBe(0);
  }, 60_000);

  it('shows a refused nudge beside the button with nothing on the page moving, and a granted facilitation as a flag', async () => {
    const site = await siteWithField();
    const owner = await suite.open(site, alice.accountId);
    await submitCreateRoom(owner, 'Nudges', 'PROJ-3, PROJ-4');
    await owner.app.getByTestId('room').waitFor();
    const voter = await suite.open(site, bob.accountId);
    await joinFromList(voter, 'Nudges');
    await owner.app.getByTestId(`seat-${bob.accountId}`).waitFor();

    await owner.app.getByTestId('nudge').click();
    await owner.app.getByTestId('nudge-result').getByText('Nudged 1 person.').waitFor();
    const issueBefore = await owner.app.getByTestId('current-issue').boundingBox();
    const nudgeBefore = await owner.app.getByTestId('nudge').boundingBox();
    // A second nudge within the room's interval is refused by the server.
    await owner.app.getByTestId('nudge').click();
    const error = owner.app.getByTestId('action-error');
    await error.getByText('Slow down a little').waitFor();
    expect(await owner.app.getByTestId('error-banner').count()).toBe(0);
    expect(await owner.app.getByTestId('current-issue').boundingBox()).toEqual(issueBefore);
    expect(await owner.app.getByTestId('nudge').boundingBox()).toEqual(nudgeBefore);
    await owner.page.screenshot({ path: join(SCREENSHOTS, 'feedback-action-error.png') });
    await error.getByRole('button', { name: 'Dismiss' }).click();
    expect(await error.count()).toBe(0);

    // A sidebar action's result is Jira's flag: Bob may now facilitate.
    await owner.app.getByTestId(`facilitate-${bob.accountId}`).click();
    await hostFlag(
      owner,
      '#host-flags',
      'success',
      'Bob Builder can now facilitate this room',
    ).waitFor();
    await owner.app.getByTestId(`facilitator-${bob.accountId}`).waitFor();
  }, 60_000);

  it('says the result in an in-page toast where the host shows no flags: dismissible and accessible, light and dark', async () => {
    const site = await siteWithField();
    for (const colorScheme of ['light', 'dark'] as const) {
      const owner = await suite.open(site, alice.accountId, '/?flags=none', {
        width: 1280,
        height: 800,
        colorScheme,
      });
      const issueKey = colorScheme === 'light' ? 'PROJ-4' : 'PROJ-5';
      await submitCreateRoom(owner, `Toast ${colorScheme}`, issueKey);
      await owner.app.getByTestId('room').waitFor();
      await card(owner, '8').click();
      await owner.app.getByRole('button', { name: 'Reveal cards' }).click();
      await owner.app.getByRole('button', { name: `Save to ${issueKey}` }).click();
      const toast = owner.app.getByTestId('toast').filter({ hasText: `Saved 8 to ${issueKey}` });
      await toast.waitFor();
      expect(await owner.app.getByRole('status').filter({ has: toast }).count()).toBe(1);
      expect(await toast.getAttribute('data-flag-type')).toBe('success');
      expect(await owner.page.locator('#host-flags > *').count()).toBe(0);
      // The room's own issue header reads Jira's value again after the save.
      await owner.app.getByTestId('jira-estimate').getByText('8', { exact: true }).waitFor();
      await expectAccessible(await owner.appFrame(), `toast (${colorScheme})`);
      await owner.page.screenshot({ path: join(SCREENSHOTS, `feedback-toast-${colorScheme}.png`) });
      await toast.getByRole('button', { name: /^Dismiss/ }).click();
      expect(await toast.count()).toBe(0);
    }
  }, 90_000);
});

describe('feedback on the Forge host page', () => {
  let stack: ForgeStack;
  let browser: Browser;
  const windows: Window[] = [];

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startForgeStack(), launchChromium()]);
  });
  afterEach(async () => {
    await Promise.all(windows.splice(0).map((window) => window.context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function open(accountId: string, path: string): Promise<Window> {
    const window = await openForgeAs(browser, stack.site, accountId, path);
    windows.push(window);
    return window;
  }

  it('shows a slow save busy, then Forge’s flag, refreshes the issue view, and says a refusal beside Save and as an error flag', async () => {
    const admin = await open(alice.accountId, '/forge/admin');
    await admin.app
      .getByTestId('field-choices')
      .getByRole('radio', { name: /Story Points/ })
      .check();
    await admin.app.getByRole('button', { name: 'Save' }).click();
    await hostFlag(admin, '#forge-flags', 'success', 'Estimate field saved').waitFor();

    const owner = await open(alice.accountId, '/forge/browse/PROJ-1');
    expect(await issueEstimate(owner).textContent()).toBe('None');
    await markPage(owner.page);
    await estimateInGlance(owner, '5');
    slowNextSave(stack.site, 'PROJ-1');
    await saveAndSeeBusy(owner, 'PROJ-1');
    await hostFlag(owner, '#forge-flags', 'success', 'Saved 5 to PROJ-1').waitFor();
    // view.refresh() in the issue view: the fields are drawn again, the page stays.
    await issueEstimate(owner).getByText('5', { exact: true }).waitFor();
    expect(await stillMarked(owner.page)).toBe(true);
    await owner.page.screenshot({ path: join(SCREENSHOTS, 'feedback-forge-flag.png') });

    const viewer = await open(alice.accountId, '/forge');
    await submitCreateRoom(viewer, 'Refused', 'PROJ-6');
    await viewer.app.getByTestId('room').waitFor();
    await card(viewer, '3').click();
    await viewer.app.getByRole('button', { name: 'Reveal cards' }).click();
    stack.site.faults.add(SAVE_REFUSED('PROJ-6'));
    await viewer.app.getByRole('button', { name: 'Save to PROJ-6' }).click();
    await viewer.app.getByTestId('action-error').waitFor();
    await hostFlag(viewer, '#forge-flags', 'error', 'Could not save 3 to PROJ-6').waitFor();
    expect(await viewer.app.getByTestId('error-banner').count()).toBe(0);
  }, 120_000);
});
