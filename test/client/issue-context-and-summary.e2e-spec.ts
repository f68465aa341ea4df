import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_USERS, STORY_POINTS_FIELD, type JiraSim } from '../../apps/jira-sim/src';
import { settingsRequest } from '../support/settings-api';
import { eventually, SCREENSHOTS, type Window } from './browser-driver';
import { browserSuite } from './browser-suite';
import { submitCreateRoom } from './room-ui';

// Needs the built client (npm run build:client): the in-process server serves dist/apps/client.
const { alice, bob, carol } = SEED_USERS;

/** A description as Jira's editor writes one: a table, a panel, code, a mention, and media. */
const RICH_DESCRIPTION = {
  type: 'doc',
  version: 1,
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Pair with ' },
        // The text Jira stored is stale on purpose: the name shown must be the live one.
        { type: 'mention', attrs: { id: carol.accountId, text: '@Carol (old name)' } },
        { type: 'text', text: ' on the pipeline.' },
      ],
    },
    {
      type: 'table',
      attrs: { isNumberColumnEnabled: false, layout: 'default' },
      content: [
        {
          type: 'tableRow',
          content: [
            { type: 'tableHeader', content: [para('Stage')] },
            { type: 'tableHeader', content: [para('Runner')] },
          ],
        },
        {
          type: 'tableRow',
          content: [
            { type: 'tableCell', content: [para('Lint')] },
            { type: 'tableCell', content: [para('ubuntu-latest')] },
          ],
        },
      ],
    },
    { type: 'panel', attrs: { panelType: 'warning' }, content: [para('Secrets stay in CI.')] },
    {
      type: 'codeBlock',
      attrs: { language: 'yaml' },
      content: [{ type: 'text', text: 'on: [push]' }],
    },
    {
      type: 'mediaSingle',
      attrs: { layout: 'center' },
      content: [{ type: 'media', attrs: { id: 'f00d', type: 'file', collection: 'c' } }],
    },
  ],
};

function para(text: string) {
  return { type: 'paragraph', content: [{ type: 'text', text }] };
}

