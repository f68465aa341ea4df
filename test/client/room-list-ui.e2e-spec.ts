import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { SEED_USERS, STORY_POINTS_FIELD } from '../../apps/jira-sim/src';
import { startForgeStack, type ForgeStack } from '../support/forge-stack';
import { settingsRequest } from '../support/settings-api';
import { startStack, type Stack } from '../support/stack';
import {
  eventually,
  launchChromium,
  openAs,
  openForgeAs,
  SCREENSHOTS,
  type Window,
} from './browser-driver';

// Needs the built client and Custom UI (npm run build).
const { alice, bob, carol, dave } = SEED_USERS;

/** A link the app handed out, opened as `accountId` (whoever opens it picks who they are). */
function asPerson(link: string, accountId: string): string {
  const url = new URL(link);
  url.searchParams.set('user', accountId);
  return url.toString();
}

describe('the room list and room links in the browser', () => {
  let stack: Stack;
  let forge: ForgeStack;
  let browser: Browser;
  const windows: Window[] = [];

  beforeAll(async () => {
    [stack, forge, browser] = await Promise.all([
      startStack(),
      startForgeStack(),
      launchChromium(),
    ]);
  });
  afterEach(async () => {
    await Promise.all(windows.splice(0).map((window) => window.context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([stack?.close(), forge?.close()]);
  });

  const row = (window: Window, name: string) =>
    window.app.getByTestId('room-row').filter({ hasText: name });

  it('shows a new room without a refresh, finds it by issue key, links to it, and keeps it across a reload', async () => {
    const site = await stack.site();
    const saved = await settingsRequest(stack.server.url, site, alice.accountId, {
      fieldId: STORY_POINTS_FIELD,
    });
    expect(saved.status).toBe(200);

    const watcher = await openAs(browser, site, bob.accountId);
    windows.push(watcher);
    await watcher.app.getByText('No rooms yet').waitFor();

    // Alice creates rooms elsewhere (her own socket): they appear in Bob's list as they are made.
    const owner = await stack.client(site, alice.accountId);
    const { room } = await owner.ok('room:create', {
      name: 'Sprint 12',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-3', 'PROJ-4'],
    });
    await owner.ok('room:create', {
      name: 'Design review',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-5'],
    });
    await row(watcher, 'Sprint 12').waitFor();
    await row(watcher, 'Design review').waitFor();
    await eventually(
      () => row(watcher, 'Sprint 12').getByTestId('online-count').textContent(),
      (text) => text?.replace(/\s/g, '') === '1/1',
      'one of one member online',
    );
    expect(await row(watcher, 'Sprint 12').getByRole('button', { name: 'Join' }).count()).toBe(1);

    // Search: by issue key (the server knows which rooms hold it), by name, and nothing.
    const search = watcher.app.getByRole('searchbox', { name: /Search rooms/ });
    await search.fill('proj-5');
    await eventually(
      () => watcher.app.getByTestId('room-row').allTextContents(),
      (rows) => rows.length === 1 && rows[0].includes('Design review'),
      'only the room holding PROJ-5',
    );
    await search.fill('sprint');
    await eventually(
      () => watcher.app.getByTestId('room-row').allTextContents(),
      (rows) => rows.length === 1 && rows[0].includes('Sprint 12'),
      'only Sprint 12',
    );
    await search.fill('retro');
    await watcher.app.getByTestId('no-room-matches').waitFor();
    await search.fill('');

    // Bob joins; his list would now say Open. The room's link, and a reload that stays.
    await row(watcher, 'Sprint 12').getByRole('button', { name: 'Join', exact: true }).click();
    await watcher.app.getByTestId('room').waitFor();
    await eventually(
      () => new URL(watcher.page.url()).searchParams.get('roomId'),
      (roomId) => roomId === room.id,
      'the room in the host page URL',
    );
    await watcher.page.reload();
    await watcher.app.locator(`[data-testid="room"][data-room-id="${room.id}"]`).waitFor();

    await watcher.app.getByRole('button', { name: 'Copy link' }).click();
    const link = await watcher.app.getByTestId('room-link').inputValue();
    expect(new URL(link).searchParams.get('roomId')).toBe(room.id);
    expect(link).not.toContain(bob.accountId);
    await watcher.page.screenshot({ path: join(SCREENSHOTS, 'room-link.png') });

    const guest = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const guestPage = await guest.newPage();
    await guestPage.goto(asPerson(link.replace('127.0.0.1', 'localhost'), carol.accountId));
    const guestApp = guestPage.frameLocator('#poker-app');
    await guestApp.locator(`[data-testid="room"][data-room-id="${room.id}"]`).waitFor();
    await guestApp.getByTestId(`seat-${bob.accountId}`).waitFor();
    await guest.close();

    // A member's rows say Open (and come first); a stranger's say Join.
    const member = await openAs(browser, site, bob.accountId);
    windows.push(member);
    await row(member, 'Sprint 12').getByRole('button', { name: 'Open', exact: true }).waitFor();
    const names = await member.app.getByTestId('room-row').allTextContents();
    expect(names[0]).toContain('Sprint 12');
    await member.page.screenshot({ path: join(SCREENSHOTS, 'room-list-live.png') });

    // Saved from the room: the issue's glance lists the room holding it, with the estimate.
    await owner.ok('issue:select', { roomId: room.id, issueKey: 'PROJ-3' });
    await owner.ok('vote:cast', { roomId: room.id, value: '5' });
    await owner.ok('vote:reveal', { roomId: room.id });
    await owner.ok('estimate:save', { roomId: room.id, issueKey: 'PROJ-3', value: 5 });
    const glance = await openAs(browser, site, dave.accountId, '/browse/PROJ-3');
    windows.push(glance);
    const holding = glance.app.getByTestId('glance-room').filter({ hasText: 'Sprint 12' });
    await holding.getByText('Saved estimate: 5').waitFor();
    expect(await glance.app.getByTestId('glance-room').count()).toBe(1);
    expect(await glance.app.getByRole('button', { name: 'Start estimating' }).count()).toBe(0);
    // Dave is not in the room: the saved estimate, not the round's result.
    expect(await holding.getByTestId('glance-last-result').count()).toBe(0);
    await glance.page
      .locator('#poker-app')
      .screenshot({ path: join(SCREENSHOTS, 'glance-rooms.png') });
  }, 120_000);

  it('opens a room from its Forge route and stays in it across a reload', async () => {
    const owner = await forge.client(alice.accountId);
    const { room } = await owner.ok('room:create', {
      name: 'Forge planning',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1'],
    });
    const member = await openForgeAs(browser, forge.site, bob.accountId);
    windows.push(member);
    await member.app
      .getByTestId('room-row')
      .filter({ hasText: 'Forge planning' })
      .getByRole('button', { name: 'Join', exact: true })
      .click();
    await member.app.getByTestId('room').waitFor();
    // The Custom UI's route is in the Jira page's URL, as Jira keeps it.
    await eventually(
      () => new URL(member.page.url()).pathname,
      (path) => path === `/forge/projects/PROJ/room/${room.id}`,
      'the route in the page URL',
    );
    await member.page.reload();
    await member.app.locator(`[data-testid="room"][data-room-id="${room.id}"]`).waitFor();

    await member.app.getByRole('button', { name: 'Copy link' }).click();
    const link = await member.app.getByTestId('room-link').inputValue();
    expect(new URL(link).pathname).toBe(`/forge/projects/PROJ/room/${room.id}`);
    const guest = await openForgeAs(
      browser,
      forge.site,
      carol.accountId,
      `/forge/projects/PROJ/room/${room.id}`,
    );
    windows.push(guest);
    await guest.app.locator(`[data-testid="room"][data-room-id="${room.id}"]`).waitFor();

    // Back to the list: the route follows.
    await member.app.getByRole('button', { name: 'Rooms', exact: true }).click();
    await eventually(
      () => new URL(member.page.url()).pathname,
      (path) => path === '/forge/projects/PROJ',
      'the list route',
    );
  }, 90_000);
});
