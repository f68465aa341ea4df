import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ProjectField } from './project-field.entity';

/** Projects a site keeps overrides for at most (a bound, far above any real site's need). */
export const MAX_PROJECT_FIELDS = 1000;

/**
 * The per-project estimate fields of each site. Every query names the tenant, so one site can
 * neither read nor change another's.
 */
@Injectable()
export class ProjectFieldsService {
  constructor(@InjectRepository(ProjectField) private readonly rows: Repository<ProjectField>) {}

  /** Project key → field ID, for the estimate-field rule and the admin page. */
  async of(tenantId: string): Promise<Record<string, string>> {
    const rows = await this.rows.find({ where: { tenantId }, order: { projectKey: 'ASC' } });
    return Object.fromEntries(rows.map((row) => [row.projectKey, row.fieldId]));
  }

  async count(tenantId: string): Promise<number> {
    return this.rows.countBy({ tenantId });
  }

  async set(tenantId: string, projectKey: string, fieldId: string): Promise<void> {
    await this.rows.upsert({ tenantId, projectKey, fieldId }, ['tenantId', 'projectKey']);
  }

  /** Whether there was an override to remove. */
  async remove(tenantId: string, projectKey: string): Promise<boolean> {
    const result = await this.rows.delete({ tenantId, projectKey });
    return (result.affected ?? 0) > 0;
  }
}
