import { SEED_USERS, type JiraSim } from '../../apps/jira-sim/src';
import { startStack, tenantRows, type Stack } from '../support/stack';
import { startForgeStack, siteRows, type ForgeStack } from '../support/forge-stack';
import type { PokerClient } from '../support/poker-client';

const { bob, gina } = SEED_USERS;

/**
 * Issue 14 #1 and issue 13: every key that enters a room is one the acting person may browse.
 * Gina may browse PROJ but not TEAM. Neither a key nor a JQL query, nor the error or the count
 * she gets back, may tell her anything about TEAM's issues.
 */
function browseSuite(
  name: string,
  door: 'connect' | 'forge',
  start: () => Promise<{
    person(accountId: string): Promise<PokerClient>;
    rows(): Promise<string>;
    close(): Promise<void>;
  }>,
) {
  describe(name, () => {
    let world: Awaited<ReturnType<typeof start>>;
    let client: PokerClient;
    beforeAll(async () => {
      world = await start();
      client = await world.person(gina.accountId);
    });
    afterAll(async () => {
      client.close();
      await world.close();
    });

    it('refuses a key she may not browse exactly as a key that does not exist', async () => {
      const before = await world.rows();
      const hidden = await client.call('room:create', {
        name: 'Peek',
        deck: { kind: 'fibonacci' },
        issueKeys: ['PROJ-1', 'TEAM-1'],
      });
      const absent = await client.call('room:create', {
        name: 'Peek',
        deck: { kind: 'fibonacci' },
        issueKeys: ['PROJ-1', 'TEAM-999'],
      });
      expect(hidden).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(absent).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      const message = (ack: typeof hidden) => (ack.ok ? '' : ack.error.message);
      expect(message(hidden).replace('TEAM-1', 'KEY')).toBe(
        message(absent).replace('TEAM-999', 'KEY'),
      );
      expect(await world.rows()).toBe(before);
    });

    it('keeps JQL results she may not browse out of the room, and out of every count', async () => {
      const ack = await client.call('room:create', {
        name: 'Mixed',
        deck: { kind: 'fibonacci' },
        issueKeys: [],
        jql: 'project in (PROJ, TEAM) ORDER BY key',
      });
      if (door === 'forge') {
        // Jira, asked as Gina, does not know a project TEAM at all: the uniform refusal.
        expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
        return;
      }
      // The app sees both projects; only what Gina may browse enters the room.
      if (!ack.ok) throw new Error(ack.error.message);
      const keys = ack.data.room.issues.map((issue) => issue.issueKey);
      expect(keys).toHaveLength(20);
      expect(keys.filter((key) => !key.startsWith('PROJ-'))).toEqual([]);
    });

    it('answers a query matching only hidden issues as one matching nothing, or a bad one', async () => {
      const before = await world.rows();
      const create = (jql: string) =>
        client.call('room:create', {
          name: 'Probe',
          deck: { kind: 'fibonacci' },
          issueKeys: [],
          jql,
        });
      const answers = await Promise.all([
        create('project = TEAM AND key = TEAM-1'),
        create('project = TEAM AND key = TEAM-999'),
        create('project = PROJ AND key = PROJ-999'),
        create('project = NOSUCH'),
        create('project = TEAM AND summary ~ '),
      ]);
      for (const answer of answers) {
        expect(answer).toEqual({
          ok: false,
          error: {
            code: 'BAD_REQUEST',
            message: 'No issue you may see matches this JQL query (or Jira did not accept it).',
          },
        });
      }
      expect(await world.rows()).toBe(before);
    });

    it('lets someone who may browse both projects add TEAM issues', async () => {
      const other = await world.person(bob.accountId);
      const { room } = await other.ok('room:create', {
        name: 'Both',
        deck: { kind: 'fibonacci' },
        issueKeys: ['PROJ-1', 'TEAM-1'],
      });
      expect(room.issues.map((issue) => issue.issueKey)).toEqual(['PROJ-1', 'TEAM-1']);
      other.close();
    });
  });
}

browseSuite('Connect: the app asks Jira what the person may browse', 'connect', async () => {
  const stack: Stack = await startStack();
  const site: JiraSim = await stack.site();
  return {
    person: (accountId: string) => stack.client(site, accountId),
    rows: () => tenantRows(stack.server, site.clientKey),
    close: () => stack.close(),
  };
});

browseSuite('Forge: Jira itself answers as the person', 'forge', async () => {
  const stack: ForgeStack = await startForgeStack();
  return {
    person: (accountId: string) => stack.client(accountId),
    rows: () => siteRows(stack.server, stack.site.state.cloudId),
    close: () => stack.close(),
  };
});
