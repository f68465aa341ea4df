import { Body, Controller, Get, Put, Req, UseGuards } from '@nestjs/common';
import { settingsSchema, type Settings } from '@poker/shared';
import { callerOf, ContextJwtGuard, type AuthenticatedRequest } from '../jwt/jwt.guards';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { SettingsService } from './settings.service';

/** The tenant's default estimate field, chosen by a Jira admin on the app's admin page. */
@Controller('api/settings')
@UseGuards(ContextJwtGuard)
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  get(@Req() request: AuthenticatedRequest): Promise<{ fieldId: string | null }> {
    return this.settings.get(request.principal.tenant.id, request.principal.accountId);
  }

  @Put()
  put(
    @Req() request: AuthenticatedRequest,
    @Body(new ZodValidationPipe(settingsSchema)) body: Settings,
  ): Promise<{ fieldId: string | null }> {
    return this.settings.setField(callerOf(request), request.principal.accountId, body.fieldId);
  }
}
