import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { SEED_USERS } from '../../apps/jira-sim/src';
import { JiraClient } from '../../apps/server/src/jira/jira-client';
import { JiraError } from '../../apps/server/src/jira/jira-error';
import { RoomsService } from '../../apps/server/src/rooms/rooms.service';
import { SettingsService } from '../../apps/server/src/settings/settings.service';
import { startStack, type Stack } from '../support/stack';
import { eventually } from './privacy-support';

const { bob, carol } = SEED_USERS;
/** What Jira writes into its answers: people by account ID, next to names. */
const JIRA_TEXT = `The user ${carol.accountId} (Carol) does not have permission to edit this issue.`;

/** A loopback HTTP server that keeps every request body (Sentry ingest) or answers one way (Jira). */
async function listen(
  answer: (body: string, res: import('node:http').ServerResponse) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      answer(
        (req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8'),
        res,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The exception values of the error events in the envelopes (JSON lines: header, item header, item). */
function exceptionValues(envelopes: string[]): { type: string; value: string }[] {
  return envelopes.flatMap((envelope) => {
    const lines = envelope
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { type?: string; exception?: { values: never[] } });
    return lines
      .filter((_line, i) => i > 0 && lines[i - 1]?.type === 'event')
      .flatMap((event) => event.exception?.values ?? []);
  });
}

describe("error reports never carry Jira's answer text", () => {
  const envelopes: string[] = [];
  let ingest: Awaited<ReturnType<typeof listen>>;
  let jira: Awaited<ReturnType<typeof listen>>;
  let stack: Stack;

  beforeAll(async () => {
    ingest = await listen((body, res) => {
      envelopes.push(body);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
    // Answers every call as Jira does a refused edit: a 400 whose messages name a person.
    jira = await listen((_body, res) => {
      res
        .writeHead(400, { 'Content-Type': 'application/json' })
        .end(
          JSON.stringify({ errorMessages: [JIRA_TEXT], errors: { customfield_10016: JIRA_TEXT } }),
        );
    });
    stack = await startStack({
      SENTRY_DSN: ingest.url.replace('http://', 'http://publickey@') + '/1',
      LOG_LEVEL: 'silent',
    });
  });
  afterAll(async () => {
    await stack?.close();
    await jira?.close();
    await ingest?.close();
  });

  it('reports a JiraError (thrown, or as the cause of another error) by type and status only', async () => {
    const refused = await new JiraClient(
      { baseUrl: jira.url, auth: { kind: 'jwt', sharedSecret: 'x'.repeat(32) } },
      stack.server.config.jira,
    )
      .request('PUT', '/rest/api/3/issue/PROJ-1', {}, { fields: {} })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    // The real client put Jira's text into the message: that is what must not leave.
    expect(refused).toBeInstanceOf(JiraError);
    expect((refused as JiraError).message).toContain(carol.accountId);

    const site = await stack.site();
    jest.spyOn(stack.server.app.get(SettingsService), 'get').mockRejectedValueOnce(refused);
    const response = await fetch(`${stack.server.url}/api/settings`, {
      headers: { Authorization: `JWT ${site.contextToken(bob.accountId)}` },
    });
    expect(response.status).toBe(500);
    jest
      .spyOn(stack.server.app.get(RoomsService), 'create')
      .mockRejectedValueOnce(new Error('Creating the room failed', { cause: refused }));
    const socket = await stack.client(site, bob.accountId);
    const ack = await socket.call('room:create', { name: 'Sprint 1', deck: { kind: 'fibonacci' } });
    expect(ack).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });

    await eventually(() => {
      const jiraErrors = exceptionValues(envelopes).filter((e) => e.type === 'JiraError');
      expect(jiraErrors).toHaveLength(2);
    }, 10_000);
    const values = exceptionValues(envelopes);
    expect(values.filter((e) => e.type === 'JiraError').map((e) => e.value)).toEqual([
      "Jira refused the call (Jira's text is not reported)",
      "Jira refused the call (Jira's text is not reported)",
    ]);
    expect(values.map((e) => e.value)).toContain('Creating the room failed');
    for (const envelope of envelopes) {
      expect(envelope).not.toContain(carol.accountId);
      expect(envelope).not.toContain('does not have permission');
    }
    expect(envelopes.join('\n')).toMatch(/"code":"HTTP_400"/);
  });
});
