import type { SuggestRule } from '@poker/shared';
import {
  SEED_USERS,
  STORY_POINTS_FIELD,
  STORY_POINT_ESTIMATE_FIELD,
  type JiraSim,
} from '../../apps/jira-sim/src';
import type { RoomExport, TenantExport } from '../../apps/server/src/privacy/export.service';
import { settingsRequest } from '../support/settings-api';
import { startStack, type Stack } from '../support/stack';

const { alice, bob, carol } = SEED_USERS;

interface TenantRow {
  id: string;
  shared_secret: string;
  installed_at: Date;
}
interface RoomRow {
  id: string;
  name: string;
  owner_account_id: string;
  deck: RoomExport['deck'];
  field_id: string | null;
  auto_reveal: boolean;
  auto_advance: boolean;
  owner_votes: boolean;
  facilitator_account_ids: string[];
  blocked_account_ids: string[];
  skipped_issue_keys: string[];
  anonymous_reveal: boolean;
  anonymous_through: Record<string, number>;
  suggest_rule: SuggestRule;
  timer_seconds: number;
  async_voting: boolean;
  current_issue_key: string | null;
  round: number;
  revealed: boolean;
  timer_ends_at: Date | null;
  version: number;
  updated_at: Date;
}
interface MemberRow {
  account_id: string;
  role: RoomExport['members'][number]['role'];
  last_seen_at: Date;
}
interface IssueRow {
  issue_key: string;
  position: number;
  saved_value: number | null;
  saved_at: Date | null;
  saved_by_account_id: string | null;
  field_id: string | null;
  saved_rounds: number | null;
  saved_consensus: boolean | null;
}
interface VoteRow {
  issue_key: string;
  round: number;
  account_id: string;
  value: string;
}

/** Rooms and their rows in one order, whatever order each side listed them in. */
function sorted(rooms: RoomExport[]): RoomExport[] {
  const by =
    <T>(key: (item: T) => string) =>
    (a: T, b: T) =>
      key(a).localeCompare(key(b));
  return [...rooms].sort(by((r) => r.id)).map((room) => ({
    ...room,
    issues: [...room.issues].sort(by((i) => i.issueKey)),
    members: [...room.members].sort(by((m) => m.accountId)),
    votes: [...room.votes].sort(by((v) => `${v.issueKey} ${v.round} ${v.accountId}`)),
  }));
}

