// A person's connection to our server, cut and restored from the test: Chromium's own offline
// emulation (context.setOffline) leaves open WebSockets alone, so the socket would stay up.
import type { Browser, WebSocketRoute } from 'playwright-core';
import type { JiraSim } from '../../apps/jira-sim/src';
import { hostUrl, type Window } from './browser-driver';

/** The close code of a cut line (an application code: 1006 may not be sent). */
const CUT = 4000;

/** socket.io's WebSocket and its long-polling requests, whatever the namespace. */
const SOCKET_IO = /\/socket\.io\//;

export interface CuttableWindow extends Window {
  /** Closes the person's socket and refuses every reconnect until `restore`. */
  cut(): Promise<void>;
  /** Lets the next reconnect through (socket.io retries by itself within a few seconds). */
  restore(): void;
}

/**
 * One person on the Connect host page, as `openAs` opens it, whose socket goes through the
 * test: every WebSocket to our server is passed on while the line is up and closed while it
 * is cut, and polling requests fail as they would without a network.
 */
export async function openWithCuttableConnection(
  browser: Browser,
  site: JiraSim,
  accountId: string,
): Promise<CuttableWindow> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  let down = false;
  const open = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();
  await context.routeWebSocket(SOCKET_IO, (page) => {
    if (down) {
      void page.close({ code: CUT, reason: 'cut by the test' }).catch(() => undefined);
      return;
    }
    const pair = { page, server: page.connectToServer() };
    open.add(pair);
    // A close handler of our own stops Playwright passing the page's close on: pass it on here.
    page.onClose(() => {
      open.delete(pair);
      void pair.server.close().catch(() => undefined);
    });
  });
  await context.route(SOCKET_IO, (route) =>
    down ? route.abort('internetdisconnected') : route.continue(),
  );
  const page = await context.newPage();
  await page.goto(hostUrl(site, '/', accountId));
  const app = page.frameLocator('#poker-app');
  const appFrame = async () => {
    const content = await (await page.waitForSelector('#poker-app')).contentFrame();
    if (!content) throw new Error('The app iframe has no frame');
    return content;
  };
  return {
    context,
    page,
    app,
    appFrame,
    async cut() {
      down = true;
      const pairs = [...open];
      open.clear();
      await Promise.all(
        pairs.flatMap(({ page: toPage, server }) => [
          toPage.close({ code: CUT, reason: 'cut by the test' }).catch(() => undefined),
          server.close().catch(() => undefined),
        ]),
      );
    },
    restore() {
      down = false;
    },
  };
}
