import {
  applySdkMetadata,
  createStackParser,
  dedupeIntegration,
  linkedErrorsIntegration,
  Scope,
  type Breadcrumb,
  type ErrorEvent,
  type Exception,
  type StackFrame,
} from '@sentry/core';
import {
  nodeStackLineParser,
  ServerRuntimeClient,
  type ServerRuntimeClientOptions,
} from '@sentry/core/server';
import type { ErrorTags } from '../errors/error-reporter';
import { redactText } from './redaction';
import { makeFetchTransport } from './sentry-transport';

/** The only tags an error report may carry; none names a tenant or a person. */
const ALLOWED_TAGS = ['zone', 'event', 'code'] as const;
/** Event names (`room:create`) and error codes (`ECONNREFUSED`, `HTTP_429`): short and plain. */
const TAG_VALUE = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Every kind of request, user, query, body or variable data the SDK could collect: none. */
const NO_DATA_COLLECTION = {
  userInfo: false,
  cookies: false,
  httpHeaders: false,
  httpBodies: [],
  urlQueryParams: false,
  graphQL: { document: false, variables: false },
  genAI: { inputs: false, outputs: false },
  mcp: { inputs: false, outputs: false },
  databaseQueryData: false,
  queues: false,
  stackFrameVariables: false,
  frameContextLines: 0,
};

export interface SentrySettings {
  dsn: string;
  zone: string;
  environment: string;
}

/** Where ErrorReporter sends unexpected errors once Sentry is on. */
export interface SentrySink {
  capture(error: unknown, tags: ErrorTags): void;
  close(): Promise<void>;
}

/**
 * A Sentry client of our own (not the SDK's global one) that sends only what our privacy
 * promise allows: the stack trace, the error message, the error code, the event name and the
 * zone. No default integrations run, so nothing records HTTP requests, console output, local
 * variables or source lines, and `beforeSend` keeps an allow-list of fields besides.
 */
export function startSentry(settings: SentrySettings): SentrySink {
  const options: ServerRuntimeClientOptions = {
    dsn: settings.dsn,
    environment: settings.environment,
    // What NodeClient of @sentry/node sets; no server name (it is the host's name).
    platform: 'node',
    runtime: { name: 'node', version: process.version },
    transport: makeFetchTransport,
    stackParser: createStackParser(nodeStackLineParser()),
    integrations: [linkedErrorsIntegration(), dedupeIntegration()],
    // `dataCollection` replaced `sendDefaultPii` in SDK v11: collect none of it, by name.
    dataCollection: NO_DATA_COLLECTION,
    sendClientReports: false,
    beforeSend: scrubEvent,
    beforeBreadcrumb: scrubBreadcrumb,
  };
  // Reported as the Node SDK, as before; the package list says it is @sentry/core.
  applySdkMetadata(options, 'node', ['core']);
  const client = new ServerRuntimeClient(options);
  const scope = new Scope();
  scope.setClient(client);
  scope.setTag('zone', settings.zone);
  client.init();
  let closed = false;
  return {
    capture(error, tags) {
      // Errors of the shutdown itself (pools closing under a running job) are not reported.
      if (closed) return;
      const captureScope = scope.clone();
      captureScope.setTags(allowedTags({ code: codeOf(error), ...tags }));
      captureScope.captureException(error);
    },
    async close() {
      closed = true;
      await client.close(2000);
    },
  };
}

/** The event reduced to the allow-list, with JWT-shaped text removed from what remains. */
export function scrubEvent(event: ErrorEvent): ErrorEvent {
  return {
    type: event.type,
    event_id: event.event_id,
    timestamp: event.timestamp,
    level: event.level,
    platform: event.platform,
    release: event.release,
    environment: event.environment,
    sdk: event.sdk,
    fingerprint: event.fingerprint,
    ...(event.message !== undefined && { message: redactText(event.message) }),
    ...(event.exception && { exception: { values: event.exception.values?.map(scrubException) } }),
    tags: allowedTags(event.tags ?? {}),
    breadcrumbs: (event.breadcrumbs ?? [])
      .map((breadcrumb) => scrubBreadcrumb(breadcrumb))
      .filter((breadcrumb): breadcrumb is Breadcrumb => breadcrumb !== null),
  };
}

/** Breadcrumbs with data (URLs, bodies, arguments) are dropped; the rest keep a redacted message. */
export function scrubBreadcrumb(breadcrumb: Breadcrumb): Breadcrumb | null {
  if (breadcrumb.data && Object.keys(breadcrumb.data).length > 0) return null;
  return {
    timestamp: breadcrumb.timestamp,
    category: breadcrumb.category,
    level: breadcrumb.level,
    ...(breadcrumb.message !== undefined && { message: redactText(breadcrumb.message) }),
  };
}

/**
 * What an error report says instead of a JiraError's message: that message is Jira's own text
 * (`errorMessages`, field errors), which can name people by account ID. The `code` tag keeps
 * the HTTP status.
 */
export const JIRA_ERROR_VALUE = "Jira refused the call (Jira's text is not reported)";

function scrubException(exception: Exception): Exception {
  // By name, so that a JiraError reached through `cause` (linked errors) is covered too.
  const value = exception.type === 'JiraError' ? JIRA_ERROR_VALUE : exception.value;
  return {
    type: exception.type,
    ...(value !== undefined && { value: redactText(value) }),
    ...(exception.mechanism && {
      mechanism: { type: exception.mechanism.type, handled: exception.mechanism.handled },
    }),
    ...(exception.stacktrace && {
      stacktrace: { frames: exception.stacktrace.frames?.map(scrubFrame) },
    }),
  };
}

/** Where the code was: file, function and position; never variables or source lines. */
function scrubFrame(frame: StackFrame): StackFrame {
  return {
    filename: frame.filename,
    module: frame.module,
    function: frame.function,
    lineno: frame.lineno,
    colno: frame.colno,
    in_app: frame.in_app,
  };
}

function allowedTags(tags: Record<string, unknown>): Record<string, string> {
  const allowed: Record<string, string> = {};
  for (const name of ALLOWED_TAGS) {
    const value = tags[name];
    if ((typeof value === 'string' || typeof value === 'number') && TAG_VALUE.test(String(value))) {
      allowed[name] = String(value);
    }
  }
  return allowed;
}

/** The error's own code (`ECONNREFUSED`, a Postgres SQLSTATE, a contract code) or HTTP status. */
function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, status } = error as { code?: unknown; status?: unknown };
  if (typeof code === 'string' || typeof code === 'number') return String(code);
  if (typeof status === 'number') return `HTTP_${status}`;
  return undefined;
}
