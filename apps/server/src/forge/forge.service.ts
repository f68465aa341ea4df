import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { ForgeSessionAnswer } from '@poker/shared';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { badRequest } from '../errors/domain.error';
import { JiraService } from '../jira/jira.service';
import { PersonalDataReporter, type ReportRun } from '../privacy/personal-data-reporter.service';
import { RetentionService } from '../privacy/retention.service';
import { SessionTokens } from '../session/session-tokens';
import type { Tenant } from '../tenants/tenant.entity';
import { TenantsService } from '../tenants/tenants.service';
import type { FitClaims } from './fit-claims';
import { lifecycleAction, siteOf, type LifecycleBody } from './forge-lifecycle';

/** Forge answers events and triggers within 5 s (remote contract); longer runs go on behind. */
const TRIGGER_ANSWER_MS = 4000;

export type DailyJobAnswer =
  | { status: 'done'; reported: number; erased: number; removedRooms: number }
  | { status: 'running' };

/** The Forge front door's use cases: install and preUninstall, sessions, the daily job. */
@Injectable()
export class ForgeService {
  constructor(
    private readonly tenants: TenantsService,
    private readonly sessions: SessionTokens,
    private readonly jira: JiraService,
    private readonly reporter: PersonalDataReporter,
    private readonly retention: RetentionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async lifecycle(fit: FitClaims, body: LifecycleBody): Promise<{ action: string }> {
    const action = lifecycleAction(fit, body);
    if (action === 'unknown') {
      throw badRequest(
        'Not a lifecycle call this app handles (installed, upgraded, preUninstall).',
      );
    }
    const cloudId = siteOf(fit, body);
    if (action === 'install') {
      if (!cloudId) throw badRequest('The installation names no site (context.cloudId).');
      await this.tenants.installForge({
        cloudId,
        installationId: fit.app.installationId,
        ...(fit.context?.siteUrl && { siteUrl: fit.context.siteUrl }),
      });
      return { action: 'installed' };
    }
    const tenant = await this.tenantOf(fit, body);
    if (tenant?.cloudId) await this.tenants.uninstallForge(tenant.cloudId);
    return { action: 'uninstalled' };
  }

  /** A session for the FIT's person on the FIT's site, carrying their Jira token. */
  async session(fit: FitClaims, userToken: string): Promise<ForgeSessionAnswer> {
    const cloudId = fit.context?.cloudId;
    if (!fit.principal) throw new UnauthorizedException('The invocation names no person.');
    if (!cloudId) throw new UnauthorizedException('The invocation names no site.');
    // The install event may not have reached us yet (or came to another zone's remote).
    const tenant = await this.tenants.installForge({
      cloudId,
      installationId: fit.app.installationId,
      ...(fit.context?.siteUrl && { siteUrl: fit.context.siteUrl }),
    });
    const session = await this.sessions.issue({
      tenantId: tenant.id,
      cloudId,
      accountId: fit.principal,
      apiBaseUrl: fit.app.apiBaseUrl,
      userToken,
    });
    return {
      token: session.token,
      expiresAt: new Date(session.expiresAt).toISOString(),
      accountId: session.accountId,
      socketUrl: this.config.appBaseUrl,
    };
  }

  /** Personal data reporting (with the system token) and retention, for the trigger's site. */
  async daily(fit: FitClaims, systemToken: string): Promise<DailyJobAnswer> {
    const tenant = await this.tenantOf(fit);
    const reportUrl = this.config.forge?.reportAccountsUrl;
    const run = async (): Promise<DailyJobAnswer> => {
      let report: ReportRun | undefined;
      if (tenant && reportUrl) {
        const client = this.jira.bearerClient(reportUrl, systemToken);
        report = await this.reporter.runForSite(tenant.id, (body) =>
          client.request<unknown>('POST', '', {}, body),
        );
      }
      const retention = await this.retention.runOnce();
      return {
        status: 'done',
        reported: report?.reported ?? 0,
        erased: report?.erased ?? 0,
        removedRooms: retention.removed,
      };
    };
    const job = run();
    const timeout = new Promise<DailyJobAnswer>((resolve) =>
      setTimeout(() => resolve({ status: 'running' }), TRIGGER_ANSWER_MS).unref(),
    );
    // A run that outlives Forge's patience goes on; its failures are reported by the services.
    job.catch(() => undefined);
    return Promise.race([job, timeout]);
  }

  /** The site of a trigger: its cloudId when the FIT or body names one, else its installation. */
  private async tenantOf(fit: FitClaims, body?: LifecycleBody): Promise<Tenant | null> {
    const cloudId = siteOf(fit, body);
    if (cloudId) return this.tenants.findByCloudId(cloudId);
    return this.tenants.findByInstallation(fit.app.installationId);
  }
}
