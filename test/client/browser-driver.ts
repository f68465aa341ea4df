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

/** The Connect host page's app frame and the Forge host page's Custom UI frame. */
const APP_FRAME = { selector: '#poker-app', label: 'The app' };
const FORGE_APP_FRAME = { selector: '#forge-app', label: 'The Forge app' };

const DEFAULT_VIEWPORT = { width: 1280, height: 800 };

/** The window's size, and the system colour scheme it reports (the demo's dark mode follows it). */
export interface WindowSize {
  width: number;
  height: number;
  colorScheme?: 'light' | 'dark';
}

/** One person's own browser profile on a host page `path`, its app frame found by `frame`. */
async function openWindow(
  browser: Browser,
  site: JiraSim,
  accountId: string,
  path: string,
  { width, height, colorScheme = 'light' }: WindowSize,
  frame: { selector: string; label: string },
): Promise<Window> {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme });
  const page = await context.newPage();
  await page.goto(hostUrl(site, path, accountId));
  const app = page.frameLocator(frame.selector);
  const appFrame = async () => {
    const handle = await page.waitForSelector(frame.selector);
    const content = await handle.contentFrame();
    if (!content) throw new Error(`${frame.label} iframe has no frame`);
    return content;
  };
  return { context, page, app, appFrame };
}

/**
 * One person on the simulator's Connect host page (`/`, `/browse/<KEY>`, `/admin`): the app's
 * frame is `#poker-app`.
 */
export function openAs(
  browser: Browser,
  site: JiraSim,
  accountId: string,
  path = '/',
  viewport: WindowSize = DEFAULT_VIEWPORT,
): Promise<Window> {
  return openWindow(browser, site, accountId, path, viewport, APP_FRAME);
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
export function openForgeAs(
  browser: Browser,
  site: JiraSim,
  accountId: string,
  path = '/forge',
  viewport: WindowSize = DEFAULT_VIEWPORT,
): Promise<Window> {
  return openWindow(browser, site, accountId, path, viewport, FORGE_APP_FRAME);
}
