import { startJiraSim } from './jira-sim';

/**
 * Runs one simulated Jira site for the local demo. PORT (4000), HOST (127.0.0.1), CLIENT_KEY,
 * SIM_URL (the base URL the app should call, when not host:port) and SIM_LOCATION (e.g. EU).
 */
async function main(): Promise<void> {
  const env = process.env;
  const sim = await startJiraSim({
    port: Number(env.PORT ?? 4000),
    host: env.HOST || '127.0.0.1',
    clientKey: env.CLIENT_KEY || undefined,
    url: env.SIM_URL || undefined,
    location: env.SIM_LOCATION || undefined,
  });
  console.log(`Jira simulator for site ${sim.clientKey} listening at ${sim.url}`);
  console.log(`Install keys: ${sim.url}/install-keys   control API: ${sim.url}/_sim/info`);
  const stop = () => {
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
