import { SecretCipher } from './secret-cipher';

describe('SecretCipher', () => {
  const cipher = new SecretCipher('11'.repeat(32));

  it('round-trips a secret without the plain text appearing in the stored form', () => {
    const stored = cipher.encrypt('my-shared-secret');
    expect(stored).not.toContain('my-shared-secret');
    expect(cipher.decrypt(stored)).toBe('my-shared-secret');
  });

  it('uses a fresh IV each time', () => {
    expect(cipher.encrypt('x')).not.toBe(cipher.encrypt('x'));
  });

  it('refuses a tampered ciphertext and a wrong key', () => {
    const stored = cipher.encrypt('secret');
    const parts = stored.split('.');
    parts[3] = Buffer.from('other!').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
    expect(() => new SecretCipher('22'.repeat(32)).decrypt(stored)).toThrow();
  });
});
