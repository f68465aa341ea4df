import { encodeSymmetric } from 'atlassian-jwt';
import { RedactingConsoleLogger } from './redacting-console-logger';
import { REDACTED_JWT, redactText, redactValue } from './redaction';

const token = encodeSymmetric(
  { iss: 'client-key', sub: '5f3a9c1e2b7d4a0012c4e8b2', qsh: 'context-qsh' },
  'secret',
);

describe('redaction', () => {
  it('replaces every JWT-shaped run, wherever it sits in the text', () => {
    const text = `Authorization: JWT ${token}; retried with ?jwt=${token}&x=1`;
    const redacted = redactText(text);
    expect(redacted).not.toContain(token.split('.')[1]);
    expect(redacted).toBe(
      `Authorization: JWT ${REDACTED_JWT}; retried with ?jwt=${REDACTED_JWT}&x=1`,
    );
  });

  it('leaves ordinary text alone', () => {
    expect(redactText('Room 7 saved PROJ-12 = 5 (eyJ is just letters here)')).toBe(
      'Room 7 saved PROJ-12 = 5 (eyJ is just letters here)',
    );
  });

  it('redacts errors and nested objects through their rendered text', () => {
    expect(redactValue(new Error(`bad token ${token}`))).not.toContain(token);
    expect(redactValue({ headers: { authorization: `JWT ${token}` } })).not.toContain(token);
    expect(redactValue(42)).toBe(42);
  });
});

describe('RedactingConsoleLogger', () => {
  function captured(run: (logger: RedactingConsoleLogger) => void): string[] {
    const lines: string[] = [];
    const write = (chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    };
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(write);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(write);
    try {
      run(new RedactingConsoleLogger({ json: true, logLevels: ['log', 'warn', 'error'] }));
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    return lines;
  }

  it('writes one JSON object a line, without the tokens in messages or stack traces', () => {
    const error = new Error(`Jira refused ${token}`);
    const lines = captured((logger) => {
      logger.log(`Handshake with ${token}`, 'Socket');
      logger.error(`Unexpected error: ${error.message}`, error.stack, 'Http');
      logger.warn({ authorization: `JWT ${token}` });
    });
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).not.toContain(token);
      expect(line.endsWith('\n')).toBe(true);
      expect(() => JSON.parse(line)).not.toThrow();
    }
    const [log, failure] = lines.map((line) => JSON.parse(line));
    expect(log).toMatchObject({
      level: 'log',
      context: 'Socket',
      message: `Handshake with ${REDACTED_JWT}`,
    });
    expect(failure).toMatchObject({ level: 'error', context: 'Http' });
    expect(failure.stack).toContain(REDACTED_JWT);
  });

  it('prints nothing below the configured levels', () => {
    expect(captured((logger) => logger.debug(`quiet ${token}`))).toEqual([]);
  });
});
