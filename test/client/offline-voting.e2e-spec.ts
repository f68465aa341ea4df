import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { SEED_USERS, type JiraSim } from '../../apps/jira-sim/src';
import { startStack, type Stack } from '../support/stack';
import { expectAccessible } from './axe';
import { eventually, launchChromium, openAs, type Window } from './browser-driver';
import { openWithCuttableConnection, type CuttableWindow } from './connection-cut';
import { joinFromList, submitCreateRoom } from './room-ui';

// Needs the built client (npm run build:client): the in-process server serves dist/apps/client.
const { alice, bob } = SEED_USERS;
/** Screenshots the docs show (committed, unlike test-output/). */
const DOC_SCREENSHOTS = join(process.cwd(), 'docs', 'screenshots');

describe('voting while the connection is lost (issue 15, point 7)', () => {
  let stack: Stack;
  let browser: Browser;
  const windows: Window[] = [];

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(windows.splice(0).map((window) => window.context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** Alice runs a room in her browser; Bob joins it on a line the test can cut. */
  async function roomWithBob(name: string): Promise<{ owner: Window; member: CuttableWindow }> {
    const site: JiraSim = await stack.site();
    const owner = await openAs(browser, site, alice.accountId, '/', { width: 1280, height: 900 });
    windows.push(owner);
    await submitCreateRoom(owner, name, 'PROJ-3, PROJ-4');
    await owner.app.getByTestId('room').waitFor();
    const member = await openWithCuttableConnection(browser, site, bob.accountId);
    windows.push(member);
    await joinFromList(member, name);
    await status(member, 'live');
    await eventually(
      () => owner.app.getByTestId('vote-progress').textContent(),
      (text) => text === '0 of 2 voted',
      'both voters at the table',
    );
    return { owner, member };
  }

  const status = (window: Window, wanted: string) =>
    window.app.locator(`[data-testid="connection-status"][data-status="${wanted}"]`).waitFor();
  const card = (window: Window, value: string) =>
    window.app.getByRole('button', { name: `Card ${value}`, exact: true });
  const seatOf = (window: Window, accountId: string) =>
    window.app.getByTestId(`seat-${accountId}`).getAttribute('data-voted');
  const presences = (window: Window) =>
    window.app
      .getByRole('region', { name: 'People' })
      .locator('[data-presence]')
      .evaluateAll((dots) => dots.map((dot) => dot.getAttribute('data-presence')));

  it('marks a card picked offline as pending, greys everyone’s presence, and counts it once back in the same round', async () => {
    const { owner, member } = await roomWithBob('Train wifi');
    await member.cut();
    await status(member, 'reconnecting');

    // While Bob's line is down he cannot know who is there: every dot is unknown, said in text.
    await eventually(
      () => presences(member),
      (shown) => shown.length === 2 && shown.every((presence) => presence === 'unknown'),
      'every presence unknown',
    );
    expect(await member.app.getByTestId('people-online').textContent()).toBe('presence unknown');
    await member.app
      .getByRole('img', { name: 'Presence unknown: you are offline' })
      .first()
      .waitFor();

    // His pick waits, marked pending, and is not on anyone's table.
    await card(member, '5').click();
    await member.app.locator('[data-card="5"][data-pending="true"]').getByText('Pending').waitFor();
    await member.app
      .locator('[data-testid="deck-offline"][data-pending="true"]')
      .getByText('not counted yet')
      .waitFor();
    expect(await seatOf(member, bob.accountId)).toBe('false');
    expect(await seatOf(owner, bob.accountId)).toBe('false');
    await expectAccessible(await member.appFrame(), 'room offline, a card pending');
    mkdirSync(DOC_SCREENSHOTS, { recursive: true });
    await member.page
      .locator('#poker-app')
      .screenshot({ path: join(DOC_SCREENSHOTS, 'offline-pending.png') });
    expect(await owner.app.getByTestId('vote-progress').textContent()).not.toContain('1 of');

    // Back on the line, same round still open: the card is sent and counted everywhere.
    member.restore();
    await status(member, 'resynced');
    await owner.app.locator(`[data-testid="seat-${bob.accountId}"][data-voted="true"]`).waitFor();
    await member.app.locator('[data-card="5"][aria-pressed="true"]:not([data-pending])').waitFor();
    expect(await member.app.getByTestId('deck-offline').count()).toBe(0);
    expect(await member.app.getByTestId('vote-not-counted').count()).toBe(0);
    await eventually(
      () => presences(member),
      (shown) => shown.length === 2 && shown.every((presence) => presence === 'online'),
      'real presence again',
    );

    // Revealed, it is Bob's 5 that counts.
    await owner.app.getByRole('button', { name: 'Reveal cards' }).click();
    await owner.app
      .getByTestId(`member-${bob.accountId}`)
      .getByText('5', { exact: true })
      .waitFor();
  }, 90_000);

  it('tells the person plainly that a card picked offline was not counted when the round was revealed meanwhile', async () => {
    const { owner, member } = await roomWithBob('Tunnel');
    await card(owner, '3').click();
    await member.cut();
    await status(member, 'reconnecting');
    await card(member, '8').click();
    await member.app.locator('[data-card="8"][data-pending="true"]').waitFor();

    await owner.app.getByRole('button', { name: 'Reveal cards' }).click();
    await owner.app.getByTestId('results').waitFor();

    member.restore();
    await status(member, 'resynced');
    const notice = member.app.getByRole('alert').filter({ hasText: 'was not counted' });
    await notice.waitFor();
    await expectAccessible(await member.appFrame(), 'room, a card not counted');
    expect(await notice.locator('p').textContent()).toBe(
      'Your card 8 for PROJ-3 was not counted: the round was revealed while you were offline.',
    );
    // Nothing was sent late: the revealed round still holds Alice's card alone.
    expect(await owner.app.getByTestId('vote-progress').textContent()).toBe(
      '1 of 2 voted · revealed',
    );
    expect(await member.app.getByTestId('vote-progress').textContent()).toBe(
      '1 of 2 voted · revealed',
    );
  }, 90_000);

  it('says a card picked offline was not counted when the room moved to another issue', async () => {
    const { owner, member } = await roomWithBob('Lift');
    await member.cut();
    await status(member, 'reconnecting');
    await card(member, '2').click();
    await owner.app.getByTestId('skip').click();
    await owner.app.locator('[data-testid="queue-item-PROJ-4"] [aria-current="true"]').waitFor();

    member.restore();
    await status(member, 'resynced');
    await member.app
      .getByTestId('vote-not-counted')
      .getByText(
        'Your card 2 for PROJ-3 was not counted: the room moved on to PROJ-4 while you were offline.',
      )
      .waitFor();
    expect(await seatOf(owner, bob.accountId)).toBe('false');
  }, 90_000);
});
