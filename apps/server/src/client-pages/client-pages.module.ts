import { Module } from '@nestjs/common';
import { ClientBuild } from './client-build';
import { ClientPagesController } from './client-pages.controller';

/** The built browser client, served from dist/apps/client at /app/*. */
@Module({
  controllers: [ClientPagesController],
  providers: [{ provide: ClientBuild, useValue: new ClientBuild() }],
})
export class ClientPagesModule {}
