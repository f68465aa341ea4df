import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import express from 'express';
import { BRIDGE_SCRIPT } from './bridge-script';

/** The repository root: the nearest folder above with package.json and apps/ (src or dist). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!(existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'apps')))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** `<repo>/apps/forge/static/client`: the built Custom UI (the manifest's resource `main`). */
export const DEFAULT_CUSTOM_UI_DIR = resolve(repoRoot(), 'apps/forge/static/client');

/**
 * Puts the bridge script first in <head>, so `globalThis.__bridge` exists before any script of
 * the app runs (module scripts included: they come later in the document).
 */
export function injectBridge(html: string, script = BRIDGE_SCRIPT): string {
  const tag = `<script>${script}</script>`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) return `${tag}${html}`;
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}${tag}${html.slice(at)}`;
}

export interface Cdn {
  url: string;
  close(): Promise<void>;
}

/**
 * The simulator's "Forge CDN": a second origin (another port on the same host) serving the
 * Custom UI, as Forge serves resources from its own CDN domain, never the site's. The iframe is
 * therefore cross-origin to the host page, exactly as in Jira.
 */
export async function startCdn(options: {
  host: string;
  port?: number;
  dir?: string;
}): Promise<Cdn> {
  const dir = options.dir ?? DEFAULT_CUSTOM_UI_DIR;
  const app = express();
  app.disable('x-powered-by');
  const sendIndex = async (_req: express.Request, res: express.Response) => {
    const file = join(dir, 'index.html');
    if (!existsSync(file)) {
      res.status(404).type('text').send(`No Custom UI at ${dir}: build it first (npm run build).`);
      return;
    }
    res
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(injectBridge(await readFile(file, 'utf8')));
  };
  app.get(['/', '/index.html'], (req, res, next) => {
    sendIndex(req, res).catch(next);
  });
  app.use(express.static(dir, { index: false, fallthrough: true }));
  app.use((req, res) => {
    res.status(404).type('text').send(`The CDN has no ${req.path}.`);
  });
  const server: Server = app.listen(options.port ?? 0, options.host);
  await new Promise<void>((done, fail) => {
    server.once('listening', done);
    server.once('error', fail);
  });
  const { port } = server.address() as AddressInfo;
  const hostInUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${hostInUrl}:${port}`,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        server.closeAllConnections();
      }),
  };
}
