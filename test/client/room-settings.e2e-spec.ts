import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  SEED_USERS,
  STORY_POINTS_FIELD,
  STORY_POINT_ESTIMATE_FIELD,
  type JiraSim,
} from '../../apps/jira-sim/src';
import { startStack, type Stack } from '../support/stack';
import { eventually, launchChromium, openAs, type Window } from './browser-driver';
import { joinFromList, submitCreateRoom } from './room-ui';

// Needs the built client (npm run build:client): the in-process server serves dist/apps/client.
const { alice, bob } = SEED_USERS;
/** Screenshots the docs show (committed, unlike test-output/). */
const DOC_SCREENSHOTS = join(process.cwd(), 'docs', 'screenshots');
/** A number field on no project's edit screen in the simulator. */
const BUSINESS_VALUE_FIELD = 'customfield_10050';

describe('room settings in the browser (issue 15 points 4 and 7)', () => {
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
    const window = await openAs(browser, site, accountId, '/', { width: 1280, height: 900 });
    windows.push(window);
    return window;
  }

  const card = (window: Window, value: string) =>
    window.app.getByRole('button', { name: `Card ${value}`, exact: true });
  const settings = (window: Window) => window.app.getByRole('dialog', { name: 'Room settings' });
  const openSettings = async (window: Window) => {
    await window.app.getByTestId('open-settings').click();
    await settings(window).waitFor();
    return settings(window);
  };

  it('a facilitator changes the settings in the room; a member sees them read-only; anonymous rounds, history, auto-advance and a field fixed in the room', async () => {
    const site = await stack.site();
    const owner = await open(site, alice.accountId);
    // The create dialog's field picker checks the typed issues' project: a field missing from
    // PROJ's edit screen is marked there too.
    await owner.app.getByRole('button', { name: 'Create room' }).first().click();
    const create = owner.app.getByRole('dialog', { name: 'Create room' });
    await create.getByLabel('Issues').fill('PROJ-3, PROJ-4');
    await eventually(
      () => create.locator(`option[value="${BUSINESS_VALUE_FIELD}"]`).textContent(),
      (text) => text === 'Business Value (not on PROJ’s edit screen)',
      'the create dialog marking the off-screen field',
    );
    await create.getByRole('button', { name: 'Cancel' }).click();
    await submitCreateRoom(owner, 'Refinement', 'PROJ-3, PROJ-4');
    await owner.app.getByTestId('room').waitFor();
    const member = await open(site, bob.accountId);
    await joinFromList(member, 'Refinement');

    // Round 1 on Fibonacci, revealed with names.
    await card(owner, '5').click();
    await card(member, '8').click();
    await owner.app.getByRole('button', { name: 'Reveal cards' }).click();
    await owner.app.getByTestId('results').waitFor();

    // Between rounds the facilitator renames, switches to T-shirt cards worth numbers, reveals
    // anonymously, suggests the average at the nearest card, and picks a field. The timer is
    // checked beside its field first.
    let dialog = await openSettings(owner);
    await dialog.getByLabel('Name', { exact: true }).fill('Refinement (sizes)');
    await dialog.getByLabel('Deck', { exact: true }).selectOption('custom');
    await dialog.getByLabel('Cards', { exact: true }).fill('S=1, M=3, L=5, ?');
    expect(await dialog.getByTestId('deck-warning').count()).toBe(0);
    await dialog.getByLabel('Suggested value').selectOption('average-nearest');
    // A person clicks the switch's label (the drawn track covers the checkbox).
    await dialog.getByText('Anonymous reveal: who voted what stays hidden').click();
    expect(await dialog.getByRole('switch', { name: /Anonymous reveal/ }).isChecked()).toBe(true);
    // Fields by name; one missing from PROJ's edit screen says so.
    const fieldPicker = dialog.getByLabel('Estimate field');
    await eventually(
      () => fieldPicker.locator(`option[value="${STORY_POINT_ESTIMATE_FIELD}"]`).textContent(),
      (text) => text === 'Story point estimate (not on PROJ’s edit screen)',
      'the off-screen field marked',
    );
    expect(await fieldPicker.locator(`option[value="${STORY_POINTS_FIELD}"]`).textContent()).toBe(
      'Story Points',
    );
    await fieldPicker.selectOption(STORY_POINT_ESTIMATE_FIELD);
    await dialog.getByTestId('field-screen-warning').waitFor();
    await dialog.getByLabel('Timer length (seconds)').fill('2');
    await dialog.getByTestId('settings-save').click();
    await dialog
      .getByTestId('field-error')
      .getByText(/5 seconds to an hour/)
      .waitFor();
    expect(await dialog.getByText(/too_small|expected/i).count()).toBe(0);
    await owner.page.screenshot({ path: join(DOC_SCREENSHOTS, 'room-settings.png') });
    await dialog.getByLabel('Timer length (seconds)').fill('90');
    await dialog.getByTestId('settings-save').click();
    await dialog.waitFor({ state: 'detached' });
    await owner.app.getByRole('heading', { name: 'Refinement (sizes)' }).waitFor();

    // The member sees the same settings, read-only.
    await member.app.getByRole('heading', { name: 'Refinement (sizes)' }).waitFor();
    // Before anyone votes, the table says the cards will be revealed without names.
    await member.app.getByTestId('anonymous-badge').waitFor();
    dialog = await openSettings(member);
    await dialog.getByTestId('settings-read-only').waitFor();
    expect(await dialog.getByLabel('Name', { exact: true }).inputValue()).toBe(
      'Refinement (sizes)',
    );
    expect(await dialog.getByLabel('Name', { exact: true }).isDisabled()).toBe(true);
    expect(await dialog.getByLabel('Cards', { exact: true }).inputValue()).toBe('S=1, M=3, L=5, ?');
    expect(await dialog.getByLabel('Timer length (seconds)').inputValue()).toBe('90');
    expect(await dialog.getByRole('switch', { name: /Anonymous reveal/ }).isChecked()).toBe(true);
    expect(await dialog.getByTestId('settings-save').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Round 2 with the new cards. A deck change now would drop the card played: the dialog
    // says so before anyone confirms (and nothing changes on Cancel).
    await owner.app.getByRole('button', { name: 'Re-vote' }).click();
    await card(member, 'L').click();
    await eventually(
      () => owner.app.getByTestId('vote-progress').textContent(),
      (text) => text === '1 of 2 voted',
      'the member’s card',
    );
    dialog = await openSettings(owner);
    await dialog.getByLabel('Deck', { exact: true }).selectOption('fibonacci');
    await dialog
      .getByTestId('deck-warning')
      .getByText(/drops the 1 card/)
      .waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await card(owner, 'S').click();
    await owner.app.getByRole('button', { name: 'Reveal cards' }).click();

    // Revealed anonymously: the cards without names, nobody's value at their seat.
    for (const window of [owner, member]) {
      const cards = window.app.getByTestId('anonymous-cards');
      await eventually(
        () => cards.textContent(),
        (text) => text === 'SL',
        'anonymous cards',
      );
      expect(await window.app.locator('.seats .table-card--face').count()).toBe(0);
      expect(await window.app.locator('[data-testid="distribution"] .person').count()).toBe(0);
      expect(await window.app.getByTestId('outliers').count()).toBe(0);
      // Round 1, the earlier round, is history with its cards and statistics.
      const history = window.app.getByTestId('history-round-1');
      await history.waitFor();
      expect(await history.textContent()).toMatch(/Average 6\.5/);
    }
    await owner.page.screenshot({ path: join(DOC_SCREENSHOTS, 'anonymous-reveal.png') });
    // Average of S=1 and L=5 is 3: M, suggested and pre-filled in the save box.
    expect(await owner.app.getByTestId('stat-average').textContent()).toBe('3');
    expect(await owner.app.getByTestId('stat-suggested').textContent()).toBe('M');
    expect(await owner.app.getByTestId('estimate-input').inputValue()).toBe('3');

    // The chosen field is not on PROJ's edit screen: Save says so before any click (it would
    // fail in Jira), and the field is fixed in the room.
    await owner.app
      .getByTestId('save-blocked')
      .getByText(/not on the edit screen/)
      .waitFor();
    expect(await owner.app.getByRole('button', { name: 'Save to PROJ-3' }).isDisabled()).toBe(true);
    await owner.app.getByTestId('fix-field').click();
    dialog = settings(owner);
    await dialog.waitFor();
    await dialog.getByLabel('Estimate field').selectOption(STORY_POINTS_FIELD);
    expect(await dialog.getByTestId('field-screen-warning').count()).toBe(0);
    await dialog.getByTestId('settings-save').click();
    await dialog.waitFor({ state: 'detached' });

    // Auto-advance from the switch beside the save: the save moves the room on.
    const advance = owner.app.getByRole('switch', { name: 'Next issue after saving' });
    await owner.app.getByText('Next issue after saving', { exact: true }).click();
    await eventually(() => advance.isEnabled(), Boolean, 'the switch confirmed');
    expect(await advance.isChecked()).toBe(true);
    await owner.app.getByRole('button', { name: 'Save to PROJ-3' }).click();
    await owner.app.locator('[data-testid="queue-item-PROJ-4"] [aria-current="true"]').waitFor();
    await member.app.locator('[data-testid="queue-item-PROJ-4"] [aria-current="true"]').waitFor();
    expect(site.issue('PROJ-3')?.fields[STORY_POINTS_FIELD]).toBe(3);
  });
});
