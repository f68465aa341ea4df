import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { SEED_USERS, STORY_POINTS_FIELD } from '../../apps/jira-sim/src';
import { issueChangelog, siteRows, startForgeStack, type ForgeStack } from '../support/forge-stack';
import {
  eventually,
  launchChromium,
  openForgeAs,
  SCREENSHOTS,
  type Window,
} from './browser-driver';
import { joinFromList, submitCreateRoom } from './room-ui';

// Needs the built Custom UI (npm run build writes apps/forge/static/client): the site's CDN
// origin serves it into the Forge host page's #forge-app frame.
const { alice, bob, carol, dave, gina } = SEED_USERS;

describe('the planning poker Custom UI on the Forge host page', () => {
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

  /** A person in their own browser profile on `/forge…` of the site. */
  async function open(accountId: string, path = '/forge'): Promise<Window> {
    const window = await openForgeAs(browser, stack.site, accountId, path);
    windows.push(window);
    return window;
  }

  const card = (window: Window, value: string) =>
    window.app.getByRole('button', { name: `Card ${value}`, exact: true });
  const voted = (window: Window, accountId: string) =>
    window.app.locator(`[data-testid="seat-${accountId}"][data-voted="true"]`);
  const connection = (window: Window, status: string) =>
    window.app.locator(`[data-testid="connection-status"][data-status="${status}"]`);
  const flag = (window: Window, title: string) =>
    window.page
      .locator('#forge-flags [data-flag-type="success"]')
      .filter({ has: window.page.locator('.forge-flag-title', { hasText: title }) });

  const roomRows = async (roomId: string) =>
    stack.server.db.query(
      `SELECT (SELECT count(*) FROM room WHERE id = $1)::int AS rooms,
              (SELECT count(*) FROM room_member WHERE room_id = $1)::int AS members,
              (SELECT count(*) FROM room_issue WHERE room_id = $1)::int AS issues,
              (SELECT count(*) FROM vote WHERE room_id = $1)::int AS votes`,
      [roomId],
    );

  it('lets the site admin choose the estimate field on the admin page', async () => {
    const admin = await open(alice.accountId, '/forge/admin');
    const choices = admin.app.getByTestId('field-choices');
    await choices.getByRole('radio', { name: /Story Points/ }).check();
    await admin.app.getByRole('button', { name: 'Save' }).click();
    await admin.app.getByTestId('admin-saved').waitFor();
    await flag(admin, 'Estimate field saved').waitFor();
    const [tenant] = await stack.server.db.query(
      'SELECT default_field_id FROM tenant WHERE cloud_id = $1',
      [stack.site.state.cloudId],
    );
    expect(tenant).toEqual({ default_field_id: STORY_POINTS_FIELD });
  }, 60_000);

  it("follows Jira's dark theme", async () => {
    const window = await open(carol.accountId, '/forge?theme=dark');
    const frame = await window.appFrame();
    await frame.locator('html[data-color-mode="dark"]').waitFor({ state: 'attached' });
    await window.app.getByRole('button', { name: 'Create room' }).first().waitFor();
    expect(await frame.evaluate('getComputedStyle(document.documentElement).colorScheme')).toBe(
      'dark',
    );
    await window.page.screenshot({ path: join(SCREENSHOTS, 'forge-dark.png') });
  }, 60_000);

  it('refuses to save into an issue its owner may browse but not edit, and Jira keeps its value', async () => {
    const viewer = await open(dave.accountId);
    await submitCreateRoom(viewer, 'Read only', 'PROJ-6');
    await viewer.app.getByTestId('room').waitFor();
    await card(viewer, '3').click();
    await voted(viewer, dave.accountId).waitFor();
    await viewer.app.getByRole('button', { name: 'Reveal cards' }).click();
    // Said beside the Save button before any click, and the button is off (issue 15).
    await viewer.app
      .getByTestId('save-blocked')
      .getByText('You may not edit PROJ-6 in Jira, so its estimate cannot be saved.')
      .waitFor();
    expect(await viewer.app.getByRole('button', { name: 'Save to PROJ-6' }).isDisabled()).toBe(
      true,
    );
    expect(await viewer.app.getByTestId('error-banner').count()).toBe(0);
    expect(await viewer.app.getByTestId('saved-estimate').count()).toBe(0);
    expect(stack.site.issue('PROJ-6')?.fields[STORY_POINTS_FIELD]).toBeNull();
    expect(await issueChangelog(stack.site, alice.accountId, 'PROJ-6')).toMatchObject({
      status: 200,
      total: 0,
    });
  }, 60_000);

  it('refuses an issue its creator may not browse, and stores nothing', async () => {
    const guest = await open(gina.accountId);
    await submitCreateRoom(guest, 'Peek', 'TEAM-1');
    const banner = guest.app.getByTestId('error-banner');
    await banner.getByText('Not found in Jira, or you may not see: TEAM-1.').waitFor();
    expect(await banner.textContent()).not.toContain(
      String(stack.site.issue('TEAM-1')?.fields.summary),
    );
    const stored = await stack.server.db.query(
      `SELECT (SELECT count(*) FROM room WHERE owner_account_id = $1)::int AS rooms,
              (SELECT count(*) FROM room_member WHERE account_id = $1)::int AS members`,
      [gina.accountId],
    );
    expect(stored).toEqual([{ rooms: 0, members: 0 }]);
    await guest.page.screenshot({ path: join(SCREENSHOTS, 'forge-refused.png') });
  }, 60_000);

  it('plays a session: rooms from keys and JQL, votes, re-vote, save as the owner, remove, uninstall', async () => {
    const { site, server } = stack;
    const [{ id: tenantId }] = await server.db.query('SELECT id FROM tenant WHERE cloud_id = $1', [
      site.state.cloudId,
    ]);

    const owner = await open(alice.accountId);
    await submitCreateRoom(owner, 'Backlog', 'project = PROJ AND key in (PROJ-3, PROJ-4)');
    await owner.app.getByTestId('room').waitFor();
    // Summaries come live from Jira through requestJira, as Alice.
    await owner.app.getByText('Migrate invoices table to UUID primary keys').first().waitFor();
    await owner.app.getByRole('button', { name: 'Rooms', exact: true }).click();
    await submitCreateRoom(owner, 'Sprint 12', 'PROJ-1, PROJ-2');
    await owner.app.getByTestId('room').filter({ hasText: 'Sprint 12' }).waitFor();
    const roomId = await owner.app.getByTestId('room').getAttribute('data-room-id');
    if (!roomId) throw new Error('The room has no id');

    const voterB = await open(bob.accountId);
    await voterB.app.getByTestId('room-row').filter({ hasText: 'Backlog' }).waitFor();
    await joinFromList(voterB, 'Sprint 12');
    const voterC = await open(carol.accountId);
    await joinFromList(voterC, 'Sprint 12');
    const everyone = [owner, voterB, voterC];
    for (const window of everyone) {
      await window.app.getByTestId(`seat-${carol.accountId}`).getByText('Carol Chen').waitFor();
    }

    // Round 1: 5, 8, 3.
    await card(owner, '5').click();
    await card(voterB, '8').click();
    await card(voterC, '3').click();
    for (const window of everyone) {
      for (const voter of [alice, bob, carol]) await voted(window, voter.accountId).waitFor();
    }
    await owner.app.getByRole('button', { name: 'Reveal cards' }).click();
    for (const window of everyone) {
      await window.app.getByTestId('results').waitFor();
      expect(await window.app.getByTestId('stat-average').textContent()).toBe('5.33');
    }
    await owner.page.screenshot({ path: join(SCREENSHOTS, 'forge-revealed.png') });

    // Re-vote: round 2 starts hidden; the revealed round 1 stays on record.
    await owner.app.getByRole('button', { name: 'Re-vote' }).click();
    for (const window of everyone) {
      await window.app.getByTestId('current-issue').getByText('Round 2').waitFor();
      expect(await window.app.getByTestId('results').count()).toBe(0);
    }
    const kept = await server.db.query(
      'SELECT round, count(*)::int AS votes FROM vote WHERE room_id = $1 GROUP BY round',
      [roomId],
    );
    expect(kept).toEqual([{ round: 1, votes: 3 }]);
    for (const window of everyone) await card(window, '5').click();
    for (const voter of [alice, bob, carol]) await voted(owner, voter.accountId).waitFor();
    await owner.app.getByRole('button', { name: 'Reveal cards' }).click();
    await voterC.app.getByTestId('results').getByText('Consensus').waitFor();

    // Alice saves 5 into PROJ-1: Jira has it, its history names her, a Forge flag confirms it.
    expect(await owner.app.getByTestId('estimate-input').inputValue()).toBe('5');
    await owner.app.getByRole('button', { name: 'Save to PROJ-1' }).click();
    await owner.app.getByTestId('saved-estimate').waitFor();
    await flag(owner, 'Saved 5 to PROJ-1').waitFor();
    await voterB.app.getByText('Saved 5', { exact: true }).first().waitFor();
    expect(site.issue('PROJ-1')?.fields[STORY_POINTS_FIELD]).toBe(5);
    const history = await issueChangelog(site, bob.accountId, 'PROJ-1');
    expect(history.values?.at(-1)).toMatchObject({
      author: { accountId: alice.accountId, displayName: 'Alice Admin' },
      items: [{ fieldId: STORY_POINTS_FIELD, fromString: null, toString: '5' }],
    });
    expect(history.values?.map((entry) => entry.author.accountId)).toEqual([alice.accountId]);
    await owner.page.screenshot({ path: join(SCREENSHOTS, 'forge-saved.png') });

    // Alice removes the room: every window learns it, and none of its rows are left.
    await owner.app.getByRole('button', { name: 'Remove room' }).click();
    const confirm = owner.app.getByRole('dialog', { name: 'Remove “Sprint 12”?' });
    await confirm.getByRole('button', { name: 'Remove room' }).click();
    for (const window of everyone) await window.app.getByText('This room was removed').waitFor();
    expect(await roomRows(roomId)).toEqual([{ rooms: 0, members: 0, issues: 0, votes: 0 }]);

    // Back on the lists, live; then the site uninstalls the app (preUninstall).
    for (const window of everyone) {
      await window.app.getByRole('button', { name: 'Back to rooms' }).click();
      await window.app.getByTestId('room-row').filter({ hasText: 'Backlog' }).waitFor();
      await connection(window, 'live').waitFor();
    }
    const tenantRooms: { id: string }[] = await server.db.query(
      'SELECT id FROM room WHERE tenant_id = $1',
      [tenantId],
    );
    // Dave's room from before, and Alice's JQL room.
    expect(tenantRooms.length).toBeGreaterThanOrEqual(2);
    const uninstalled = await site.forge.uninstall();
    expect(uninstalled.status).toBe(200);
    expect(await siteRows(server, site.state.cloudId)).toBe('[]');
    const leftovers = await server.db.query(
      `SELECT (SELECT count(*) FROM tenant WHERE id = $1)::int AS tenants,
              (SELECT count(*) FROM room WHERE tenant_id = $1 OR id = ANY($2))::int AS rooms,
              (SELECT count(*) FROM room_member WHERE room_id = ANY($2))::int AS members,
              (SELECT count(*) FROM room_issue WHERE room_id = ANY($2))::int AS issues,
              (SELECT count(*) FROM vote WHERE room_id = ANY($2))::int AS votes`,
      [tenantId, tenantRooms.map((room) => room.id)],
    );
    expect(leftovers).toEqual([{ tenants: 0, rooms: 0, members: 0, issues: 0, votes: 0 }]);
    for (const window of everyone) {
      const status = window.app.getByTestId('connection-status');
      await eventually(
        async () => [await status.getAttribute('data-status'), await status.getAttribute('title')],
        // The server's disconnect, or (had the transport closed first) its refusal to reconnect.
        ([now, why]) =>
          now === 'offline' && /closed the connection|not installed on this site/.test(why ?? ''),
        'the disconnected state',
        15_000,
      );
    }
    await owner.page.screenshot({ path: join(SCREENSHOTS, 'forge-uninstalled.png') });
    // A later action fails visibly.
    await voterB.app
      .getByTestId('room-row')
      .filter({ hasText: 'Backlog' })
      .getByRole('button', { name: 'Join', exact: true })
      .click();
    await voterB.app
      .getByTestId('error-banner')
      .getByText('Not connected to the app server: it closed the connection. Reload the page.')
      .waitFor();
    expect(await voterB.app.getByTestId('room').count()).toBe(0);
  }, 120_000);
});
