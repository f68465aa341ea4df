/** Stops the embedded PostgreSQL that global-setup started, if it started one. */
export default async function globalTeardown(): Promise<void> {
  const pg = (globalThis as { __POKER_PG__?: { stop(): Promise<void> } }).__POKER_PG__;
  await pg?.stop();
}
