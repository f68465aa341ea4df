import type { RoomSnapshot } from '@poker/shared';
import type { AppConfig } from '../../config/app-config';
import type { ErrorReporter } from '../../errors/error-reporter';
import type { JiraPlanningService } from '../../jira/jira-planning.service';
import type { JiraEditMeta, JiraField, JiraPermissionCheck } from '../../jira/jira-types';
import type { JiraService } from '../../jira/jira.service';
import type { MetricsService } from '../../metrics/metrics.service';
import type { JiraBudget } from '../../rate-limits/jira-budget.service';
import type { ProjectFieldsService } from '../../tenants/project-fields.service';
import type { TenantsService } from '../../tenants/tenants.service';
import { RoomCommitter } from '../commit/room-committer.service';
import { RoomRemovalService } from '../commit/room-removal.service';
import { EstimateReadinessService } from '../estimate-readiness.service';
import { EstimateRecordsService } from '../estimate-records.service';
import { EstimatesService } from '../estimates.service';
import type { IssueQueueService } from '../issue-queue.service';
import type { PresenceService } from '../live/presence.service';
import type { RoomBroadcaster } from '../live/room-broadcaster.service';
import type { RoomConnection } from '../live/room-connection';
import type { Actor } from '../rules/actor';
import { RoomsService } from '../rooms.service';
import { RoundsService } from '../rounds.service';
import {
  NOW,
  ROOM_ID,
  roomAggregate,
  TENANT_ID,
  type AggregateSpec,
} from '../rules/room-aggregate.fixture';
import { RoomCache } from '../store/room-cache.service';
import { FakeRoomRepository } from './fake-room-repository';

/** The estimate field the site picked, and the Jira ID of every issue the Jira stub knows. */
export const DEFAULT_FIELD_ID = 'customfield_10016';
export const JIRA_ISSUE_ID = '10001';
export const TAKEOVER_SECONDS = 600;

/** One `publish` of the broadcaster: the snapshot everyone gets and each member's own card. */
export interface Published {
  snapshot: RoomSnapshot;
  cards: Map<string, string>;
  online: Set<string>;
}

/** A socket as RoomsService sees it: which rooms' broadcasts it receives. */
export interface TestConnection extends RoomConnection {
  rooms: Set<string>;
  entered: string[];
  exited: string[];
}

export function testConnection(): TestConnection {
  const connection: TestConnection = {
    rooms: new Set(),
    entered: [],
    exited: [],
    enter: async (roomId) => {
      connection.entered.push(roomId);
      connection.rooms.add(roomId);
    },
    exit: async (roomId) => {
      connection.exited.push(roomId);
      connection.rooms.delete(roomId);
    },
    isIn: (roomId) => connection.rooms.has(roomId),
  };
  return connection;
}

/**
 * The room services as the app wires them, with their outside world replaced (in the manner of
 * Immich's newTestService): the repository by FakeRoomRepository, presence by a settable set
 * of online accounts, the broadcaster by a recorder, Jira and its budget by jest mocks. The
 * committer, cache, removal and the three use-case services are the real ones.
 */
