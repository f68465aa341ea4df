import { SEED_USERS, type JiraSim } from '../../apps/jira-sim/src';
import { eventually, type Window } from './browser-driver';
import { browserSuite } from './browser-suite';
import { joinFromList, submitCreateRoom } from './room-ui';

// Needs the built client (npm run build:client). Keys type a card's value (1 then 3 is 13),
// Backspace withdraws, Shift+R / Shift+V / Shift+N reveal, re-vote and go to the next issue.
const { alice, bob } = SEED_USERS;
/** A little longer than the client's typing window (card-typing.ts, 700 ms). */
const AFTER_WINDOW_MS = 1_000;

describe('the room by keyboard', () => {
  const suite = browserSuite();
  const open = (site: JiraSim, accountId: string) => suite.open(site, accountId);

  const card = (window: Window, value: string) =>
    window.app.getByRole('button', { name: `Card ${value}`, exact: true });
  /** The card that is raised in this window, or null. */
  const raised = async (window: Window) => {
    const pressed = window.app.locator('[data-testid="deck"] [aria-pressed="true"]');
    return (await pressed.count()) === 0 ? null : pressed.getAttribute('data-card');
  };
  const expectRaised = (window: Window, value: string | null) =>
    eventually(
      () => raised(window),
      (now) => now === value,
      `card ${value} raised`,
    );
  const seatVoted = (window: Window, accountId: string) =>
    window.app.getByTestId(`seat-${accountId}`).getAttribute('data-voted');
  /** Keys go to the page, not to a field: click somewhere neutral first. */
  const focusPage = (window: Window) => window.app.getByTestId('current-issue').click();

  async function roomWithVoter(site: JiraSim, name: string, issues: string) {
    const owner = await open(site, alice.accountId);
    await submitCreateRoom(owner, name, issues);
    await owner.app.getByTestId('room').waitFor();
    const voter = await open(site, bob.accountId);
    await joinFromList(voter, name);
    await focusPage(voter);
    return { owner, voter };
  }

  it('types card values on Fibonacci: 3 is the card 3, 1 then 3 is 13, 0 is the 0 card, Backspace withdraws', async () => {
    const site = await suite.stack.site();
    const { owner, voter } = await roomWithVoter(site, 'Typed values', 'PROJ-3, PROJ-4');
    const keys = voter.page.keyboard;

    // The issue's complaint: 3 voted the third card (2). Now it is the card 3.
    await keys.press('3');
    await expectRaised(voter, '3');
    await keys.press('1');
    await keys.press('3');
    await expectRaised(voter, '13');
    // 1 alone waits for a possible 13, then picks 1.
    await keys.press('1');
    await eventually(
      () => voter.app.getByTestId('deck-hint').textContent(),
      (hint) => hint === 'Typed 1…',
      'the typed 1 shown while 13 may follow',
    );
    await voter.page.waitForTimeout(AFTER_WINDOW_MS);
    await expectRaised(voter, '1');
    await keys.press('0');
    await expectRaised(voter, '0');
    // Cards past the ninth: 89 and ?.
    await keys.press('8');
    await keys.press('9');
    await expectRaised(voter, '89');
    await keys.press('?');
    await expectRaised(voter, '?');
    await eventually(
      () => seatVoted(owner, bob.accountId),
      (voted) => voted === 'true',
      'the vote at the owner',
    );

    await keys.press('Backspace');
    await expectRaised(voter, null);
    await eventually(
      () => seatVoted(owner, bob.accountId),
      (voted) => voted === 'false',
      'the vote withdrawn at the owner',
    );
    expect(
      await voter.app.getByRole('group', { name: 'Cards' }).getAttribute('aria-keyshortcuts'),
    ).toBe('Backspace Delete');
    expect(await card(voter, '5').getAttribute('aria-keyshortcuts')).toBe('5');
  }, 60_000);

  it('ignores keys while typing in a field', async () => {
    const site = await suite.stack.site();
    const { owner } = await roomWithVoter(site, 'Typing elsewhere', 'PROJ-3');
    await owner.app.getByLabel('Add issues by key or JQL').fill('');
    await owner.app.getByLabel('Add issues by key or JQL').pressSequentially('13');
    await owner.page.waitForTimeout(AFTER_WINDOW_MS);
    expect(await raised(owner)).toBeNull();
    expect(await owner.app.getByLabel('Add issues by key or JQL').inputValue()).toBe('13');
  }, 60_000);

  it('types T-shirt sizes with letters', async () => {
    const site = await suite.stack.site();
    const owner = await open(site, alice.accountId);
    await owner.app.getByRole('button', { name: 'Create room' }).first().click();
    const dialog = owner.app.getByRole('dialog', { name: 'Create room' });
    await dialog.getByLabel('Name').fill('Sizes');
    await dialog.getByLabel('Deck').selectOption({ label: 'T-shirt sizes' });
    await dialog.getByLabel('Issues').fill('PROJ-3');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await owner.app.getByTestId('deck').waitFor();
    await focusPage(owner);
    await owner.page.keyboard.press('m');
    await expectRaised(owner, 'M');
    await owner.page.keyboard.press('x');
    await owner.page.keyboard.press('l');
    await expectRaised(owner, 'XL');
  }, 60_000);

  it('reveals, re-votes and moves on with shortcuts the buttons announce, for the owner only', async () => {
    const site = await suite.stack.site();
    const { owner, voter } = await roomWithVoter(site, 'Shortcuts', 'PROJ-3, PROJ-4');
    const reveal = owner.app.getByRole('button', { name: 'Reveal cards' });
    expect(await reveal.getAttribute('aria-keyshortcuts')).toBe('Shift+R');
    expect(await reveal.textContent()).toContain('⇧R');

    await voter.page.keyboard.press('5');
    await expectRaised(voter, '5');
    // A voter's Shift+R does nothing: only the owner reveals.
    await voter.page.keyboard.press('Shift+R');
    await voter.page.waitForTimeout(500);
    expect(await voter.app.getByTestId('results').count()).toBe(0);

    await focusPage(owner);
    await owner.page.keyboard.press('Shift+R');
    await voter.app.getByTestId('results').waitFor();
    const revote = owner.app.getByRole('button', { name: 'Re-vote' });
    expect(await revote.getAttribute('aria-keyshortcuts')).toBe('Shift+V');
    await owner.page.keyboard.press('Shift+V');
    await eventually(
      () => voter.app.getByTestId('results').count(),
      (count) => count === 0,
      'the re-vote',
    );

    // A shortcut acts only while its button is on screen: wait for the owner's view of the re-vote.
    await reveal.waitFor();
    await owner.page.keyboard.press('Shift+R');
    await owner.app.getByTestId('results').waitFor();
    const next = owner.app.getByRole('button', { name: /Next: PROJ-4/ });
    expect(await next.getAttribute('aria-keyshortcuts')).toBe('Shift+N');
    await owner.page.keyboard.press('Shift+N');
    await eventually(
      () => voter.app.getByTestId('live-announcer').textContent(),
      (text) => text === '0 of 2 voted on PROJ-4.',
      'the next issue',
    );
  }, 60_000);

  it('keeps focus inside a dialog, closes it with Escape and gives focus back to its button', async () => {
    const site = await suite.stack.site();
    const owner = await open(site, alice.accountId);
    await submitCreateRoom(owner, 'Trapped', 'PROJ-3');
    await owner.app.getByTestId('room').waitFor();
    const frame = await owner.appFrame();

    const opener = owner.app.getByRole('button', { name: 'Remove room' });
    await opener.focus();
    await owner.page.keyboard.press('Enter');
    const dialog = owner.app.getByRole('dialog', { name: 'Remove “Trapped”?' });
    await dialog.waitFor();
    expect(await frame.evaluate('document.activeElement.textContent')).toBe('Cancel');
    expect(await frame.evaluate(`document.querySelector('dialog').matches(':modal')`)).toBe(true);
    for (let step = 0; step < 6; step++) {
      await owner.page.keyboard.press('Tab');
      expect(await frame.evaluate(`!!document.activeElement.closest('dialog')`)).toBe(true);
    }
    // A card key does not vote behind the dialog.
    await owner.page.keyboard.press('5');
    await owner.page.waitForTimeout(AFTER_WINDOW_MS);
    expect(await raised(owner)).toBeNull();

    await owner.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await frame.evaluate('document.activeElement.textContent')).toBe('Remove room');
    await owner.app.getByTestId('room').waitFor();
  }, 60_000);
});
