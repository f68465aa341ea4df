import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { startJiraSim, type JiraSim } from './jira-sim';
import { SEED_USERS, STORY_POINTS_FIELD } from './seed';

/**
 * `npm start`: the local demo. Starts one simulated Jira site (SIM_PORT, 4000; its Custom UI
 * CDN on SIM_CDN_PORT, 4001) in this process, spawns the built server (PORT, 3000) as its own
 * process with an embedded Postgres under ./.data and the FORGE_* settings pointing at the
 * site, installs the app both as Connect and as Forge, and prints the pages to open first.
 *
 * The server is a separate process: when it stops (a crash, or someone stopping it alone) the
 * site stays up and the server is started again. The site keeps its issues, saved estimates and
 * properties in ./.data/jira-sim-state.json (SIM_STATE_FILE; `off` keeps nothing) across a
 * restart of the demo. The server logs warnings and errors only (LOG_LEVEL to change it).
 */
const repoRoot = resolve(__dirname, '../../..');
const simPort = Number(process.env.SIM_PORT ?? 4000);
const appPort = Number(process.env.PORT ?? 3000);
const appBaseUrl = process.env.APP_BASE_URL ?? `http://localhost:${appPort}`;
// A fixed site key keeps the demo's rooms across restarts (a re-install rotates the secret).
const clientKey = process.env.CLIENT_KEY ?? 'poker-demo-site';
// Fixed Forge ids and cloudId, for the same reason: the server keys a Forge tenant by cloudId,
// and its FORGE_APP_ID must match the FIT audience across restarts.
const cloudId = process.env.SIM_CLOUD_ID ?? '6c1a7d52-3f0e-4b8a-9d21-5e7f0a4c9b13';
const forgeAppId =
  process.env.FORGE_APP_ID ?? 'ari:cloud:ecosystem::app/2f9c4e7a-1b3d-4c5e-8f60-7a9b0c1d2e3f';
const forgeInstallationId =
  'ari:cloud:ecosystem::installation/8e2d6b1c-4a5f-4e7d-9c3b-0f1e2a3b4c5d';
// The Custom UI's origin (the simulator's "CDN"); the server allows it for Socket.IO and CORS.
const cdnPort = Number(process.env.SIM_CDN_PORT ?? simPort + 1);
const STARTUP_TIMEOUT_MS = 180_000;
const dataDir = resolve(repoRoot, process.env.DATA_DIR ?? '.data');
const stateFile =
  process.env.SIM_STATE_FILE === 'off'
    ? undefined
    : resolve(repoRoot, process.env.SIM_STATE_FILE ?? resolve(dataDir, 'jira-sim-state.json'));
/** Restarts of a stopped server wait this long, doubling up to RESTART_MAX_MS. */
const RESTART_MIN_MS = 1000;
const RESTART_MAX_MS = 30_000;

function startServer(sim: JiraSim): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    // The demo is development even at a public APP_BASE_URL (a tunnel), which alone means production.
    NODE_ENV: 'development',
    // Nest's 60 lines of mapped routes would bury the URLs to open; warnings and errors stay.
    LOG_LEVEL: 'warn',
    ...process.env,
    PORT: String(appPort),
    APP_BASE_URL: appBaseUrl,
    CONNECT_INSTALL_KEYS_URL: `${sim.url}/install-keys`,
    // The simulated site installs from its own host (Atlassian's hosts stay allowed too).
    CONNECT_ALLOWED_HOSTS:
      process.env.CONNECT_ALLOWED_HOSTS ?? `*.atlassian.net ${new URL(sim.url).hostname}`,
    FORGE_APP_ID: sim.forge.appId,
    FORGE_JWKS_URL: sim.forge.jwksUrl,
    FORGE_CUSTOM_UI_ORIGINS: new URL(sim.forge.cdnUrl).origin,
    FORGE_REPORT_ACCOUNTS_URL: `${sim.url}/app/report-accounts/`,
  };
  // No DATABASE_URL: the server runs an embedded Postgres under ./.data.
  delete env.DATABASE_URL;
  return spawn(process.execPath, ['dist/apps/server/main.js'], {
    cwd: repoRoot,
    env,
    stdio: 'inherit',
  });
}

/**
 * Waits until the app server answers /healthz (a first start may initialise Postgres). A server
 * that stops meanwhile is started again by runServer, so only the deadline ends the wait.
 */
