import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SEED_USERS,
  STORY_POINTS_FIELD,
  startJiraSim,
  type JiraSim,
} from '../../apps/jira-sim/src';

const { alice } = SEED_USERS;

/** Jira's issue edit and property calls as Alice (the host page's signed-in person). */
async function asAlice(site: JiraSim, method: 'PUT' | 'GET', path: string, body?: object) {
  return fetch(`${site.url}${path}`, {
    method,
    headers: {
      Cookie: `sim_user=${encodeURIComponent(alice.accountId)}`,
      'Content-Type': 'application/json',
    },
    body: body ? JSON.stringify(body) : undefined,
  });
}

describe("the demo's simulated site keeps its state across a restart", () => {
  let dir: string;
  const sites: JiraSim[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sim-state-'));
  });
  afterEach(async () => {
    await Promise.all(sites.splice(0).map((site) => site.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(clientKey: string, stateFile?: string): Promise<JiraSim> {
    const site = await startJiraSim({ clientKey, stateFile });
    sites.push(site);
    return site;
  }

  it('brings back saved estimates, issue fields and properties after the site stops', async () => {
    const file = join(dir, 'jira-sim-state.json');
    const first = await start('demo-site', file);
    expect(first.restored).toBe(false);
    const seeded = first.issue('PROJ-3')?.fields[STORY_POINTS_FIELD] ?? null;
    const edit = await asAlice(first, 'PUT', '/rest/api/3/issue/PROJ-3', {
      fields: { [STORY_POINTS_FIELD]: 21, summary: 'Renamed while the demo ran' },
    });
    expect(edit.status).toBe(204);
    const property = await asAlice(
      first,
      'PUT',
      '/rest/api/3/issue/PROJ-3/properties/planningPoker',
      { rounds: 2, consensus: false },
    );
    expect(property.status).toBeLessThan(300);
    await first.close();
    sites.splice(sites.indexOf(first), 1);
    expect(existsSync(file)).toBe(true);

    const second = await start('demo-site', file);
    expect(second.restored).toBe(true);
    expect(second.issue('PROJ-3')?.fields[STORY_POINTS_FIELD]).toBe(21);
    expect(second.issue('PROJ-3')?.fields.summary).toBe('Renamed while the demo ran');
    const read = await asAlice(second, 'GET', '/rest/api/3/issue/PROJ-3/properties/planningPoker');
    expect(await read.json()).toMatchObject({ value: { rounds: 2, consensus: false } });
    // The edit's history came back too.
    const history = await asAlice(second, 'GET', '/rest/api/3/issue/PROJ-3/changelog');
    expect(JSON.stringify(await history.json())).toContain('"toString":"21"');
    expect(seeded).not.toBe(21);
  });

  it("starts from the seed with another site's file, and writes nothing without a file", async () => {
    const file = join(dir, 'jira-sim-state.json');
    const first = await start('demo-site', file);
    await asAlice(first, 'PUT', '/rest/api/3/issue/PROJ-3', {
      fields: { [STORY_POINTS_FIELD]: 21 },
    });
    await first.close();
    sites.splice(sites.indexOf(first), 1);

    const other = await start('another-site', file);
    expect(other.restored).toBe(false);
    expect(other.issue('PROJ-3')?.fields[STORY_POINTS_FIELD]).not.toBe(21);

    const before = readdirSync(dir);
    const plain = await start('test-site');
    await asAlice(plain, 'PUT', '/rest/api/3/issue/PROJ-4', {
      fields: { [STORY_POINTS_FIELD]: 3 },
    });
    await plain.close();
    sites.splice(sites.indexOf(plain), 1);
    expect(readdirSync(dir)).toEqual(before);
  });
});