export function newTestService() {
  const store = new FakeRoomRepository();
  const cache = new RoomCache();

  /** Who every node's sockets say is online; `local`: who has a socket on this node. */
  const presence = {
    online: new Set<string>(),
    local: new Set<string>(),
    onlineAt: jest.fn(async (): Promise<Set<string>> => new Set(presence.online)),
    hasLocalSocket: (_roomId: string, accountId: string) => presence.local.has(accountId),
  };
  const setOnline = (...accountIds: string[]) => {
    presence.online = new Set(accountIds);
  };

  const published: Published[] = [];
  const removed: string[] = [];
  const broadcaster = {
    publish: (
      snapshot: RoomSnapshot,
      cards: Map<string, string>,
      _rows: unknown,
      online: Set<string>,
    ) => published.push({ snapshot, cards: new Map(cards), online: new Set(online) }),
    removed: (roomId: string) => removed.push(roomId),
  };

  /** The committer's path of every commit: 'cached', or 'locked-' and why. */
  const commitPaths: string[] = [];
  const metrics = { roomCommits: { inc: ({ path }: { path: string }) => commitPaths.push(path) } };

  const jira = {
    issue: jest.fn(async (_caller: Actor, key: string) => ({
      id: JIRA_ISSUE_ID,
      key,
      fields: { project: { key: key.split('-')[0] } },
    })),
    checkPermissions: jest.fn(async (): Promise<JiraPermissionCheck> => ({
      projectPermissions: [{ permission: 'EDIT_ISSUES', issues: [Number(JIRA_ISSUE_ID)] }],
    })),
    editMeta: jest.fn(async (): Promise<JiraEditMeta> => ({ fields: { [DEFAULT_FIELD_ID]: {} } })),
    setField: jest.fn(async (_caller: Actor, _key: string, _field: string, _value: number) => {}),
    fields: jest.fn(async (): Promise<JiraField[]> => [
      { id: DEFAULT_FIELD_ID, name: 'Story Points', schema: { type: 'number' } },
    ]),
  };
  /** Time tracking on, estimation unknown, every write and record accepted. */
  const planning = {
    timeTrackingEnabled: jest.fn(async (): Promise<boolean | null> => true),
    estimationEnabled: jest.fn(async (): Promise<boolean | null> => true),
    setOriginalEstimate: jest.fn(async (_caller: Actor, _key: string, _duration: string) => {}),
    setIssueProperty: jest.fn(
      async (_caller: Actor, _key: string, _property: string, _value: unknown) => {},
    ),
  };
  const projectFields = { of: jest.fn(async (): Promise<Record<string, string>> => ({})) };
  const reporter = { capture: jest.fn() };
  const budget = { spend: jest.fn(async () => {}), spendOnSave: jest.fn(async () => {}) };
  const tenants = {
    findById: jest.fn(async (): Promise<{ defaultFieldId: string | null }> => ({
      defaultFieldId: DEFAULT_FIELD_ID,
    })),
  };
  /** Keys as typed are all visible in Jira; the JQL finds nothing more. */
  const issueQueue = {
    resolve: jest.fn(async (_actor: Actor, issueKeys: string[], _jql?: string) => issueKeys),
    requireNumberField: jest.fn(async (_actor: Actor, _fieldId: string) => {}),
    requireEstimateFields: jest.fn(async (_actor: Actor, _fields?: unknown) => {}),
  };
  const config = {
    ownerTakeoverSeconds: TAKEOVER_SECONDS,
    jira: { baseDelayMs: 1 },
  } as AppConfig;

  const repository = store.asRepository();
  const committer = new RoomCommitter(
    repository,
    presence as unknown as PresenceService,
    broadcaster as unknown as RoomBroadcaster,
    cache,
    metrics as unknown as MetricsService,
    config,
  );
  const removal = new RoomRemovalService(
    repository,
    broadcaster as unknown as RoomBroadcaster,
    cache,
  );
  const queue = issueQueue as unknown as IssueQueueService;
  const records = new EstimateRecordsService(
    planning as unknown as JiraPlanningService,
    reporter as unknown as ErrorReporter,
    config,
  );
  return {
    committer,
    rooms: new RoomsService(
      repository,
      committer,
      presence as unknown as PresenceService,
      removal,
      cache,
      queue,
      config,
    ),
    rounds: new RoundsService(repository, committer, queue),
    estimates: new EstimatesService(
      jira as unknown as JiraService,
      planning as unknown as JiraPlanningService,
      committer,
      repository,
      tenants as unknown as TenantsService,
      projectFields as unknown as ProjectFieldsService,
      budget as unknown as JiraBudget,
      new EstimateReadinessService(
        jira as unknown as JiraService,
        planning as unknown as JiraPlanningService,
      ),
      records,
    ),
    store,
    cache,
    presence,
    setOnline,
    published,
    removed,
    commitPaths,
    jira,
    planning,
    projectFields,
    reporter,
    records,
    budget,
    tenants,
    issueQueue,
  };
}

export type TestService = ReturnType<typeof newTestService>;

/** Runs each spec with the services' clock at the fixture's NOW; timers are faked too. */
export function clockAtNow(): void {
  beforeEach(() => {
    jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  });
  afterEach(() => {
    jest.useRealTimers();
  });
}

/** Another site's tenant ID: its people must find none of this tenant's rooms. */
export const OTHER_TENANT = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

/** The services over a store holding one room (`spec`), with alice, bob and carol online. */
export function seededService(spec: AggregateSpec = {}): TestService {
  const t = newTestService();
  t.store.seed(roomAggregate(spec));
  t.setOnline('alice', 'bob', 'carol');
  return t;
}

/** The seeded room's rows as the store holds them. */
export const storedRows = (t: TestService) => t.store.rows(TENANT_ID, ROOM_ID)!;

/** Expects `action` refused with `code`, with nothing stored and nothing broadcast. */
export async function expectNothingChanged(
  t: TestService,
  action: Promise<unknown>,
  code: string,
): Promise<void> {
  const before = storedRows(t);
  const published = t.published.length;
  await expect(action).rejects.toMatchObject({ code });
  expect(storedRows(t)).toEqual(before);
  expect(t.published).toHaveLength(published);
}
