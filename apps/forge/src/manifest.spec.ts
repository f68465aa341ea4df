import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { validate, type ValidationError } from '@forge/manifest';
import {
  ESTIMATE_PROPERTY_INDEX,
  ESTIMATE_PROPERTY_KEY,
  FORGE_ENDPOINT_KEYS,
  FORGE_LIFECYCLE_EVENTS,
  FORGE_MODULE_KEYS,
  FORGE_REMOTE_KEY,
  FORGE_ROUTES,
} from '@poker/shared';
import { parse } from 'yaml';
import type { AppConfig } from '../../server/src/config/app-config';
import { APP_KEY, buildDescriptor } from '../../server/src/connect/descriptor';

const FORGE_DIR = resolve(__dirname, '..');
const MANIFEST = join(FORGE_DIR, 'manifest.yml');
const REPO = resolve(FORGE_DIR, '../..');
const CLIENT_DIR = join(REPO, 'apps/client');

/**
 * The minimal scopes (../shared/FORGE.md: the two token scopes alone fail validation), plus
 * Jira-native planning's: the browser's board picker (Jira Software has granular scopes only)
 * and the save's time-tracking check (the one scope Jira documents for it).
 */
const MINIMAL_SCOPES = [
  'read:jira-work',
  'write:jira-work',
  'read:jira-user',
  'read:app-user-token',
  'read:app-system-token',
  'report:personal-data',
  'read:board-scope:jira-software',
  'read:board-scope.admin:jira-software',
  'read:sprint:jira-software',
  'read:issue-details:jira',
  'read:instance-configuration:jira',
];

interface Endpoint {
  key: string;
  remote: string;
  route: { path: string };
  auth: {
    appUserToken?: { enabled: boolean };
    appSystemToken?: { enabled: boolean };
  };
}

interface KeyedModule {
  key: string;
  [field: string]: unknown;
}

interface Manifest {
  app: { id: string; connect?: { key: string; remote: string } };
  modules: Record<string, KeyedModule[]> & { endpoint: Endpoint[] };
  resources: { key: string; path: string }[];
  remotes: { key: string; baseUrl: Record<string, string> }[];
  permissions: {
    scopes: string[];
    external: { fetch: { client: ({ remote: string } | { address: string } | string)[] } };
  };
}

function readManifest(): Manifest {
  return parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
}

function line(error: ValidationError): string {
  return `${error.level} at line ${error.line ?? '?'}: ${error.message}`;
}

/**
 * The validator insists that each resource directory exists and is not empty. After `npm run
 * build` it checks the real build; without one (a unit run on a clean checkout) it checks a
 * copy of the manifest beside a stand-in index.html, so the manifest itself is still judged.
 */
