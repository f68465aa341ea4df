import {
  BadRequestException,
  Body,
  Controller,
  HttpCode,
  Inject,
  Post,
  Req,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';
import { formatZodError } from '@poker/shared';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { extractToken } from '../jwt/connect-jwt';
import { JwtRejectedError } from '../errors/jwt-rejected.error';
import { TenantsService } from '../tenants/tenants.service';
import { isAllowedBaseUrl } from './allowed-hosts';
import { APP_KEY } from './descriptor';
import { InstallReplayCache } from './install-replay.cache';
import { InstallTokenVerifier, type VerifiedInstallToken } from './install-token.verifier';
import { LifecyclePayload, lifecyclePayloadSchema } from './lifecycle-payload';

/**
 * Jira's signed install and uninstall calls. Nothing changes unless the signature holds, the
 * token was never used before, and an install's `baseUrl` is a Jira host (CONNECT_ALLOWED_HOSTS).
 */
@Controller('lifecycle')
export class LifecycleController {
  constructor(
    private readonly verifier: InstallTokenVerifier,
    private readonly replays: InstallReplayCache,
    private readonly tenants: TenantsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('installed')
  @HttpCode(204)
  async installed(@Req() request: Request, @Body() body: unknown): Promise<void> {
    const { payload, token } = await this.verified(request, body, 'installed');
    if (!payload.sharedSecret) throw new BadRequestException('sharedSecret is required.');
    // Every later call to Jira goes to this URL, signed with the tenant's secret.
    if (!isAllowedBaseUrl(payload.baseUrl, this.config.connectAllowedHosts)) {
      throw new BadRequestException('baseUrl is not a Jira Cloud site (CONNECT_ALLOWED_HOSTS).');
    }
    await this.claimOnce(token);
    await this.tenants.install({
      clientKey: payload.clientKey,
      sharedSecret: payload.sharedSecret,
      baseUrl: payload.baseUrl,
      ...(payload.cloudId && { cloudId: payload.cloudId }),
    });
  }

  @Post('uninstalled')
  @HttpCode(204)
  async uninstalled(@Req() request: Request, @Body() body: unknown): Promise<void> {
    const { payload, token } = await this.verified(request, body, 'uninstalled');
    await this.claimOnce(token);
    await this.tenants.uninstall(payload.clientKey);
  }

  private async verified(
    request: Request,
    body: unknown,
    event: string,
  ): Promise<{ payload: LifecyclePayload; token: VerifiedInstallToken }> {
    const raw = extractToken(request.headers.authorization, undefined);
    if (!raw) throw new UnauthorizedException('Missing signed install JWT.');
    let token: VerifiedInstallToken;
    try {
      token = await this.verifier.verify(raw, request.method, request.originalUrl);
    } catch (error) {
      if (error instanceof JwtRejectedError) throw new UnauthorizedException(error.message);
      throw error;
    }
    const parsed = lifecyclePayloadSchema.safeParse(body);
    if (!parsed.success) throw new BadRequestException(formatZodError(parsed.error));
    const payload = parsed.data;
    if (payload.clientKey !== token.issuer) {
      throw new UnauthorizedException('Install JWT issuer is not the payload clientKey.');
    }
    if (payload.key !== APP_KEY) throw new BadRequestException(`Payload key is not ${APP_KEY}.`);
    if (payload.eventType !== event) {
      throw new BadRequestException(`eventType must be "${event}".`);
    }
    return { payload, token };
  }

  /** The last check before anything changes: the same token is good for one call only. */
  private async claimOnce(token: VerifiedInstallToken): Promise<void> {
    if (!(await this.replays.claim(token.replayKey, token.validUntil))) {
      throw new UnauthorizedException('Install JWT was already used.');
    }
  }
}
