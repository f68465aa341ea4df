import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { FORGE_ROUTES, type ForgeSessionAnswer } from '@poker/shared';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { FitGuard, type ForgeRequest } from './fit.guard';
import { lifecycleBodySchema, type LifecycleBody } from './forge-lifecycle';
import { forgeToken } from './forge-tokens';
import { ForgeService, type DailyJobAnswer } from './forge.service';

/** The calls Forge makes to its remote (DESIGN.md "Forge"); each needs a valid FIT. */
@Controller()
@UseGuards(FitGuard)
export class ForgeController {
  constructor(private readonly forge: ForgeService) {}

  @Post(FORGE_ROUTES.lifecycle)
  @HttpCode(200)
  lifecycle(
    @Req() request: ForgeRequest,
    @Body(new ZodValidationPipe(lifecycleBodySchema)) body: LifecycleBody,
  ): Promise<{ action: string }> {
    return this.forge.lifecycle(request.fit, body);
  }

  @Post(FORGE_ROUTES.session)
  @HttpCode(200)
  session(@Req() request: ForgeRequest): Promise<ForgeSessionAnswer> {
    return this.forge.session(request.fit, forgeToken(request, 'user'));
  }

  @Post(FORGE_ROUTES.jobsDaily)
  @HttpCode(200)
  daily(@Req() request: ForgeRequest): Promise<DailyJobAnswer> {
    return this.forge.daily(request.fit, forgeToken(request, 'system'));
  }
}
