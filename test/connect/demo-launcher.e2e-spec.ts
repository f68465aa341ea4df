import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../apps/server/src/database/embedded-postgres';

// Runs the built demo (npm run build): `npm start` without the build step.
const DEMO = join(process.cwd(), 'dist/apps/jira-sim/demo.js');

/** The demo's output so far, and a way to wait for a line. */
class Output {
  text = '';
  constructor(child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.text += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.text += chunk.toString()));
  }

  async waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.text.match(pattern);
      if (match) return match;
      if (Date.now() > deadline) {
        throw new Error(`No ${pattern} in the demo's output:\n${this.text}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

describe('npm start: the local demo', () => {
  let dir: string;
  let demo: ChildProcess | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'poker-demo-'));
  });
  afterAll(async () => {
    if (demo && demo.exitCode === null) {
      demo.kill('SIGINT');
      await new Promise((resolve) => demo?.once('exit', resolve));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('leads with the URLs, and keeps the site up and restarts the server when the server alone stops', async () => {
    const [appPort, simPort, cdnPort] = [await freePort(), await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(appPort),
      SIM_PORT: String(simPort),
      SIM_CDN_PORT: String(cdnPort),
      DATA_DIR: dir,
    };
    // The demo runs as a developer would start it, not as the test run's servers.
    delete env.NODE_ENV;
    delete env.DATABASE_URL;
    delete env.LOG_LEVEL;
    demo = spawn(process.execPath, [DEMO], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = new Output(demo);
    await output.waitFor(/Ready: open /, 180_000);

    // The first thing printed is what to open; Nest's route table is not printed at all.
    const firstLine = output.text.split('\n').find((line) => line.trim() !== '');
    expect(firstLine).toMatch(/^Planning poker demo: open these/);
    expect(output.text).toContain(`http://127.0.0.1:${simPort}/forge?user=`);
    expect(output.text).not.toMatch(/Mapped \{|RoutesResolver|RouterExplorer/);

    const [, pid] = await output.waitFor(/App server starting \(pid (\d+)\)/, 1000);
    process.kill(Number(pid), 'SIGKILL');
    await output.waitFor(/The app server stopped/, 10_000);
    const site = await fetch(`http://127.0.0.1:${simPort}/_sim/info`);
    expect(site.status).toBe(200);
    await output.waitFor(/The app server is back/, 120_000);
    const health = await fetch(`http://127.0.0.1:${appPort}/healthz`);
    expect(health.status).toBe(200);

    demo.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => demo?.once('exit', resolve));
    expect(code).toBe(0);
    await expect(fetch(`http://127.0.0.1:${simPort}/_sim/info`)).rejects.toThrow();
  }, 300_000);
});
