import { Body, Controller, Delete, Get, Param, Put, Req, UseGuards } from '@nestjs/common';
import {
  projectFieldSchema,
  projectKeySchema,
  settingsSchema,
  type Settings,
  type SettingsView,
} from '@poker/shared';
import { callerOf, ContextJwtGuard, type AuthenticatedRequest } from '../jwt/jwt.guards';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { SettingsService } from './settings.service';

/** The site's estimate fields, chosen by a Jira admin on the app's admin page. */
@Controller('api/settings')
@UseGuards(ContextJwtGuard)
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  get(@Req() request: AuthenticatedRequest): Promise<SettingsView> {
    return this.settings.get(request.principal.tenant.id, request.principal.accountId);
  }

  @Put()
  put(
    @Req() request: AuthenticatedRequest,
    @Body(new ZodValidationPipe(settingsSchema)) body: Settings,
  ): Promise<{ fieldId: string | null }> {
    return this.settings.setField(callerOf(request), request.principal.accountId, body.fieldId);
  }

  @Put('projects/:projectKey')
  putProject(
    @Req() request: AuthenticatedRequest,
    @Param('projectKey', new ZodValidationPipe(projectKeySchema)) projectKey: string,
    @Body(new ZodValidationPipe(projectFieldSchema)) body: { fieldId: string },
  ): Promise<SettingsView> {
    const { accountId } = request.principal;
    return this.settings.setProjectField(callerOf(request), accountId, projectKey, body.fieldId);
  }

  @Delete('projects/:projectKey')
  deleteProject(
    @Req() request: AuthenticatedRequest,
    @Param('projectKey', new ZodValidationPipe(projectKeySchema)) projectKey: string,
  ): Promise<SettingsView> {
    const { accountId } = request.principal;
    return this.settings.removeProjectField(callerOf(request), accountId, projectKey);
  }
}
