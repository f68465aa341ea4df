import { SEED_USERS, STORY_POINTS_FIELD, type JiraSim } from '../../apps/jira-sim/src';
import { settingsRequest } from '../support/settings-api';
import { expectAccessible } from './axe';
import { eventually, type Window } from './browser-driver';
import { browserSuite } from './browser-suite';
import { submitCreateRoom } from './room-ui';

// Needs the built client (npm run build:client): the in-process server serves dist/apps/client.
const { alice, bob, frank } = SEED_USERS;

describe('permissions shown before clicking, and the estimates Jira already holds (issue 15)', () => {
  const suite = browserSuite();

  async function siteWithStoryPoints(): Promise<JiraSim> {
    const site = await suite.stack.site();
    const response = await settingsRequest(suite.stack.server.url, site, alice.accountId, {
      fieldId: STORY_POINTS_FIELD,
    });
    expect(response.status).toBe(200);
    return site;
  }

  const card = (window: Window, value: string) =>
    window.app.getByRole('button', { name: `Card ${value}`, exact: true });

  /** The owner votes alone and reveals: the save box appears. */
  async function voteAndReveal(owner: Window, value: string): Promise<void> {
    await card(owner, value).click();
    await owner.app.locator('[data-testid="vote-progress"]').getByText('1 of 1 voted').waitFor();
    await owner.app.getByRole('button', { name: 'Reveal cards' }).click();
    await owner.app.getByTestId('estimate-input').waitFor();
  }

  it('shows a non-admin the admin page read-only, with the values by name and who can change them', async () => {
    const site = await siteWithStoryPoints();
    const member = await suite.open(site, bob.accountId, '/admin');
    const note = member.app.getByTestId('admin-read-only');
    await note.waitFor();
    expect(await note.textContent()).toContain(
      'Only Jira administrators can change these settings: people with Jira’s “Administer Jira” global permission (ADMINISTER).',
    );
    const choices = member.app.getByTestId('field-choices');
    const current = choices.locator('label').filter({ hasText: 'Current' });
    await current.getByText('Story Points', { exact: true }).waitFor();
    // Every choice is there to read and none can be changed; Save is off, before any click.
    const radios = choices.getByRole('radio');
    expect(await radios.count()).toBeGreaterThan(1);
    for (const radio of await radios.all()) expect(await radio.isDisabled()).toBe(true);
    expect(await current.getByRole('radio').isChecked()).toBe(true);
    const save = member.app.getByRole('button', { name: 'Save', exact: true });
    expect(await save.isDisabled()).toBe(true);
    expect(await member.app.getByRole('button', { name: 'Export our data' }).count()).toBe(0);
    await expectAccessible(await member.appFrame(), 'admin page, read-only for a non-admin');

    // A Jira admin gets the same page to change.
    const admin = await suite.open(site, alice.accountId, '/admin');
    await admin.app.getByTestId('field-choices').getByText('Story Points').first().waitFor();
    await eventually(
      () => admin.app.getByTestId('field-choices').getByRole('radio').first().isEnabled(),
      (enabled) => enabled,
      'enabled choices for an admin',
    );
    expect(await admin.app.getByTestId('admin-read-only').count()).toBe(0);
  }, 60_000);

  it('tells an owner who may not edit the issue why Save is unavailable, before any click', async () => {
    const site = await siteWithStoryPoints();
    // Frank may browse PROJ but edit only TEAM.
    const owner = await suite.open(site, frank.accountId);
    await submitCreateRoom(owner, 'Read-only project', 'PROJ-3');
    await owner.app.getByTestId('room').waitFor();
    await owner.app
      .locator('[data-testid="queue-item-PROJ-3"][data-readiness="blocked"]')
      .waitFor();

    await voteAndReveal(owner, '5');
    const save = owner.app.getByRole('button', { name: 'Save to PROJ-3' });
    const reasons = owner.app.getByTestId('save-blocked');
    await reasons
      .getByText('You may not edit PROJ-3 in Jira, so its estimate cannot be saved.')
      .waitFor();
    await reasons.getByRole('link', { name: /Open the project’s permissions/ }).waitFor();
    expect(await save.isDisabled()).toBe(true);
    // The button points at its reason for screen readers.
    const describedBy = (await save.getAttribute('aria-describedby')) ?? '';
    expect(describedBy).not.toBe('');
    const reasonText = await owner.app.locator(`[id="${describedBy}"]`).textContent();
    expect(reasonText).toContain('You may not edit PROJ-3 in Jira');
    expect(site.issue('PROJ-3')?.fields[STORY_POINTS_FIELD]).not.toBe(5);
  }, 60_000);

  it('shows in the queue and the issue header the estimate already in Jira, and the new one after a save', async () => {
    const site = await siteWithStoryPoints();
    const proj3 = site.issue('PROJ-3');
    const proj4 = site.issue('PROJ-4');
    if (!proj3 || !proj4) throw new Error('The seed has PROJ-3 and PROJ-4');
    proj3.fields[STORY_POINTS_FIELD] = null;
    proj4.fields[STORY_POINTS_FIELD] = 2.5;

    const owner = await suite.open(site, alice.accountId);
    await submitCreateRoom(owner, 'Existing estimates', 'PROJ-3, PROJ-4');
    await owner.app.getByTestId('room').waitFor();
    const inQueue = (key: string) =>
      owner.app.getByTestId(`jira-estimate-${key}`).getByTestId('jira-estimate-value');
    const inHeader = owner.app.getByTestId('current-issue').getByTestId('jira-estimate');
    await inQueue('PROJ-4').getByText('2.5', { exact: true }).waitFor();
    await inQueue('PROJ-3').getByText('—', { exact: true }).waitFor();
    await inHeader.getByText('—', { exact: true }).waitFor();
    // The field is named, never by its ID.
    expect(await owner.app.getByTestId('jira-estimate-PROJ-4').getAttribute('title')).toBe(
      'Story Points in Jira',
    );
    expect(await owner.app.getByTestId('issue-context').textContent()).toContain('in Story Points');
    expect(await owner.app.getByTestId('room').textContent()).not.toContain(STORY_POINTS_FIELD);

    await voteAndReveal(owner, '5');
    await owner.app.getByRole('button', { name: 'Save to PROJ-3' }).click();
    await owner.app.getByTestId('saved-estimate').waitFor();
    await inQueue('PROJ-3').getByText('5', { exact: true }).waitFor();
    await inHeader.getByText('5', { exact: true }).waitFor();

    // Edited in Jira meanwhile: the queue shows it once the window regains focus.
    proj4.fields[STORY_POINTS_FIELD] = 13;
    await owner.page.waitForTimeout(5_100);
    const frame = await owner.appFrame();
    await frame.evaluate('window.dispatchEvent(new Event("focus"))');
    await inQueue('PROJ-4').getByText('13', { exact: true }).waitFor();
  }, 60_000);
});
