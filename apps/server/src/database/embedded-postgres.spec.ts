import { socketDirectory } from './embedded-postgres';

describe('socketDirectory', () => {
  it('puts the socket in the data directory', () => {
    expect(socketDirectory('/srv/poker/.data/postgres', 5432)).toBe('/srv/poker/.data/postgres');
  });

  it('falls back to TCP alone when the socket path would be too long for the kernel', () => {
    const deepest = `/${'d'.repeat(91)}`; // + '/.s.PGSQL.54321': 107 characters, the most
    expect(socketDirectory(deepest, 54321)).toBe(deepest);
    expect(socketDirectory(`${deepest}d`, 54321)).toBeUndefined();
  });
});
