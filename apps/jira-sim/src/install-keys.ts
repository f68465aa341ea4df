import { generateKeyPair, generateKeyPairSync, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { AsymmetricAlgorithm, encodeAsymmetric } from 'atlassian-jwt';

/** An RSA key pair as Atlassian's install-key server publishes it: by `kid`, PEM encoded. */
export interface InstallKeyPair {
  kid: string;
  publicKeyPem: string;
  privateKeyPem: string;
}

const RSA_OPTIONS = {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
} as const;

export async function generateInstallKeys(): Promise<InstallKeyPair> {
  const { publicKey, privateKey } = await promisify(generateKeyPair)('rsa', RSA_OPTIONS);
  return { kid: randomUUID(), publicKeyPem: publicKey, privateKeyPem: privateKey };
}

let other: InstallKeyPair | undefined;

/**
 * A key pair no simulator serves, for attack tests: an install token signed with it (under any
 * kid) must be refused. Generated once per process.
 */
export function otherKeyPair(): InstallKeyPair {
  if (!other) {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', RSA_OPTIONS);
    other = { kid: randomUUID(), publicKeyPem: publicKey, privateKeyPem: privateKey };
  }
  return other;
}

/** Signs install/uninstall claims with RS256, putting `kid` in the header as Jira does. */
export function signInstallToken(
  claims: object,
  key: { kid: string; privateKeyPem: string },
): string {
  return encodeAsymmetric(claims, key.privateKeyPem, AsymmetricAlgorithm.RS256, { kid: key.kid });
}