function manifestToValidate(): { path: string; cleanup(): void } {
  const manifest = readManifest();
  const built = manifest.resources.every((resource) =>
    existsSync(join(FORGE_DIR, resource.path, 'index.html')),
  );
  if (built) return { path: MANIFEST, cleanup: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'forge-manifest-'));
  copyFileSync(MANIFEST, join(dir, 'manifest.yml'));
  for (const resource of manifest.resources) {
    mkdirSync(join(dir, resource.path), { recursive: true });
    writeFileSync(join(dir, resource.path, 'index.html'), '<!doctype html><title>stand-in</title>');
  }
  return {
    path: join(dir, 'manifest.yml'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

describe('Forge manifest', () => {
  it("passes @forge/manifest's full validation offline", async () => {
    const target = manifestToValidate();
    try {
      const result = await validate(false, target.path);
      const problems = result.errors ?? [];
      const errors = problems.filter((problem) => problem.level === 'error');
      if (problems.length > 0) console.log(problems.map(line).join('\n'));
      expect(errors.map(line)).toEqual([]);
      expect(result.success).toBe(true);
    } finally {
      target.cleanup();
    }
    // Compiling the platform's whole JSON schema takes a few seconds.
  }, 60_000);

  it('routes every endpoint to a route the server serves, with the tokens it needs', () => {
    const { modules } = readManifest();
    const routes = modules.endpoint.map((endpoint) => endpoint.route.path);
    expect([...routes].sort()).toEqual(Object.values(FORGE_ROUTES).sort());
    expect(modules.endpoint.map((endpoint) => endpoint.remote)).toEqual(
      modules.endpoint.map(() => FORGE_REMOTE_KEY),
    );
    const byKey = new Map(modules.endpoint.map((endpoint) => [endpoint.key, endpoint]));
    const tokens = (key: string) => {
      const auth = byKey.get(key)?.auth;
      return { user: !!auth?.appUserToken?.enabled, system: !!auth?.appSystemToken?.enabled };
    };
    expect(byKey.get(FORGE_ENDPOINT_KEYS.session)?.route.path).toBe(FORGE_ROUTES.session);
    expect(tokens(FORGE_ENDPOINT_KEYS.session)).toEqual({ user: true, system: false });
    expect(byKey.get(FORGE_ENDPOINT_KEYS.lifecycle)?.route.path).toBe(FORGE_ROUTES.lifecycle);
    expect(tokens(FORGE_ENDPOINT_KEYS.lifecycle)).toEqual({ user: false, system: true });
    expect(byKey.get(FORGE_ENDPOINT_KEYS.jobs)?.route.path).toBe(FORGE_ROUTES.jobsDaily);
    expect(tokens(FORGE_ENDPOINT_KEYS.jobs)).toEqual({ user: false, system: true });
  });

  it('declares exactly the module keys the client and server know, wired as agreed', () => {
    const { modules } = readManifest();
    const only = (type: string) => {
      expect(modules[type]).toHaveLength(1);
      return modules[type][0];
    };
    const rooms = only('jira:projectPage');
    const issue = only('jira:issueContext');
    const admin = only('jira:adminPage');
    const trigger = only('trigger');
    const preUninstall = only('preUninstall');
    const daily = only('scheduledTrigger');
    expect({
      rooms: rooms.key,
      issue: issue.key,
      admin: admin.key,
      lifecycle: trigger.key,
      preUninstall: preUninstall.key,
      daily: daily.key,
    }).toEqual(FORGE_MODULE_KEYS);

    for (const page of [rooms, issue, admin]) {
      expect(page.resource).toBe('main');
      expect(page.resolver).toEqual({ endpoint: FORGE_ENDPOINT_KEYS.session });
    }
    expect(admin.useAsConfig).toBe(true);
    expect(trigger.events).toEqual([...FORGE_LIFECYCLE_EVENTS]);
    expect(trigger.endpoint).toBe(FORGE_ENDPOINT_KEYS.lifecycle);
    expect(preUninstall.endpoint).toBe(FORGE_ENDPOINT_KEYS.lifecycle);
    expect(daily).toMatchObject({ interval: 'day', endpoint: FORGE_ENDPOINT_KEYS.jobs });
  });

  it('points the resource at the directory the Forge build writes', () => {
    const { resources } = readManifest();
    expect(resources.map((resource) => resource.key)).toEqual(['main']);
    const scripts = (
      JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts.build).toMatch(/npm run build:forge\b/);
    const forgeBuild = scripts['build:forge'];
    expect(forgeBuild).toContain('--config apps/client/vite.config.ts');
    expect(forgeBuild).toMatch(/--base \.\/(\s|$)/);
    // Vite resolves --outDir against the config's root, apps/client.
    const outDir = /--outDir (\S+)/.exec(forgeBuild)?.[1];
    expect(outDir).toBeDefined();
    expect(resolve(CLIENT_DIR, outDir!)).toBe(resolve(FORGE_DIR, resources[0].path));
    const gitignore = readFileSync(join(REPO, '.gitignore'), 'utf8').split('\n');
    expect(gitignore).toContain(`apps/forge/${resources[0].path}/`);
  });

  it('indexes the planningPoker record for JQL exactly as the Connect descriptor does', () => {
    const { modules } = readManifest();
    const properties = modules['jira:entityProperty'];
    expect(properties).toHaveLength(1);
    expect(properties[0]).toMatchObject({
      entityType: 'issue',
      propertyKey: ESTIMATE_PROPERTY_KEY,
    });
    const values = properties[0].values as { path: string; type: string }[];
    expect(values).toEqual(
      ESTIMATE_PROPERTY_INDEX.map(({ objectName, type }) => ({ path: objectName, type })),
    );
    const connect = (
      buildDescriptor({ appBaseUrl: 'https://poker.example.com' } as AppConfig) as {
        modules: { jiraEntityProperties: { keyConfigurations: unknown[] }[] };
      }
    ).modules.jiraEntityProperties;
    expect(connect[0].keyConfigurations).toEqual([
      { propertyKey: ESTIMATE_PROPERTY_KEY, extractions: [...ESTIMATE_PROPERTY_INDEX] },
    ]);
  });

  it('asks for exactly the minimal scopes', () => {
    expect(readManifest().permissions.scopes).toEqual(MINIMAL_SCOPES);
  });

  it('lets the Custom UI reach every regional deployment over wss:// and https://', () => {
    const { remotes, permissions, app } = readManifest();
    const remote = remotes.find((candidate) => candidate.key === FORGE_REMOTE_KEY);
    expect(remote?.baseUrl.default).toBeDefined();
    expect(app.connect).toEqual({ key: APP_KEY, remote: FORGE_REMOTE_KEY });
    const client = permissions.external.fetch.client;
    expect(client).toContainEqual({ remote: FORGE_REMOTE_KEY });
    const addresses = client.flatMap((entry) =>
      typeof entry === 'object' && 'address' in entry ? [entry.address] : [],
    );
    for (const baseUrl of Object.values(remote?.baseUrl ?? {})) {
      const host = new URL(baseUrl).host;
      expect(addresses).toContain(`wss://${host}`);
      expect(addresses).toContain(`https://${host}`);
    }
  });
});
