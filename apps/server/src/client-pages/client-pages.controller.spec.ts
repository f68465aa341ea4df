import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientBuild, CLIENT_BUILD_DIR } from './client-build';
import { ClientPagesController } from './client-pages.controller';

/** The controller alone over a fake repository root, on a free port. */
async function serve(repoRoot: string): Promise<{ app: INestApplication; url: string }> {
  const moduleRef = await Test.createTestingModule({
    controllers: [ClientPagesController],
    providers: [{ provide: ClientBuild, useValue: new ClientBuild(repoRoot) }],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

describe('client pages', () => {
  let root: string;
  let app: INestApplication | undefined;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'poker-client-pages-'));
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await rm(root, { recursive: true, force: true });
  });

  it('answers 503 with how to build when the client is not built', async () => {
    const served = await serve(root);
    app = served.app;
    const response = await fetch(`${served.url}/app/rooms`);
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('client not built: run npm run build');
  });

  it('serves index.html for every /app page, the assets, and the descriptor icon', async () => {
    const dist = join(root, CLIENT_BUILD_DIR);
    await mkdir(join(dist, 'assets'), { recursive: true });
    await writeFile(join(dist, 'index.html'), '<div id="root"></div>');
    await writeFile(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
    await writeFile(join(dist, 'assets', 'icon.svg'), '<svg/>');
    const served = await serve(root);
    app = served.app;

    for (const page of ['/app', '/app/rooms', '/app/glance?issueKey=PROJ-1', '/app/admin']) {
      const response = await fetch(served.url + page);
      expect([page, response.status, await response.text()]).toEqual([
        page,
        200,
        '<div id="root"></div>',
      ]);
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
    const bundle = await fetch(`${served.url}/app/assets/index-abc.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${served.url}/assets/icon.svg`)).headers.get('content-type')).toContain(
      'image/svg+xml',
    );
    expect((await fetch(`${served.url}/app/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${served.url}/app/assets/..%2f..%2findex.html`)).status).toBe(404);
  });
});
