import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ClientBuild } from './client-build';

const NOT_BUILT = 'client not built: run npm run build';

/**
 * Serves the browser client at the URLs the descriptor declares (`/app/rooms`, `/app/glance`,
 * `/app/admin`, …: every `/app/*` page is the single-page app) and its assets. The HTML is
 * static and carries no data, so no JWT is needed here; the app authenticates itself with the
 * context token once it runs.
 */
@Controller()
export class ClientPagesController {
  constructor(private readonly build: ClientBuild) {}

  /** The icon the descriptor's modules point at. */
  @Get('assets/icon.svg')
  icon(@Res() response: Response): void {
    this.sendAsset(response, 'icon.svg');
  }

  /** Hashed bundles, immutable for a year; a missing one is a 404, never the page. */
  @Get('app/assets/*file')
  asset(@Param('file') file: string[], @Res() response: Response): void {
    this.sendAsset(response, file.join('/'));
  }

  @Get(['app', 'app/*page'])
  page(@Res() response: Response): void {
    if (!this.build.isBuilt()) {
      response.status(503).type('text/plain').send(NOT_BUILT);
      return;
    }
    response.sendFile('index.html', {
      root: this.build.root,
      headers: { 'Cache-Control': 'no-cache' },
    });
  }

  private sendAsset(response: Response, path: string): void {
    if (!this.build.isBuilt()) {
      response.status(503).type('text/plain').send(NOT_BUILT);
      return;
    }
    // `root` confines the path to the assets folder (no `..`, no dotfiles).
    response.sendFile(path, { root: this.build.assets, maxAge: '1y', immutable: true }, (error) => {
      if (error && !response.headersSent) response.status(404).type('text/plain').send('Not found');
    });
  }
}
