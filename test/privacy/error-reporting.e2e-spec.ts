import { SEED_USERS } from '../../apps/jira-sim/src';
import { RoomsService } from '../../apps/server/src/rooms/rooms.service';
import { SettingsService } from '../../apps/server/src/settings/settings.service';
import { startStack, type Stack } from '../support/stack';
import { captureOutput, errorEvents, eventually, startSentryIngest } from './privacy-support';

const { bob } = SEED_USERS;
/** What must never leave the process, planted in every place a careless setup would pick up. */
const DISPLAY_NAME = 'Bob Q. Builderson';
const ISSUE_SUMMARY = 'Acquire competitor before Q3 announcement';

describe('error reports and logs carry nothing personal', () => {
  let ingest: Awaited<ReturnType<typeof startSentryIngest>>;
  let stack: Stack;
  const logLines: string[] = [];
  const writes: jest.SpyInstance[] = [];

  beforeAll(async () => {
    writes.push(...captureOutput(logLines));
    ingest = await startSentryIngest();
    stack = await startStack({ SENTRY_DSN: ingest.url, LOG_FORMAT: 'json', LOG_LEVEL: 'debug' });
  });
  afterAll(async () => {
    await stack?.close();
    await ingest?.close();
    writes.forEach((spy) => spy.mockRestore());
  });

  it('sends a thrown error to Sentry with its stack, message, code, event and zone, and no secret', async () => {
    const site = await stack.site();
    const token = site.contextToken(bob.accountId);
    const secrets = [
      token,
      token.split('.')[1],
      DISPLAY_NAME,
      ISSUE_SUMMARY,
      site.clientKey,
      bob.accountId,
    ];
    const planted = () =>
      Object.assign(new Error(`Database refused the write for ${token}`), {
        code: '57014',
        displayName: DISPLAY_NAME,
        summary: ISSUE_SUMMARY,
      });
    // A failure deep in an HTTP request that carries the token, a name and a summary...
    jest.spyOn(stack.server.app.get(SettingsService), 'get').mockRejectedValueOnce(planted());
    const response = await fetch(
      `${stack.server.url}/api/settings?summary=${encodeURIComponent(ISSUE_SUMMARY)}`,
      {
        headers: {
          Authorization: `JWT ${token}`,
          'X-Display-Name': DISPLAY_NAME,
          Cookie: `name=${DISPLAY_NAME}`,
        },
      },
    );
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain(token);
    // ...and in a socket event whose payload holds them.
    jest.spyOn(stack.server.app.get(RoomsService), 'create').mockRejectedValueOnce(planted());
    const socket = await stack.client(site, bob.accountId);
    const ack = await socket.call('room:create', {
      name: `${ISSUE_SUMMARY} (${DISPLAY_NAME})`,
      deck: { kind: 'fibonacci' },
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });

    await eventually(() => expect(errorEvents(ingest.envelopes)).toHaveLength(2), 10_000);

    const events = errorEvents(ingest.envelopes);
    for (const event of events) {
      const [exception] = event.exception.values;
      expect(exception.value).toBe('Database refused the write for [redacted JWT]');
      expect(exception.stacktrace.frames.length).toBeGreaterThan(0);
      expect(event.tags).toMatchObject({ zone: 'us', code: '57014' });
      expect(Object.keys(event.tags).sort()).toEqual(expect.arrayContaining(['code', 'zone']));
      expect(event.request).toBeUndefined();
      expect(event.user).toBeUndefined();
      expect(event.extra).toBeUndefined();
    }
    expect(events.map((event) => event.tags.event)).toContain('room:create');
    for (const envelope of ingest.envelopes) {
      for (const secret of secrets) expect(envelope).not.toContain(secret);
    }
  });

  it('writes JSON log lines, with JWTs redacted and no names or summaries', () => {
    const ours = logLines.filter((line) => line.startsWith('{"level"'));
    expect(ours.length).toBeGreaterThan(0);
    for (const line of ours) expect(() => JSON.parse(line)).not.toThrow();
    const errors = ours.map((line) => JSON.parse(line)).filter((entry) => entry.level === 'error');
    expect(errors.some((entry) => String(entry.message).includes('[redacted JWT]'))).toBe(true);
    for (const line of logLines) {
      expect(line).not.toMatch(/eyJ[\w-]{4,}\.[\w-]+/);
      expect(line).not.toContain(DISPLAY_NAME);
      expect(line).not.toContain(ISSUE_SUMMARY);
    }
  });
});
