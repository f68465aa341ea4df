import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where `npm run build:client` puts the browser client, relative to the repository root. */
export const CLIENT_BUILD_DIR = 'dist/apps/client';

/** The built client on disk: its folder, index.html and hashed assets. */
export class ClientBuild {
  readonly root: string;
  readonly assets: string;

  constructor(repoRoot: string = process.cwd()) {
    this.root = resolve(repoRoot, CLIENT_BUILD_DIR);
    this.assets = join(this.root, 'assets');
  }

  /** Checked on each page load, so building after the server started just works. */
  isBuilt(): boolean {
    return existsSync(join(this.root, 'index.html'));
  }
}
