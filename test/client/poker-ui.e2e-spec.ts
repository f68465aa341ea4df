import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  SEED_USERS,
  STORY_POINTS_FIELD,
  STORY_POINT_ESTIMATE_FIELD,
  type JiraSim,
} from '../../apps/jira-sim/src';
import { settingsRequest } from '../support/settings-api';
import { startStack, type Stack } from '../support/stack';
import {
  eventually,
  launchChromium,
  openAs,
  readAppStorage,
  SCREENSHOTS,
  type Window,
} from './browser-driver';
import { joinFromList, submitCreateRoom } from './room-ui';

// Needs the built client (npm run build:client): the in-process server serves dist/apps/client.
const { alice, bob, carol, dave } = SEED_USERS;
const DISPLAY_NAMES = Object.values(SEED_USERS).map((user) => user.displayName);

describe('the planning poker client in the browser', () => {
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

  async function open(site: JiraSim, accountId: string, path = '/', width = 1280): Promise<Window> {
    const window = await openAs(browser, site, accountId, path, { width, height: 800 });
    windows.push(window);
    return window;
  }

  async function setDefaultField(site: JiraSim, fieldId: string): Promise<void> {
    const response = await settingsRequest(stack.server.url, site, alice.accountId, { fieldId });
    expect(response.status).toBe(200);
  }

  async function createRoom(owner: Window, name: string, issues: string): Promise<void> {
    await submitCreateRoom(owner, name, issues);
    await owner.app.getByTestId('room').waitFor();
  }

  const seat = (window: Window, accountId: string) => window.app.getByTestId(`seat-${accountId}`);
  const card = (window: Window, value: string) =>
    window.app.getByRole('button', { name: `Card ${value}`, exact: true });

  it('lets three people estimate together, an observer watch, the owner save to Jira and remove the room', async () => {
    const site = await stack.site();
    await setDefaultField(site, STORY_POINTS_FIELD);

    const owner = await open(site, alice.accountId);
    await createRoom(owner, 'Sprint 12', 'PROJ-3, PROJ-4');
    // Summary and description come live from Jira through the bridge.
    await owner.app.getByText('Migrate invoices table to UUID primary keys').first().waitFor();

    const voterB = await open(site, bob.accountId);
    const row = voterB.app.getByTestId('room-row').filter({ hasText: 'Sprint 12' });
    await row.getByText('Alice Admin').waitFor();
    expect(await row.locator('td.numeric').textContent()).toBe('2');
    await voterB.page.screenshot({ path: join(SCREENSHOTS, 'room-list.png') });
    await joinFromList(voterB, 'Sprint 12', 'Join');
    const voterC = await open(site, carol.accountId);
    await joinFromList(voterC, 'Sprint 12', 'Join');
    const observer = await open(site, dave.accountId);
    await joinFromList(observer, 'Sprint 12', 'Observe');

    for (const window of [owner, voterB, voterC, observer]) {
      await seat(window, carol.accountId).getByText('Carol Chen').waitFor();
      await window.app.getByTestId(`member-${dave.accountId}`).getByText('Observer').waitFor();
    }
    expect(await owner.app.getByTestId(`seat-${dave.accountId}`).count()).toBe(0);

    // Votes: a click, a key press (8: keys type the card's value), another click.
    await card(owner, '5').click();
    await voterB.app.getByTestId('current-issue').click();
    await voterB.page.keyboard.press('8');
    await card(voterC, '3').click();

    // The observer sees who voted, has no cards, and keys do nothing for them.
    await observer.app.getByTestId('observer-note').waitFor();
    expect(await observer.app.getByTestId('deck').count()).toBe(0);
    await observer.app.getByTestId('current-issue').click();
    await observer.page.keyboard.press('3');

    for (const window of [owner, voterB, voterC, observer]) {
      for (const voter of [alice, bob, carol]) {
        await window.app
          .locator(`[data-testid="seat-${voter.accountId}"][data-voted="true"]`)
          .waitFor();
      }
      await eventually(
        () => window.app.getByTestId('vote-progress').textContent(),
        (text) => text === '3 of 3 voted',
        'three votes',
      );
    }
    // Hidden votes: only markers. Bob's own card is raised, the others' values appear nowhere.
    expect(await card(voterB, '8').getAttribute('aria-pressed')).toBe('true');
    for (const voter of [alice, carol]) {
      const text = await seat(voterB, voter.accountId).textContent();
      expect(text).not.toMatch(/\d/);
    }
    expect(await voterB.app.getByTestId('results').count()).toBe(0);
    // Had the observer's key cast a vote, the server's refusal would be in their banner.
    expect(await observer.app.getByTestId('error-banner').count()).toBe(0);
    await owner.page.screenshot({ path: join(SCREENSHOTS, 'room-before-reveal.png') });

    await owner.app.getByRole('button', { name: 'Reveal cards' }).click();
    for (const window of [owner, voterB, voterC, observer]) {
      await window.app.getByTestId('results').waitFor();
      expect(await window.app.getByTestId('stat-average').textContent()).toBe('5.33');
      expect(await window.app.getByTestId('stat-median').textContent()).toBe('5');
      expect(await window.app.getByTestId('stat-mode').textContent()).toBe('—');
      const outliers = await window.app.getByTestId('outliers').textContent();
      expect(outliers).toContain('Lowest (3)Carol Chen');
      expect(outliers).toContain('Highest (8)Bob Builder');
      expect(await seat(window, bob.accountId).textContent()).toContain('8');
    }
    await owner.page.screenshot({ path: join(SCREENSHOTS, 'room-after-reveal.png') });

    // The suggested card (5) is preselected; the owner saves it into Jira.
    const estimate = owner.app.getByTestId('estimate-input');
    expect(await estimate.inputValue()).toBe('5');
    expect(await voterB.app.getByTestId('estimate-input').count()).toBe(0);
    await owner.app.getByRole('button', { name: 'Save to PROJ-3' }).click();
    await owner.app.getByTestId('saved-estimate').waitFor();
    expect(site.issue('PROJ-3')?.fields[STORY_POINTS_FIELD]).toBe(5);
    await voterB.app.getByText('Saved 5', { exact: true }).first().waitFor();

    // Removing asks first, then every window learns that the room is gone.
    const roomId = await owner.app.getByTestId('room').getAttribute('data-room-id');
    await owner.app.getByRole('button', { name: 'Remove room' }).click();
    const confirm = owner.app.getByRole('dialog', { name: 'Remove “Sprint 12”?' });
    // A destructive dialog opens on Cancel, so a stray Enter removes nothing.
    const focused = confirm.locator('button:focus');
    await focused.waitFor();
    expect(await focused.textContent()).toBe('Cancel');
    await confirm.getByRole('button', { name: 'Remove room' }).click();
    for (const window of [owner, voterB, voterC, observer]) {
      await window.app.getByText('This room was removed').waitFor();
    }
    const left = await stack.server.db.query(
      `SELECT (SELECT count(*) FROM room WHERE id = $1)::int AS rooms,
              (SELECT count(*) FROM room_member WHERE room_id = $1)::int AS members,
              (SELECT count(*) FROM vote WHERE room_id = $1)::int AS votes`,
      [roomId],
    );
    expect(left).toEqual([{ rooms: 0, members: 0, votes: 0 }]);
  }, 120_000);

  it('lets the site admin change the default field, and the next room saves into it', async () => {
    const site = await stack.site();
    const admin = await open(site, alice.accountId, '/admin');
    const serverRequests: { url: string; body: string | null }[] = [];
    admin.page.on('request', (request) => {
      if (request.url().startsWith(stack.server.url + '/api/')) {
        serverRequests.push({ url: request.url(), body: request.postData() });
      }
    });
    const choices = admin.app.getByTestId('field-choices');
    await choices.getByText('Story point estimate').waitFor();
    const names = await choices.locator('.choice-list__name').allTextContents();
    expect(names).toEqual(['Business Value', 'Story point estimate', 'Story Points']);

    await choices.getByRole('radio', { name: /Story point estimate/ }).check();
    await admin.app.getByRole('button', { name: 'Save' }).click();
    await admin.app.getByTestId('admin-saved').waitFor();
    await admin.page.screenshot({ path: join(SCREENSHOTS, 'admin.png') });
    // Only the field's ID reached our server; names stayed in the browser.
    expect(serverRequests.filter((request) => request.body !== null)).toEqual([
      {
        url: `${stack.server.url}/api/settings`,
        body: `{"fieldId":"${STORY_POINT_ESTIMATE_FIELD}"}`,
      },
    ]);
    const settings = await fetch(`${stack.server.url}/api/settings`, {
      headers: { Authorization: `JWT ${site.contextToken(bob.accountId)}` },
    });
    expect(await settings.json()).toEqual({
      fieldId: STORY_POINT_ESTIMATE_FIELD,
      projectFields: {},
    });

    const owner = await open(site, alice.accountId);
    await createRoom(owner, 'Falcon refinement', 'TEAM-2');
    await card(owner, '3').click();
    await owner.app.locator(`[data-testid="seat-${alice.accountId}"][data-voted="true"]`).waitFor();
    await owner.app.getByRole('button', { name: 'Reveal cards' }).click();
    // The save box names the field it writes into (the issue's context names it too).
    await owner.app.locator('strong', { hasText: 'Story point estimate' }).waitFor();
    await owner.app.getByRole('button', { name: 'Save to TEAM-2' }).click();
    await owner.app.getByTestId('saved-estimate').waitFor();
    expect(site.issue('TEAM-2')?.fields[STORY_POINT_ESTIMATE_FIELD]).toBe(3);
  }, 120_000);

  it('shows what the server refused in a banner', async () => {
    const site = await stack.site();
    // A non-admin cannot even try on the admin page (read-only since issue 15, see
    // permissions-and-estimates); the server still refuses the change.
    const refused = await settingsRequest(stack.server.url, site, bob.accountId, {
      fieldId: STORY_POINTS_FIELD,
    });
    expect(refused.status).toBe(403);

    const owner = await open(site, bob.accountId);
    await owner.app.getByRole('button', { name: 'Create room' }).first().click();
    const dialog = owner.app.getByRole('dialog', { name: 'Create room' });
    await dialog.getByLabel('Name').fill('Typo');
    await dialog.getByLabel('Issues').fill('PROJ-999');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    const banner = owner.app.getByTestId('error-banner');
    await banner.getByText('Not found in Jira').waitFor();
    await owner.page.screenshot({ path: join(SCREENSHOTS, 'create-room-error.png') });
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    expect(await banner.count()).toBe(0);
  }, 60_000);

  it('opens or creates the room for an issue from the 400px glance', async () => {
    const site = await stack.site();
    const starter = await open(site, bob.accountId, '/browse/PROJ-7');
    const frameBox = await starter.page.locator('#poker-app').boundingBox();
    expect(frameBox?.width).toBe(400);
    await starter.app.getByText('Support Apple Pay in checkout').first().waitFor();
    await starter.app.getByRole('button', { name: 'Start estimating' }).click();
    await starter.app.getByTestId('room').waitFor();
    await card(starter, '5').click();

    const joiner = await open(site, carol.accountId, '/browse/PROJ-7');
    await joiner.app.getByTestId('glance-start').getByText('Bob Builder').waitFor();
    await joiner.app.getByRole('button', { name: 'Join', exact: true }).click();
    await joiner.app.locator(`[data-testid="seat-${bob.accountId}"][data-voted="true"]`).waitFor();
    await card(joiner, '8').click();
    await starter.app
      .locator(`[data-testid="seat-${carol.accountId}"][data-voted="true"]`)
      .waitFor();
    await starter.app.getByText('Carol Chen').first().waitFor();
    await starter.page.locator('#poker-app').screenshot({ path: join(SCREENSHOTS, 'glance.png') });

    // The owner's timer counts down in every window; auto-reveal shows the cards once all voted.
    await starter.app.getByRole('button', { name: 'Start timer' }).click();
    const countdown = await eventually(
      () => joiner.app.getByTestId('timer').textContent(),
      (text) => /^⏱ 0:[0-5]\d|^⏱ 1:00/.test(text ?? ''),
      'the countdown',
    );
    expect(countdown).toMatch(/0:5\d|1:00/);
    await starter.app.getByRole('button', { name: 'Stop timer' }).click();
    await joiner.app.getByTestId('timer').waitFor({ state: 'detached' });
    // Carol takes 5 too; once the server has it, both online voters hold a card, so switching
    // auto-reveal on shows the cards at once (issue 15: auto-reveal at the edges).
    // (A changed card shows nowhere else: give its ack a moment before the switch.)
    await card(joiner, '5').click();
    await joiner.page.waitForTimeout(500);
    await starter.app.getByText('Auto-reveal', { exact: true }).click();
    expect(await starter.app.getByRole('switch', { name: 'Auto-reveal' }).isChecked()).toBe(true);
    await joiner.app.getByText('Auto-reveal is on.').waitFor();
    await starter.app.getByTestId('results').waitFor();
    await joiner.app.getByTestId('results').getByText('Consensus').waitFor();
    await starter.page
      .locator('#poker-app')
      .screenshot({ path: join(SCREENSHOTS, 'glance-revealed.png') });
  }, 90_000);

  it('hands the room over, and the new owner runs it', async () => {
    const site = await stack.site();
    const owner = await open(site, alice.accountId);
    await createRoom(owner, 'Handover', 'PROJ-5');
    const heir = await open(site, bob.accountId);
    await joinFromList(heir, 'Handover', 'Join');
    expect(await heir.app.getByRole('button', { name: 'Reveal cards' }).count()).toBe(0);

    await owner.app.getByRole('button', { name: 'Hand over' }).click();
    const dialog = owner.app.getByRole('dialog', { name: 'Hand over the room' });
    await dialog.getByRole('radio', { name: /Bob Builder/ }).check();
    await dialog.getByRole('button', { name: 'Hand over' }).click();

    await heir.app.getByTestId('my-role').getByText('Owner').waitFor();
    await heir.app.getByRole('button', { name: 'Reveal cards' }).waitFor();
    await owner.app.getByTestId('my-role').getByText('Voting').waitFor();
    await owner.app.getByRole('button', { name: 'Observe instead' }).click();
    await owner.app.getByTestId('my-role').getByText('Observing').waitFor();
    await heir.app.getByTestId(`member-${alice.accountId}`).getByText('Observer').waitFor();
  }, 60_000);

  it('shows the connection state and resyncs what changed while the browser was offline', async () => {
    const site = await stack.site();
    const owner = await stack.client(site, alice.accountId);
    const { room } = await owner.ok('room:create', {
      name: 'Flaky wifi',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-2'],
    });
    const member = await open(site, bob.accountId);
    await joinFromList(member, 'Flaky wifi', 'Join');
    const status = member.app.getByTestId('connection-status');
    await member.app.locator('[data-testid="connection-status"][data-status="live"]').waitFor();

    await member.context.setOffline(true);
    await member.app.locator('[data-testid="connection-status"][data-status="offline"]').waitFor();
    await owner.ok('vote:cast', { roomId: room.id, value: '13' });
    await member.context.setOffline(false);

    // Back online: the socket reconnects, re-joins the room and shows what it missed.
    await member.app.locator('[data-testid="connection-status"][data-status="resynced"]').waitFor();
    expect(await status.textContent()).toBe('Resynced');
    await member.app
      .locator(`[data-testid="seat-${alice.accountId}"][data-voted="true"]`)
      .waitFor();
  }, 60_000);

  it('keeps no display name in the browser storage or cookies of the app origin', async () => {
    const site = await stack.site();
    const owner = await stack.client(site, alice.accountId);
    await owner.ok('room:create', {
      name: 'Privacy check',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1'],
    });

    const member = await open(site, bob.accountId);
    await member.app.getByTestId('room-row').getByText('Alice Admin').waitFor();
    await joinFromList(member, 'Privacy check', 'Join');
    await member.app.getByTestId(`member-${alice.accountId}`).getByText('Alice Admin').waitFor();
    await card(member, '2').click();
    await member.app.locator(`[data-testid="seat-${bob.accountId}"][data-voted="true"]`).waitFor();

    const stored = await readAppStorage(await member.appFrame());
    const cookies = await member.context.cookies(stack.server.url);
    const everything = JSON.stringify({ stored, cookies });
    for (const name of DISPLAY_NAMES) expect(everything).not.toContain(name);
    expect(stored).toEqual({ local: '', session: '', cookie: '', indexedDb: '', caches: '' });
    expect(cookies).toEqual([]);
  }, 60_000);
});
