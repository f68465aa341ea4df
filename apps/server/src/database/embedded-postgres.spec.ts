import { postgresFailureReason, socketDirectory } from './embedded-postgres';

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

describe('postgresFailureReason', () => {
  it("picks Postgres' last FATAL line, without its timestamp", () => {
    const output = [
      '2026-01-01 10:00:00.000 UTC [42] LOG:  starting PostgreSQL 18',
      '2026-01-01 10:00:00.001 UTC [42] FATAL:  lock file "postmaster.pid" already exists',
      '2026-01-01 10:00:00.001 UTC [42] HINT:  Is another postmaster (PID 41) running?',
    ];
    expect(postgresFailureReason(output)).toBe('FATAL: lock file "postmaster.pid" already exists');
    expect(postgresFailureReason(['LOG: all fine'])).toBeUndefined();
  });
});