describe('GET /api/export', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  const download = (site: JiraSim, accountId: string) =>
    fetch(`${stack.server.url}/api/export`, {
      headers: { Authorization: `JWT ${site.contextToken(accountId)}` },
    });

  /** A site with a room that has members, a saved estimate, a revealed round and a history. */
  async function usedSite(): Promise<{ site: JiraSim; sharedSecret: string }> {
    const site = await stack.site();
    const sharedSecret = site.state.installation!.sharedSecret;
    const response = await settingsRequest(stack.server.url, site, alice.accountId, {
      fieldId: STORY_POINTS_FIELD,
    });
    expect(response.status).toBe(200);
    const project = await fetch(`${stack.server.url}/api/settings/projects/TEAM`, {
      method: 'PUT',
      headers: {
        Authorization: `JWT ${site.contextToken(alice.accountId)}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ fieldId: STORY_POINT_ESTIMATE_FIELD }),
    });
    expect(project.status).toBe(200);
    const owner = await stack.client(site, bob.accountId);
    const voter = await stack.client(site, carol.accountId);
    const { room } = await owner.ok('room:create', {
      name: 'Sprint 42 refinement',
      deck: { kind: 't-shirt' },
      issueKeys: ['PROJ-1', 'PROJ-2'],
    });
    await voter.ok('room:join', { roomId: room.id });
    await owner.ok('vote:cast', { roomId: room.id, value: 'M' });
    await voter.ok('vote:cast', { roomId: room.id, value: 'L' });
    await owner.ok('vote:reveal', { roomId: room.id });
    await owner.ok('vote:reset', { roomId: room.id });
    await voter.ok('vote:cast', { roomId: room.id, value: 'M' });
    await owner.ok('room:create', { name: 'Empty room', deck: { kind: 'fibonacci' } });
    return { site, sharedSecret };
  }

  it('gives an admin every stored row of their site as a JSON download, and nothing else', async () => {
    const { site, sharedSecret } = await usedSite();
    const other = await usedSite();

    const response = await download(site, alice.accountId);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="[\w.-]+\.json"$/,
    );
    const text = await response.text();
    const exported = JSON.parse(text) as TenantExport;
    // Round trip: the export holds exactly what the database holds for the tenant.
    const db = stack.server.db;
    const [tenant] = await db.query<TenantRow[]>('SELECT * FROM tenant WHERE client_key = $1', [
      site.clientKey,
    ]);
    expect(exported.installation).toEqual({
      clientKey: site.clientKey,
      cloudId: site.state.cloudId,
      forgeInstallationId: null,
      baseUrl: site.url,
      zone: 'us',
      defaultFieldId: STORY_POINTS_FIELD,
      projectFields: { TEAM: STORY_POINT_ESTIMATE_FIELD },
      installedAt: tenant.installed_at.toISOString(),
    });
    const rooms = await db.query<RoomRow[]>('SELECT * FROM room WHERE tenant_id = $1', [tenant.id]);
    const expected: RoomExport[] = [];
    for (const row of rooms) {
      const [members, issues, votes] = await Promise.all([
        db.query<MemberRow[]>('SELECT * FROM room_member WHERE room_id = $1', [row.id]),
        db.query<IssueRow[]>('SELECT * FROM room_issue WHERE room_id = $1', [row.id]),
        db.query<VoteRow[]>('SELECT * FROM vote WHERE room_id = $1', [row.id]),
      ]);
      expected.push({
        id: row.id,
        name: row.name,
        ownerAccountId: row.owner_account_id,
        deck: row.deck,
        fieldId: row.field_id,
        autoReveal: row.auto_reveal,
        autoAdvance: row.auto_advance,
        ownerVotes: row.owner_votes,
        facilitatorAccountIds: row.facilitator_account_ids,
        blockedAccountIds: row.blocked_account_ids,
        skippedIssueKeys: row.skipped_issue_keys,
        anonymousReveal: row.anonymous_reveal,
        anonymousThrough: row.anonymous_through,
        suggestRule: row.suggest_rule,
        timerSeconds: row.timer_seconds,
        asyncVoting: row.async_voting,
        currentIssueKey: row.current_issue_key,
        round: row.round,
        revealed: row.revealed,
        timerEndsAt: row.timer_ends_at?.toISOString() ?? null,
        version: row.version,
        updatedAt: row.updated_at.toISOString(),
        issues: issues.map((i) => ({
          issueKey: i.issue_key,
          position: i.position,
          fieldId: i.field_id,
          savedValue: i.saved_value,
          savedAt: i.saved_at?.toISOString() ?? null,
          savedByAccountId: i.saved_by_account_id,
          savedRounds: i.saved_rounds,
          savedConsensus: i.saved_consensus,
        })),
        members: members.map((m) => ({
          accountId: m.account_id,
          role: m.role,
          lastSeenAt: m.last_seen_at.toISOString(),
        })),
        votes: votes.map((v) => ({
          issueKey: v.issue_key,
          round: v.round,
          accountId: v.account_id,
          value: v.value,
        })),
      });
    }
    expect(sorted(exported.rooms)).toEqual(sorted(expected));
    const refinement = exported.rooms.find((r) => r.name === 'Sprint 42 refinement');
    expect(refinement?.votes).toHaveLength(3);
    expect(refinement?.members.map((m) => m.accountId).sort()).toEqual(
      [bob.accountId, carol.accountId].sort(),
    );
    // Never the secret (plain or encrypted), never another site.
    expect(text).not.toContain(sharedSecret);
    expect(text).not.toContain(tenant.shared_secret);
    expect(text).not.toContain(other.site.clientKey);
    const otherRooms = await db.query<{ id: string }[]>(
      'SELECT r.id FROM room r JOIN tenant t ON t.id = r.tenant_id WHERE t.client_key = $1',
      [other.site.clientKey],
    );
    expect(otherRooms.length).toBeGreaterThan(0);
    for (const { id } of otherRooms) expect(text).not.toContain(id);
  });

  it('refuses a member who is not a Jira admin with 403 FORBIDDEN, asking Jira rather than the browser', async () => {
    const { site } = await usedSite();
    const response = await download(site, bob.accountId);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-disposition')).toBeNull();
    expect(await response.json()).toEqual({
      error: { code: 'FORBIDDEN', message: expect.any(String) },
    });
    expect(
      site.requests.some((r) => r.path === '/rest/api/3/permissions/check' && r.jwtValid),
    ).toBe(true);
  });

  it('refuses a request without a valid context JWT with 401', async () => {
    const { site } = await usedSite();
    expect((await fetch(`${stack.server.url}/api/export`)).status).toBe(401);
    const forged = site.contextToken(alice.accountId).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const response = await fetch(`${stack.server.url}/api/export`, {
      headers: { Authorization: `JWT ${forged}` },
    });
    expect(response.status).toBe(401);
  });
});
