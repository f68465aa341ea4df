import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startJiraSim, type JiraSim } from '../jira-sim';
import { SEED_USERS } from '../seed';
import { injectBridge } from './cdn';

const INDEX = `<!doctype html><html><head><meta charset="utf-8"><script type="module" src="./assets/app.js"></script></head><body><div id="root"></div></body></html>`;

describe('Forge host page and CDN', () => {
  let sim: JiraSim;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'custom-ui-'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'app.css'), 'body{}');
    sim = await startJiraSim({ forge: { customUiDir: dir } });
    sim.state.forgeInstallation = {
      remoteBaseUrl: 'http://127.0.0.1:9',
      installerAccountId: SEED_USERS.alice.accountId,
      endpoints: {},
      installedAt: 0,
    };
  });
  afterAll(() => sim.close());

  it('injects the bridge script first in <head>, before any script of the app', () => {
    const html = injectBridge(INDEX, 'BRIDGE');
    expect(html.indexOf('<script>BRIDGE</script>')).toBe(html.indexOf('<head>') + '<head>'.length);
    expect(html.indexOf('BRIDGE')).toBeLessThan(html.indexOf('type="module"'));
  });

  it('serves the Custom UI from a second origin with __bridge defined first', async () => {
    expect(new URL(sim.forge.cdnUrl).origin).not.toBe(new URL(sim.url).origin);
    const response = await fetch(`${sim.forge.cdnUrl}/index.html?hostOrigin=x`);
    const html = await response.text();
    expect(response.status).toBe(200);
    const bridge = html.indexOf('globalThis.__bridge');
    expect(bridge).toBeGreaterThan(0);
    expect(bridge).toBeLessThan(html.indexOf('<script type="module"'));
    expect((await fetch(`${sim.forge.cdnUrl}/app.css`)).status).toBe(200);
  });

  it('frames the Custom UI on /forge with the module context for the chosen person', async () => {
    const html = await (await fetch(`${sim.url}/forge?user=${SEED_USERS.bob.accountId}`)).text();
    expect(html).toContain('id="forge-app"');
    expect(html).toContain('href="/?user=');
    const config = JSON.parse(
      /<script type="application\/json" id="forge-host-config">(.*?)<\/script>/.exec(html)![1],
    );
    expect(config).toMatchObject({
      cdnUrl: sim.forge.cdnUrl,
      accountId: SEED_USERS.bob.accountId,
      context: {
        accountId: SEED_USERS.bob.accountId,
        cloudId: sim.state.cloudId,
        moduleKey: 'poker-rooms',
        extension: { type: 'jira:projectPage', project: { key: 'PROJ', id: '10000' } },
        theme: { colorMode: 'light' },
      },
    });
  });

  it('shows the issue panel with the issue context, and no panel where Gina may not browse', async () => {
    const page = async (path: string, who: keyof typeof SEED_USERS) =>
      (await fetch(`${sim.url}${path}?user=${SEED_USERS[who].accountId}`)).text();
    const issue = await page('/forge/browse/TEAM-2', 'bob');
    expect(issue).toContain('"moduleKey":"poker-issue"');
    expect(issue).toContain('"issue":{"id":"10022","key":"TEAM-2"');
    const hidden = await page('/forge/browse/TEAM-2', 'gina');
    expect(hidden).toContain("You can't view this issue");
    expect(hidden).not.toContain('id="forge-app"');
    expect(hidden).not.toContain('TEAM-1<');
    expect(await page('/forge/admin', 'alice')).toContain('"moduleKey":"poker-admin"');
  });

  it('links the Connect host page to the Forge one', async () => {
    const html = await (
      await fetch(`${sim.url}/browse/PROJ-1?user=${SEED_USERS.bob.accountId}`)
    ).text();
    expect(html).toContain(`href="/forge/browse/PROJ-1?user=${SEED_USERS.bob.accountId}"`);
  });
});
