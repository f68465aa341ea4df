import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';

/**
 * The key for SecretCipher: SECRETS_KEY when set (required in production); in development a
 * key generated once and kept in DATA_DIR, so local installs survive restarts.
 */
export function resolveSecretsKey(config: AppConfig): string {
  if (config.secretsKey) return config.secretsKey;
  const file = join(config.dataDir, 'secrets.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}
