import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Frame,
  type FrameLocator,
  type Page,
} from 'playwright-core';
import type { JiraSim } from '../../apps/jira-sim/src';

/** Screenshots for people to look at; test-output/ is gitignored. */
export const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots');

/** The system Chromium; browsers are never downloaded. */
export function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** One person in their own browser profile, looking at the simulator's host page. */
export interface Window {
  context: BrowserContext;
  page: Page;
  /** The app's iframe. */
  app: FrameLocator;
  /** The app frame itself, for evaluate(). */
  appFrame(): Promise<Frame>;
}

/**
 * The host page as `localhost` while the app stays on 127.0.0.1, so Jira's cookies and ours live
 * on different hosts, as they do in production.
 */
export function hostUrl(site: JiraSim, path: string, accountId: string): string {
  const base = site.url.replace('127.0.0.1', 'localhost');
  const separator = path.includes('?') ? '&' : '?';
  return `${base}${path}${separator}user=${encodeURIComponent(accountId)}`;
}

export async function openAs(
  browser: Browser,
  site: JiraSim,
  accountId: string,
  path = '/',
  viewport = { width: 1280, height: 800 },
): Promise<Window> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(hostUrl(site, path, accountId));
  const app = page.frameLocator('#poker-app');
  const appFrame = async () => {
    const handle = await page.waitForSelector('#poker-app');
    const frame = await handle.contentFrame();
    if (!frame) throw new Error('The app iframe has no frame');
    return frame;
  };
  return { context, page, app, appFrame };
}

/** Polls until `check` holds; on timeout fails with what it last saw. */
export async function eventually<T>(
  read: () => Promise<T> | T,
  check: (value: T) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!check(last)) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}; last saw ${JSON.stringify(last)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}

/** Everything the app origin keeps in the browser, read inside the app's frame. */
export interface AppStorage {
  local: string;
  session: string;
  cookie: string;
  indexedDb: string;
  caches: string;
}

// Runs in the page, so it is written as page script (the test project has no DOM types). A
// store the browser refuses to a third-party frame counts as empty: nothing can be kept there.
const READ_STORAGE = `(async () => {
  const read = async (reader) => {
    try {
      return await reader();
    } catch (error) {
      return error && error.name === 'SecurityError' || /denied/i.test(String(error)) ? '' : String(error);
    }
  };
  const dump = (storage) => Array.from({ length: storage.length }, (_, index) => {
    const key = storage.key(index);
    return key + '=' + storage.getItem(key);
  }).join('\\n');
  return {
    local: await read(() => dump(localStorage)),
    session: await read(() => dump(sessionStorage)),
    cookie: await read(() => document.cookie),
    indexedDb: await read(async () =>
      (await indexedDB.databases()).map((database) => database.name).join(','),
    ),
    caches: await read(async () =>
      typeof caches === 'undefined' ? '' : (await caches.keys()).join(','),
    ),
  };
})()`;

export function readAppStorage(frame: Frame): Promise<AppStorage> {
  return frame.evaluate<AppStorage>(READ_STORAGE);
}

/**
 * One person on the simulator's Forge host page (`/forge`, `/forge/browse/<KEY>`, `/forge/admin`,
 * extra query such as `?theme=dark` in `path`): the Custom UI frame is `#forge-app`, served from
 * the site's CDN origin.
 */
export async function openForgeAs(
  browser: Browser,
  site: JiraSim,
  accountId: string,
  path = '/forge',
  viewport = { width: 1280, height: 800 },
): Promise<Window> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(hostUrl(site, path, accountId));
  const app = page.frameLocator('#forge-app');
  const appFrame = async () => {
    const handle = await page.waitForSelector('#forge-app');
    const frame = await handle.contentFrame();
    if (!frame) throw new Error('The Forge app iframe has no frame');
    return frame;
  };
  return { context, page, app, appFrame };
}
