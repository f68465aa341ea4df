import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One Jira Cloud site that installed the app. Only what Jira sends and we need is kept. */
@Entity({ name: 'tenant' })
export class Tenant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The Connect install's clientKey; null for a site that only ever installed on Forge. */
  @Column({ name: 'client_key', type: 'text', unique: true, nullable: true })
  clientKey!: string | null;

  /** AES-256-GCM ciphertext (see SecretCipher); never the plain secret. Connect only. */
  @Column({ name: 'shared_secret', type: 'text', nullable: true })
  sharedSecret!: string | null;

  /** The Jira site's cloudId: what Connect and Forge share, so one site is one tenant. */
  @Column({ name: 'cloud_id', type: 'text', unique: true, nullable: true })
  cloudId!: string | null;

  /** The Forge installation (`app.installationId` of its FITs); it can change without notice. */
  @Column({ name: 'forge_installation_id', type: 'text', nullable: true })
  forgeInstallationId!: string | null;

  @Column({ name: 'base_url', type: 'text' })
  baseUrl!: string;

  @Column({ name: 'zone', type: 'text' })
  zone!: string;

  @Column({ name: 'default_field_id', type: 'text', nullable: true })
  defaultFieldId!: string | null;

  @CreateDateColumn({ name: 'installed_at', type: 'timestamptz' })
  installedAt!: Date;
}
