import { roomListChangedSchema, type RoomListChangedPayload } from '@poker/shared';
import type { Namespace } from 'socket.io';
import { roomAggregate, ROOM_ID, TENANT_ID } from '../rules/room-aggregate.fixture';
import { listChannel, RoomListPublisher } from './room-list-publisher.service';

/** A namespace whose list channel of TENANT_ID has `watchers` sockets; records the emits. */
function fakeNamespace(watchers: number) {
  const emitted: { channel: string; event: string; payload: RoomListChangedPayload }[] = [];
  const rooms = new Map<string, Set<string>>();
  if (watchers > 0) {
    rooms.set(listChannel(TENANT_ID), new Set(Array.from({ length: watchers }, (_, i) => `s${i}`)));
  }
  const namespace = {
    adapter: { rooms },
    to: (channel: string) => ({
      emit: (event: string, payload: RoomListChangedPayload) => {
        emitted.push({ channel, event, payload: roomListChangedSchema.parse(payload) });
        return true;
      },
    }),
  } as unknown as Namespace;
  return { namespace, emitted };
}

const ONLINE = new Set(['alice', 'bob']);

describe('RoomListPublisher', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function publisher(watchers = 1) {
    const fake = fakeNamespace(watchers);
    const list = new RoomListPublisher(undefined);
    list.attach(fake.namespace);
    return { list, ...fake };
  }

  it("pushes a room's summary once per burst, to its tenant's list channel", () => {
    const { list, emitted } = publisher();
    list.changed(roomAggregate(), new Set(['alice']));
    list.changed(roomAggregate(), ONLINE);
    expect(emitted).toEqual([]);
    jest.advanceTimersByTime(200);
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toMatchObject({
      channel: listChannel(TENANT_ID),
      event: 'room:listChanged',
      payload: { rooms: [{ id: ROOM_ID, onlineCount: 2 }], removedRoomIds: [] },
    });
  });

  it('sends nothing for a change the list does not show (a vote)', () => {
    const { list, emitted } = publisher();
    list.changed(roomAggregate(), ONLINE);
    jest.advanceTimersByTime(200);
    list.changed(roomAggregate({ votes: [['bob', '8']] }), ONLINE);
    jest.advanceTimersByTime(200);
    expect(emitted).toHaveLength(1);
    expect(JSON.stringify(emitted)).not.toContain('"8"');
  });

  it('pushes a removal, replacing a pending summary of the same room', () => {
    const { list, emitted } = publisher();
    list.changed(roomAggregate(), ONLINE);
    list.removed(TENANT_ID, ROOM_ID);
    jest.advanceTimersByTime(200);
    expect(emitted.map((e) => e.payload)).toEqual([{ rooms: [], removedRoomIds: [ROOM_ID] }]);
  });

  it('does no work on a single node where nobody looks at the list', () => {
    const { list, emitted } = publisher(0);
    list.changed(roomAggregate(), ONLINE);
    list.removed(TENANT_ID, ROOM_ID);
    jest.advanceTimersByTime(200);
    expect(emitted).toEqual([]);
  });
});
