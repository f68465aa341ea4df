import { Controller, Get, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { callerOf, ContextJwtGuard, type AuthenticatedRequest } from '../jwt/jwt.guards';
import { SettingsService } from '../settings/settings.service';
import { ExportService, type TenantExport } from './export.service';

/** `GET /api/export`: a Jira admin downloads everything the app stores for their site. */
@Controller('api/export')
@UseGuards(ContextJwtGuard)
export class ExportController {
  constructor(
    private readonly settings: SettingsService,
    private readonly exporter: ExportService,
  ) {}

  @Get()
  async export(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TenantExport> {
    const { tenant, accountId } = request.principal;
    await this.settings.requireAdmin(callerOf(request), accountId);
    const data = await this.exporter.export(tenant.id);
    // Set only now: a refusal must stay an ordinary error answer, not a downloaded file.
    response.setHeader('Content-Disposition', 'attachment; filename="planning-poker-export.json"');
    response.setHeader('Cache-Control', 'no-store');
    return data;
  }
}
