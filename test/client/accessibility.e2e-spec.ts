import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { SEED_USERS, STORY_POINTS_FIELD, type JiraSim } from '../../apps/jira-sim/src';
import { settingsRequest } from '../support/settings-api';
import { expectAccessible } from './axe';
import { eventually, SCREENSHOTS, type Window, type WindowSize } from './browser-driver';
import { browserSuite } from './browser-suite';
import { joinFromList, submitCreateRoom } from './room-ui';

// Needs the built client (npm run build:client). axe-core runs inside the app's frame on each
// screen and fails on any serious or critical violation, in Jira's light and dark themes.
const { alice, bob } = SEED_USERS;
const DOCS_SCREENSHOTS = join(process.cwd(), 'docs', 'screenshots');

describe('the client for everyone: axe on every screen, dark mode, a 360 px phone', () => {
  const suite = browserSuite();
  const open = (site: JiraSim, accountId: string, path: string, size: WindowSize) =>
    suite.open(site, accountId, path, size);

  /** The app frame once it shows the theme it was asked for. */
  async function themedFrame(window: Window, mode: 'light' | 'dark'): Promise<Frame> {
    const frame = await window.appFrame();
    await frame.locator(`html[data-color-mode="${mode}"]`).waitFor({ state: 'attached' });
    return frame;
  }

  const card = (window: Window, value: string) =>
    window.app.getByRole('button', { name: `Card ${value}`, exact: true });

  for (const mode of ['light', 'dark'] as const) {
    it(`passes axe on the room list, create dialog, room, admin and glance pages in ${mode} mode`, async () => {
      const site = await suite.stack.site();
      const size = { width: 1280, height: 800, colorScheme: mode };
      const response = await settingsRequest(suite.stack.server.url, site, alice.accountId, {
        fieldId: STORY_POINTS_FIELD,
      });
      expect(response.status).toBe(200);

      const owner = await open(site, alice.accountId, '/', size);
      const frame = await themedFrame(owner, mode);
      await owner.app.getByRole('button', { name: 'Create room' }).first().waitFor();
      await expectAccessible(frame, `room list, empty (${mode})`);

      await owner.app.getByRole('button', { name: 'Create room' }).first().click();
      const dialog = owner.app.getByRole('dialog', { name: 'Create room' });
      await dialog.getByRole('button', { name: 'Create', exact: true }).click();
      await dialog.getByText('Give the room a name.').waitFor();
      await expectAccessible(frame, `create dialog with a field error (${mode})`);
      await dialog.getByRole('button', { name: 'Cancel' }).click();

      await submitCreateRoom(owner, `Accessible ${mode}`, 'PROJ-3, PROJ-4');
      await owner.app.getByTestId('room').waitFor();
      await owner.app.getByText('Migrate invoices table to UUID primary keys').first().waitFor();
      await expectAccessible(frame, `room, voting (${mode})`);

      const voter = await open(site, bob.accountId, '/', size);
      await joinFromList(voter, `Accessible ${mode}`);
      await expectAccessible(await voter.appFrame(), `room as a voter (${mode})`);
      await card(voter, '8').click();
      await card(owner, '5').click();
      await eventually(
        () => owner.app.getByTestId('vote-progress').textContent(),
        (text) => text === '2 of 2 voted',
        'both votes',
      );
      await owner.app.getByRole('button', { name: 'Reveal cards' }).click();
      await owner.app.getByTestId('results').waitFor();
      await owner.app.getByTestId('estimate-input').waitFor();
      await expectAccessible(frame, `room, revealed with the save form (${mode})`);

      // The room settings: the facilitator's form with a field error, and a member's read-only view.
      await owner.app.getByTestId('open-settings').click();
      const settings = owner.app.getByRole('dialog', { name: 'Room settings' });
      await settings.getByLabel('Timer length (seconds)').fill('1');
      await settings.getByTestId('settings-save').click();
      await settings.getByTestId('field-error').waitFor();
      await expectAccessible(frame, `room settings with a field error (${mode})`);
      await settings.getByRole('button', { name: 'Cancel' }).click();
      await voter.app.getByTestId('open-settings').click();
      await voter.app.getByTestId('settings-read-only').waitFor();
      await expectAccessible(await voter.appFrame(), `room settings, read-only (${mode})`);
      await voter.app.getByRole('button', { name: 'Cancel' }).click();
      if (mode === 'dark') {
        mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
        await owner.page
          .locator('#poker-app')
          .screenshot({ path: join(DOCS_SCREENSHOTS, 'dark-mode.png') });
      }

      const admin = await open(site, alice.accountId, '/admin', size);
      const adminFrame = await themedFrame(admin, mode);
      await admin.app.getByTestId('field-choices').getByText('Story Points').waitFor();
      await expectAccessible(adminFrame, `admin page (${mode})`);
      const reader = await open(site, bob.accountId, '/admin', size);
      const readerFrame = await themedFrame(reader, mode);
      await reader.app.getByTestId('admin-read-only').waitFor();
      await expectAccessible(readerFrame, `admin page, read-only for a non-admin (${mode})`);

      // The demo host page's own switch (?theme=) wins over the system's (light) scheme.
      const glance = await open(site, bob.accountId, `/browse/PROJ-7?theme=${mode}`, {
        width: 1280,
        height: 800,
        colorScheme: 'light',
      });
      const glanceFrame = await themedFrame(glance, mode);
      await glance.app.getByText('Support Apple Pay in checkout').first().waitFor();
      await expectAccessible(glanceFrame, `issue glance (${mode})`);
    }, 120_000);
  }

  it('announces the vote count and the result to screen readers, each change once', async () => {
    const site = await suite.stack.site();
    const size = { width: 1280, height: 800 };
    const owner = await open(site, alice.accountId, '/', size);
    await submitCreateRoom(owner, 'Heard', 'PROJ-3');
    await owner.app.getByTestId('room').waitFor();
    const voter = await open(site, bob.accountId, '/', size);
    await joinFromList(voter, 'Heard');

    const region = owner.app.getByTestId('live-announcer');
    expect(await region.getAttribute('aria-live')).toBe('polite');
    expect(await region.getAttribute('role')).toBe('status');
    const heard = (text: string) =>
      eventually(
        () => region.textContent(),
        (now) => now === text,
        `"${text}"`,
      );
    await heard('0 of 2 voted on PROJ-3.');
    await card(voter, '3').click();
    await heard('1 of 2 voted on PROJ-3.');
    await card(owner, '8').click();
    await heard('2 of 2 voted on PROJ-3.');
    // The voter hears the same count: the region is in every window.
    await eventually(
      () => voter.app.getByTestId('live-announcer').textContent(),
      (now) => now === '2 of 2 voted on PROJ-3.',
      'the count in the voter window',
    );
    // Each change once: the region's text is replaced only when it changes.
    const changes = await (
      await owner.appFrame()
    ).evaluate<number>(`new Promise((resolve) => {
      let count = 0;
      const region = document.querySelector('[data-testid="live-announcer"]');
      new MutationObserver(() => count++).observe(region, { childList: true, characterData: true, subtree: true });
      setTimeout(() => resolve(count), 1500);
    })`);
    expect(changes).toBe(0);
    await owner.app.getByRole('button', { name: 'Reveal cards' }).click();
    await heard(
      'Cards revealed for PROJ-3. No consensus, 2 votes: average 5.5, median 5.5, lowest 3, highest 8.',
    );
  }, 60_000);

  it('says what is wrong beside the field or the action, in words, never as schema text', async () => {
    const site = await suite.stack.site();
    const owner = await open(site, alice.accountId, '/', { width: 1280, height: 800 });
    await owner.app.getByRole('button', { name: 'Create room' }).first().click();
    const dialog = owner.app.getByRole('dialog', { name: 'Create room' });
    await dialog.getByLabel('Name').fill('x'.repeat(81));
    await dialog.getByLabel('Deck').selectOption({ label: 'Custom' });
    await dialog.getByLabel('Cards').fill('S=1, M=big, L');
    await dialog.getByLabel('Issues').fill('PROJ-1, PROJ12');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    const name = dialog.getByLabel('Name');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    const described = async (label: string) => {
      const ids = (await dialog.getByLabel(label).getAttribute('aria-describedby')) ?? '';
      const [errorId = ''] = ids.split(' ');
      return dialog.locator(`[id="${errorId}"]`).textContent();
    };
    expect(await described('Name')).toBe('!Keep the name to 80 characters; it has 81.');
    expect(await described('Cards')).toBe('!Give “M” a number from 0 to 1,000,000 after the “=”.');
    expect(await described('Issues')).toBe(
      '!“PROJ12” is not an issue key: keys look like PROJ-123. Or type a JQL query.',
    );
    // Focus goes to the first field to fix; fixing it clears its message as one types.
    expect(await (await owner.appFrame()).evaluate('document.activeElement.id')).toBe(
      await name.getAttribute('id'),
    );
    await name.fill('Worded');
    await eventually(
      () => name.getAttribute('aria-invalid'),
      (invalid) => invalid === null,
      'the name error cleared',
    );
    expect(await dialog.textContent()).not.toMatch(/Too (small|big)|expected string/);
    await dialog.getByLabel('Cards').fill('S=1, M=3, L=5, ?');
    await dialog.getByLabel('Issues').fill('PROJ-3');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await owner.app.getByTestId('room').waitFor();
    await owner.app.getByRole('button', { name: 'Card M', exact: true }).waitFor();

    // The queue's add: a typo under the field, the server's refusal under the button.
    const add = owner.app.getByLabel('Add issues by key or JQL');
    const queue = owner.app.getByRole('region', { name: 'Issue queue' });
    await add.fill('bogus');
    await owner.app.getByRole('button', { name: 'Add', exact: true }).click();
    await queue.getByTestId('field-error').getByText('“bogus” is not an issue key').waitFor();
    await add.fill('PROJ-999');
    await owner.app.getByRole('button', { name: 'Add', exact: true }).click();
    await queue.getByTestId('action-error').getByText('PROJ-999').waitFor();
    expect(await owner.app.getByTestId('error-banner').count()).toBe(0);
  }, 60_000);

  it('keeps the room usable on a 360 px phone: one column, no sideways scroll, cards to tap', async () => {
    const site = await suite.stack.site();
    const phone = { width: 360, height: 740 };
    const owner = await open(site, alice.accountId, '/', { width: 1280, height: 800 });
    await submitCreateRoom(owner, 'On the phone', 'PROJ-3, PROJ-4');
    await owner.app.getByTestId('room').waitFor();

    const voter = await open(site, bob.accountId, '/', phone);
    const frameBox = await voter.page.locator('#poker-app').boundingBox();
    expect(frameBox?.width).toBe(360);
    await joinFromList(voter, 'On the phone');
    const frame = await voter.appFrame();
    await voter.app.getByTestId('deck').waitFor();

    const overflow = () =>
      frame.evaluate<{ scroll: number; client: number }>(
        '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
      );
    const widths = await overflow();
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);

    // The sidebar stacks under the table, and every card is inside the screen.
    const table = await voter.app.getByRole('region', { name: 'Table' }).boundingBox();
    const queue = await voter.app.getByRole('region', { name: 'Issue queue' }).boundingBox();
    expect(queue!.y).toBeGreaterThan(table!.y + table!.height - 1);
    const cards = voter.app.getByTestId('deck').getByRole('button');
    for (const box of await Promise.all((await cards.all()).map((each) => each.boundingBox()))) {
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    }
    await card(voter, '89').click();
    expect(await card(voter, '89').getAttribute('aria-pressed')).toBe('true');
    await owner.app.locator(`[data-testid="seat-${bob.accountId}"][data-voted="true"]`).waitFor();
    await expectAccessible(frame, 'room on a 360 px phone');
    await voter.page.screenshot({ path: join(SCREENSHOTS, 'phone-360.png'), fullPage: true });
  }, 90_000);

  it('passes axe with a toast on screen (a host without flags), dark, on a 360 px phone', async () => {
    const site = await suite.stack.site();
    const response = await settingsRequest(suite.stack.server.url, site, alice.accountId, {
      fieldId: STORY_POINTS_FIELD,
    });
    expect(response.status).toBe(200);
    const owner = await open(site, alice.accountId, '/?flags=none&theme=dark', {
      width: 360,
      height: 740,
    });
    const frame = await themedFrame(owner, 'dark');
    await submitCreateRoom(owner, 'Toast on the phone', 'PROJ-8');
    await owner.app.getByTestId('room').waitFor();
    await card(owner, '5').click();
    await owner.app.getByRole('button', { name: 'Reveal cards' }).click();
    await owner.app.getByRole('button', { name: 'Save to PROJ-8' }).click();
    const toast = owner.app.getByTestId('toast').filter({ hasText: 'Saved 5 to PROJ-8' });
    await toast.waitFor();
    const box = await toast.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    await expectAccessible(frame, 'toast (dark, 360 px)');
  }, 90_000);

  for (const mode of ['light', 'dark'] as const) {
    it(`passes axe on async voting (the panel, a card picked ahead, the accept dialog) in ${mode} mode and at 360 px`, async () => {
      const site = await suite.stack.site();
      const size = { width: 1280, height: 800, colorScheme: mode };
      const owner = await open(site, alice.accountId, '/', size);
      const frame = await themedFrame(owner, mode);
      await submitCreateRoom(owner, `Ahead ${mode}`, 'PROJ-3, PROJ-4');
      await owner.app.getByTestId('room').waitFor();
      await owner.app.getByTestId('async-toggle').getByText('Open for voting ahead').click();
      await owner.app.getByTestId('async-issue-PROJ-4').waitFor();
      await expectAccessible(frame, `async voting panel (${mode})`);

      const voter = await open(site, bob.accountId, '/', {
        width: 360,
        height: 740,
        colorScheme: mode,
      });
      await joinFromList(voter, `Ahead ${mode}`);
      const phone = await themedFrame(voter, mode);
      // Keyboard only: the disclosure, then a card of the issue's own deck.
      await voter.app.getByTestId('async-vote-PROJ-4').focus();
      await voter.page.keyboard.press('Enter');
      const cards = voter.app.getByRole('group', { name: 'Cards for PROJ-4' });
      await cards.getByRole('button', { name: 'Card 5', exact: true }).focus();
      await voter.page.keyboard.press('Enter');
      await voter.app.getByTestId('async-mine-PROJ-4').getByText('5').waitFor();
      await voter.app
        .getByTestId('async-announcer')
        .getByText('Your card 5 on PROJ-4 is in, hidden from the others.')
        .waitFor();
      const widths = await phone.evaluate<{ scroll: number; client: number }>(
        '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
      );
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      await expectAccessible(phone, `async voting at 360 px (${mode})`);

      await owner.app.getByTestId('async-progress-PROJ-4').getByText('1 of 2 voted').waitFor();
      await owner.app.getByTestId('accept-agreed').click();
      await owner.app.getByRole('dialog', { name: 'No issue is agreed yet' }).waitFor();
      await expectAccessible(frame, `accept agreed dialog (${mode})`);
      await owner.page.keyboard.press('Escape');
    }, 90_000);
  }
});
