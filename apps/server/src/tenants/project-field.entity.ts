import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A Jira admin's estimate field for one project of a site: the project key (the part of every
 * issue key before the dash) and the field's ID, nothing else. Deleted with its tenant.
 */
@Entity({ name: 'project_field' })
export class ProjectField {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ name: 'project_key', type: 'text' })
  projectKey!: string;

  @Column({ name: 'field_id', type: 'text' })
  fieldId!: string;
}
