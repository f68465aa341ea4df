import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { JwtRejectedError } from '../errors/jwt-rejected.error';
import type { FitClaims } from './fit-claims';
import { FitVerifier } from './fit-verifier';

/** A request whose FIT the guard verified; `fit` holds its claims. */
export type ForgeRequest = Request & { fit: FitClaims };

/** Every `/forge/*` route: `Authorization: Bearer <FIT>`, else 401 and nothing changes. */
@Injectable()
export class FitGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly verifier: FitVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Without FORGE_APP_ID the Forge front door does not exist.
    if (!this.config.forge) throw new NotFoundException('Forge is not enabled on this server.');
    const request = context.switchToHttp().getRequest<ForgeRequest>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new UnauthorizedException('Missing Forge Invocation Token.');
    try {
      request.fit = await this.verifier.verify(match[1]);
      return true;
    } catch (error) {
      if (error instanceof JwtRejectedError) throw new UnauthorizedException(error.message);
      throw error;
    }
  }
}
