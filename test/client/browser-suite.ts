import type { Browser } from 'playwright-core';
import type { JiraSim } from '../../apps/jira-sim/src';
import { startStack, type Stack } from '../support/stack';
import { launchChromium, openAs, type Window, type WindowSize } from './browser-driver';

/** What a Chromium suite works with: the stack of its own, and windows opened as someone. */
export interface BrowserSuite {
  readonly stack: Stack;
  /** A new window (its own cookies) on the site's host page as that person; closed after the test. */
  open(site: JiraSim, accountId: string, path?: string, size?: WindowSize): Promise<Window>;
}

/**
 * Registers the set-up every browser suite shares: one stack and one Chromium for the suite,
 * and every window a test opened closed after it. Call it inside `describe`.
 */
export function browserSuite(): BrowserSuite {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  const windows: Window[] = [];

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(windows.splice(0).map((window) => window.context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  return {
    get stack(): Stack {
      if (!stack) throw new Error('The stack starts in beforeAll.');
      return stack;
    },
    async open(site, accountId, path = '/', size) {
      if (!browser) throw new Error('The browser starts in beforeAll.');
      const window = await openAs(browser, site, accountId, path, size);
      windows.push(window);
      return window;
    },
  };
}
