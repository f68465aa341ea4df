import type { RoomCommitter } from './commit/room-committer.service';
import { FacilitationService } from './facilitation.service';
import type { MemberNotices } from './live/member-notices.service';
import type { PresenceService } from './live/presence.service';
import { actor, roomAggregate, ROOM_ID, TENANT_ID } from './rules/room-aggregate.fixture';
import type { RoomAggregate } from './rules/room-aggregate';

/** The service over one room's rows, with who is online, recording what it tells members. */
function service(aggregate: RoomAggregate, online: string[]) {
  const nudges: { tenantId: string; accountIds: readonly string[]; byAccountId: string }[] = [];
  const committer = { peek: jest.fn(async () => aggregate) };
  const presence = { onlineAt: jest.fn(async () => new Set(online)) };
  const notices = {
    nudge: (tenantId: string, accountIds: readonly string[], payload: { byAccountId: string }) =>
      nudges.push({ tenantId, accountIds, byAccountId: payload.byAccountId }),
  };
  const facilitation = new FacilitationService(
    committer as unknown as RoomCommitter,
    presence as unknown as PresenceService,
    notices as unknown as MemberNotices,
  );
  return { facilitation, nudges };
}

describe('FacilitationService.nudge', () => {
  const NOW = 1_000_000;

  it('nudges the online voters without a card, never the one nudging nor observers', async () => {
    const aggregate = roomAggregate({
      members: [
        ['alice', 'owner'],
        ['bob', 'voter'],
        ['carol', 'voter'],
        ['dave', 'voter'],
        ['olga', 'observer'],
      ],
      votes: [['carol', '5']],
    });
    const { facilitation, nudges } = service(aggregate, ['alice', 'bob', 'carol', 'olga']);
    expect(await facilitation.nudge(actor('alice'), ROOM_ID, NOW)).toBe(1);
    expect(nudges).toEqual([{ tenantId: TENANT_ID, accountIds: ['bob'], byAccountId: 'alice' }]);
  });

  it('counts the owner only while the owner votes', async () => {
    const aggregate = roomAggregate({
      room: { ownerVotes: false, facilitatorAccountIds: ['bob'] },
    });
    const { facilitation, nudges } = service(aggregate, ['alice', 'bob', 'carol']);
    expect(await facilitation.nudge(actor('bob'), ROOM_ID, NOW)).toBe(1);
    expect(nudges[0].accountIds).toEqual(['carol']);
  });

  it('lets a room be nudged once in a while, and refuses voters and revealed rounds', async () => {
    const { facilitation } = service(roomAggregate(), ['alice', 'bob', 'carol']);
    await facilitation.nudge(actor('alice'), ROOM_ID, NOW);
    await expect(facilitation.nudge(actor('alice'), ROOM_ID, NOW + 1000)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    expect(await facilitation.nudge(actor('alice'), ROOM_ID, NOW + 10_000)).toBe(2);
    await expect(facilitation.nudge(actor('bob'), ROOM_ID, NOW + 60_000)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const revealed = service(roomAggregate({ room: { revealed: true } }), ['alice']);
    await expect(revealed.facilitation.nudge(actor('alice'), ROOM_ID, NOW)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('sends nothing, and keeps the room free to nudge, when nobody is waited for', async () => {
    const aggregate = roomAggregate({
      votes: [
        ['bob', '3'],
        ['carol', '5'],
      ],
    });
    const { facilitation, nudges } = service(aggregate, ['alice', 'bob', 'carol']);
    expect(await facilitation.nudge(actor('alice'), ROOM_ID, NOW)).toBe(0);
    expect(nudges).toEqual([]);
  });
});