async function waitForHealth(): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (stopping) throw new Error('Stopped.');
    try {
      const response = await fetch(`${appBaseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(`The server did not answer ${appBaseUrl}/healthz in time.`);
}

/** Picks Story Points as the default estimate field unless an admin already chose one. */
async function ensureEstimateField(sim: JiraSim): Promise<void> {
  const headers = { Authorization: `JWT ${sim.contextToken(SEED_USERS.alice.accountId)}` };
  const current = (await (await fetch(`${appBaseUrl}/api/settings`, { headers })).json()) as {
    fieldId?: string | null;
  };
  if (current.fieldId) return;
  await fetch(`${appBaseUrl}/api/settings`, {
    method: 'PUT',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ fieldId: STORY_POINTS_FIELD }),
  });
}

let sim: JiraSim | undefined;
let server: ChildProcess | undefined;
let stopping = false;
let restartDelay = RESTART_MIN_MS;

/** Stops the server (SIGTERM, then SIGKILL after 10 s) and the site, then exits. */
function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  const exit = () => void (sim?.close() ?? Promise.resolve()).finally(() => process.exit(code));
  if (!server || server.exitCode !== null || server.signalCode !== null) return exit();
  server.once('exit', exit);
  server.kill('SIGTERM');
  setTimeout(() => server?.kill('SIGKILL'), 10_000).unref();
}

/** Starts the server process; when it stops on its own, the site stays and it starts again. */
function runServer(site: JiraSim): ChildProcess {
  const child = startServer(site);
  console.log(`  App server starting (pid ${child.pid}).`);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    const why = signal ? `signal ${signal}` : `code ${code}`;
    console.warn(
      `  The app server stopped (${why}); the Jira site stays up at ${site.url}. Restarting in ${restartDelay / 1000} s.`,
    );
    setTimeout(() => {
      if (stopping) return;
      server = runServer(site);
      waitForHealth().then(
        () => {
          restartDelay = RESTART_MIN_MS;
          console.log(`  The app server is back at ${appBaseUrl}.`);
        },
        (error: unknown) =>
          console.warn(`  ${error instanceof Error ? error.message : String(error)}`),
      );
    }, restartDelay).unref();
    restartDelay = Math.min(restartDelay * 2, RESTART_MAX_MS);
  });
  return child;
}

/** The pages to open, first thing in the output. */
function urlsToOpen(site: string, cdnUrl: string): string {
  const users = Object.values(SEED_USERS)
    .map(
      (user) =>
        `    ${site}/forge?user=${encodeURIComponent(user.accountId)}   (${user.displayName})`,
    )
    .join('\n');
  return [
    '',
    'Planning poker demo: open these (the app installs itself in the simulated Jira site)',
    '',
    `  Rooms (Forge): ${site}/forge   pick who you are in the top right.`,
    '  Open it in several windows as different people to play together, for example:',
    users,
    '',
    `  Issue panel: ${site}/forge/browse/PROJ-3   Admin settings (as Alice): ${site}/forge/admin`,
    `  The Connect front door: ${site}/   Custom UI origin: ${cdnUrl}   App server: ${appBaseUrl}`,
    '  Press Ctrl+C to stop.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));
  sim = await startJiraSim({
    port: simPort,
    clientKey,
    cloudId,
    forge: { appId: forgeAppId, installationId: forgeInstallationId, cdnPort },
    stateFile,
  });
  console.log(urlsToOpen(sim.url, sim.forge.cdnUrl));
  console.log(
    `  Jira site up (pid ${process.pid})${sim.restored ? `, issues and estimates as saved in ${stateFile}` : ''}.`,
  );
  server = runServer(sim);

  await waitForHealth();
  const install = await sim.install(`${appBaseUrl}/atlassian-connect.json`);
  if (install.status !== 204) {
    throw new Error(`Install failed with HTTP ${install.status}: ${install.responseBody}`);
  }
  await ensureEstimateField(sim);
  // The Forge front door: the same server as the app's Forge Remote.
  const forgeInstall = await sim.forge.install({ remoteBaseUrl: appBaseUrl });
  if (forgeInstall.status < 200 || forgeInstall.status >= 300) {
    console.warn(
      `The Forge install event got HTTP ${forgeInstall.status} after ${forgeInstall.attempts} attempt(s): ${forgeInstall.responseBody}`,
    );
  }
  console.log(`  Ready: open ${sim.url}/forge`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  stop(1);
});
