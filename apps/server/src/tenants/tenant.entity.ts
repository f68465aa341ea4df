import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One Jira Cloud site that installed the app. Only what Jira sends and we need is kept. */
@Entity({ name: 'tenant' })
export class Tenant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'client_key', type: 'text', unique: true })
  clientKey!: string;

  /** AES-256-GCM ciphertext (see SecretCipher); never the plain secret. */
  @Column({ name: 'shared_secret', type: 'text' })
  sharedSecret!: string;

  @Column({ name: 'base_url', type: 'text' })
  baseUrl!: string;

  @Column({ name: 'zone', type: 'text' })
  zone!: string;

  @Column({ name: 'default_field_id', type: 'text', nullable: true })
  defaultFieldId!: string | null;

  @CreateDateColumn({ name: 'installed_at', type: 'timestamptz' })
  installedAt!: Date;
}