describe('the current issue’s context and the session summary in the browser', () => {
  const suite = browserSuite();

  const open = (site: JiraSim, accountId: string, path = '/'): Promise<Window> =>
    suite.open(site, accountId, path);

  async function setDefaultField(site: JiraSim): Promise<void> {
    const response = await settingsRequest(suite.stack.server.url, site, alice.accountId, {
      fieldId: STORY_POINTS_FIELD,
    });
    expect(response.status).toBe(200);
  }

  function simIssue(site: JiraSim, key: string) {
    const issue = site.issue(key);
    if (!issue) throw new Error(`The simulator has no ${key}`);
    return issue;
  }

  /** The name the simulator gives the issue's type and status, as Jira's JSON would show them. */
  function typeAndStatus(site: JiraSim, key: string): { type: string; status: string } {
    const { fields } = simIssue(site, key);
    const type = site.state.issueTypes.find((each) => each.id === fields.issuetype);
    const status = site.state.statuses.find((each) => each.id === fields.status);
    if (!type || !status) throw new Error(`${key} has no type or status in the simulator`);
    return { type: type.name, status: status.name };
  }

  const card = (window: Window, value: string) =>
    window.app.getByRole('button', { name: `Card ${value}`, exact: true });

  async function revealWithVote(owner: Window, value: string): Promise<void> {
    await card(owner, value).click();
    await owner.app.locator(`[data-testid="seat-${alice.accountId}"][data-voted="true"]`).waitFor();
    await owner.app.getByRole('button', { name: 'Reveal cards' }).click();
    await owner.app.getByTestId('results').waitFor();
  }

  it('shows type, status, assignee, estimate, parent, sub-tasks and the rich description, and reads the summary again when a round starts', async () => {
    const site = await suite.stack.site();
    await setDefaultField(site);
    simIssue(site, 'PROJ-1').fields.description = RICH_DESCRIPTION;
    simIssue(site, 'PROJ-1').fields[STORY_POINTS_FIELD] = 8;
    const owner = await open(site, alice.accountId);
    const searches: string[] = [];
    owner.page.on('request', (request) => {
      if (request.url().includes('/rest/api/3/search/jql')) searches.push(request.url());
    });
    await submitCreateRoom(owner, 'Context', 'PROJ-1, PROJ-15');
    const current = owner.app.getByTestId('current-issue');
    const context = current.getByTestId('issue-context');
    await context.waitFor();

    const expected = typeAndStatus(site, 'PROJ-1');
    await context.getByTestId('issue-type').getByText(expected.type).waitFor();
    await context.getByTestId('issue-status').getByText(expected.status).waitFor();
    await context.getByTestId('issue-assignee').getByText('Bob Builder').waitFor();
    await owner.app.getByTestId('jira-estimate').getByText('8', { exact: true }).waitFor();
    await context.getByText('in Story Points').waitFor();
    const subtasks = context.getByTestId('issue-subtasks');
    await subtasks.getByText('Write the CI workflow file').waitFor();
    await subtasks.getByText('Cache dependencies between CI runs').waitFor();
    expect(await subtasks.locator('.issue-key').allTextContents()).toEqual(['PROJ-17', 'PROJ-18']);

    // The description as Jira draws it; what cannot be drawn says so.
    const description = current.getByRole('region', { name: 'Description' });
    await description.getByRole('cell', { name: 'ubuntu-latest' }).waitFor();
    expect(await description.getByRole('columnheader').allTextContents()).toEqual([
      'Stage',
      'Runner',
    ]);
    await description.getByRole('note', { name: 'Warning panel' }).getByText('Secrets').waitFor();
    await description.locator('figcaption').getByText('yaml').waitFor();
    await description.locator('pre').getByText('on: [push]').waitFor();
    await description.getByText('@Carol Chen').waitFor();
    await description.getByText('[unsupported content: mediaSingle]').waitFor();

    // "Open in Jira" leaves the app's frame for the issue's page on the Jira site.
    const link = current.getByRole('link', { name: 'Open in Jira' });
    const siteOrigin = site.url.replace('127.0.0.1', 'localhost');
    expect(await link.getAttribute('href')).toBe(`${siteOrigin}/browse/PROJ-1`);
    expect(await link.getAttribute('target')).toBe('_top');
    await owner.page.screenshot({ path: join(SCREENSHOTS, 'issue-context.png') });

    // The summary changes in Jira; the next round reads it again.
    simIssue(site, 'PROJ-1').fields.summary = 'Set up CI for checkout and payments';
    await revealWithVote(owner, '5');
    await owner.app.getByRole('button', { name: 'Re-vote' }).click();
    await owner.app
      .getByTestId('current-summary')
      .getByText('Set up CI for checkout and payments')
      .waitFor();

    // A sub-task shows its parent.
    await owner.app.getByRole('button', { name: /^PROJ-15 / }).click();
    const parent = owner.app.getByTestId('issue-parent');
    await parent.getByText('PROJ-2').waitFor();
    await parent.getByText('Add password reset by email').waitFor();
    // Every look-up went through the batched search, never one GET per issue.
    expect(searches.length).toBeGreaterThan(0);
  }, 120_000);

  it('lets the owner download the session’s estimates as CSV and copy them as a table', async () => {
    const site = await suite.stack.site();
    await setDefaultField(site);
    simIssue(site, 'PROJ-4').fields.summary = '=HYPERLINK("http://evil"), "quoted"';
    const owner = await open(site, alice.accountId);
    const serverBodies: string[] = [];
    owner.page.on('request', (request) => {
      const body = request.postData();
      if (request.url().startsWith(suite.stack.server.url) && body) serverBodies.push(body);
    });
    await submitCreateRoom(owner, 'Summary', 'PROJ-3, PROJ-4');
    await owner.app.getByTestId('room').waitFor();
    await revealWithVote(owner, '5');
    await owner.app.getByRole('button', { name: 'Save to PROJ-3' }).click();
    await owner.app.getByTestId('saved-estimate').waitFor();
    const summary = owner.app.getByRole('region', { name: 'Session summary' });
    await summary.getByText('1 of 2 saved').waitFor();
    // The queue has read both summaries by now; the CSV takes them from the same look-up.
    await owner.app.getByText('HYPERLINK').first().waitFor();

    const [download] = await Promise.all([
      owner.page.waitForEvent('download'),
      summary.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('summary-estimates.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toBe(
      '\uFEFFIssue key,Summary,Saved value,Rounds,Consensus\r\n' +
        `PROJ-3,Migrate invoices table to UUID primary keys,5,1,yes\r\n` +
        `PROJ-4,"'=HYPERLINK(""http://evil""), ""quoted""",,,\r\n`,
    );

    await owner.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await summary.getByRole('button', { name: 'Copy table' }).click();
    await summary.getByTestId('summary-status').getByText('Copied 2 issues as a table.').waitFor();
    // Read back in the top page (the app's frame is cross-origin, as in Jira).
    const pasted = await owner.page.evaluate('navigator.clipboard.readText()');
    expect(pasted).toBe(
      'Issue key\tSummary\tSaved value\tRounds\tConsensus\n' +
        'PROJ-3\tMigrate invoices table to UUID primary keys\t5\t1\tyes\n' +
        `PROJ-4\t'=HYPERLINK("http://evil"), "quoted"\t\t\t\n`,
    );
    // Summaries are read in the browser and never sent to our server.
    expect(serverBodies.filter((body) => body.includes('Migrate invoices'))).toEqual([]);
  }, 120_000);

  it('lets a Jira admin give a project its own field and export the data; others only read', async () => {
    const site = await suite.stack.site();
    const admin = await open(site, alice.accountId, '/admin');
    const serverBodies: { url: string; method: string; body: string | null }[] = [];
    admin.page.on('request', (request) => {
      if (request.url().startsWith(`${suite.stack.server.url}/api/settings/projects`)) {
        serverBodies.push({
          url: request.url(),
          method: request.method(),
          body: request.postData(),
        });
      }
    });
    const form = admin.app.getByRole('form', { name: 'Set a project’s field' });
    await form.getByLabel('Project key').fill('team');
    // Story Points is not on TEAM's edit screen: the picker says so beside its name (issue 15).
    const picker = form.getByLabel('Estimate field');
    await eventually(
      () => picker.locator(`option[value="${STORY_POINTS_FIELD}"]`).textContent(),
      (text) => text === `Story Points (${STORY_POINTS_FIELD}) — not on TEAM’s edit screen`,
      'the field marked off TEAM’s screen',
    );
    await picker.selectOption(STORY_POINTS_FIELD);
    await form.getByRole('button', { name: 'Set project field' }).click();
    const row = admin.app.getByTestId('project-field-TEAM');
    await row.getByText('Story Points').waitFor();
    await row.getByText('Team Falcon').waitFor();
    await row
      .getByTestId('field-screen-warning')
      .getByText(/not on TEAM’s edit screen/)
      .waitFor();
    expect(serverBodies).toEqual([
      {
        url: `${suite.stack.server.url}/api/settings/projects/TEAM`,
        method: 'PUT',
        body: `{"fieldId":"${STORY_POINTS_FIELD}"}`,
      },
    ]);
    const settings = await settingsRequest(suite.stack.server.url, site, bob.accountId);
    expect(await settings.json()).toMatchObject({
      projectFields: { TEAM: STORY_POINTS_FIELD },
    });
    await admin.page.screenshot({ path: join(SCREENSHOTS, 'admin-project-fields.png') });

    const [download] = await Promise.all([
      admin.page.waitForEvent('download'),
      admin.app.getByRole('button', { name: 'Export our data' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('planning-poker-export.json');
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(exported.installation.clientKey).toBe(site.clientKey);

    // Someone who is not a Jira admin sees the overrides but cannot change them or export.
    const viewer = await open(site, bob.accountId, '/admin');
    await viewer.app.getByTestId('project-field-TEAM').getByText('Story Points').waitFor();
    expect(await viewer.app.getByRole('button', { name: /Remove/ }).count()).toBe(0);
    expect(await viewer.app.getByRole('form', { name: 'Set a project’s field' }).count()).toBe(0);
    expect(await viewer.app.getByRole('button', { name: 'Export our data' }).count()).toBe(0);

    // Removing the override sends only the key.
    await admin.app.getByRole('button', { name: 'Remove TEAM' }).click();
    await admin.app.getByText('No project has its own field.').waitFor();
    expect(serverBodies.at(-1)).toEqual({
      url: `${suite.stack.server.url}/api/settings/projects/TEAM`,
      method: 'DELETE',
      body: null,
    });
  }, 120_000);
});
