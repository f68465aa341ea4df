import {
  BadRequestException,
  Body,
  Controller,
  HttpCode,
  Post,
  Req,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';
import { formatZodError } from '@poker/shared';
import { extractToken } from '../jwt/connect-jwt';
import { JwtRejectedError } from '../jwt/jwt-rejected.error';
import { TenantsService } from '../tenants/tenants.service';
import { APP_KEY } from './descriptor';
import { InstallTokenVerifier } from './install-token.verifier';
import { LifecyclePayload, lifecyclePayloadSchema } from './lifecycle-payload';

/** Jira's signed install and uninstall calls. Nothing changes unless the signature holds. */
@Controller('lifecycle')
export class LifecycleController {
  constructor(
    private readonly verifier: InstallTokenVerifier,
    private readonly tenants: TenantsService,
  ) {}

  @Post('installed')
  @HttpCode(204)
  async installed(@Req() request: Request, @Body() body: unknown): Promise<void> {
    const payload = await this.verified(request, body, 'installed');
    if (!payload.sharedSecret) throw new BadRequestException('sharedSecret is required.');
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
    const payload = await this.verified(request, body, 'uninstalled');
    await this.tenants.uninstall(payload.clientKey);
  }

  private async verified(
    request: Request,
    body: unknown,
    event: string,
  ): Promise<LifecyclePayload> {
    const token = extractToken(request.headers.authorization, undefined);
    if (!token) throw new UnauthorizedException('Missing signed install JWT.');
    let issuer: string;
    try {
      issuer = await this.verifier.verify(token, request.method, request.originalUrl);
    } catch (error) {
      if (error instanceof JwtRejectedError) throw new UnauthorizedException(error.message);
      throw error;
    }
    const parsed = lifecyclePayloadSchema.safeParse(body);
    if (!parsed.success) throw new BadRequestException(formatZodError(parsed.error));
    const payload = parsed.data;
    if (payload.clientKey !== issuer) {
      throw new UnauthorizedException('Install JWT issuer is not the payload clientKey.');
    }
    if (payload.key !== APP_KEY) throw new BadRequestException(`Payload key is not ${APP_KEY}.`);
    if (payload.eventType !== event) {
      throw new BadRequestException(`eventType must be "${event}".`);
    }
    return payload;
  }
}
