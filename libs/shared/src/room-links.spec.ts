import { connectRoomLink, roomIdOfRoute, roomRoute } from './room-links';

const ROOM = '6f1c2a44-9a0b-4c55-8d1e-3b2f0a9c7d10';

describe('room links', () => {
  it('builds the Connect page URL with the ac. parameter Jira passes on to the iframe', () => {
    expect(connectRoomLink('https://acme.atlassian.net/', ROOM)).toBe(
      `https://acme.atlassian.net/plugins/servlet/ac/io.pokerapp.jira-planning-poker/poker-rooms?ac.roomId=${ROOM}`,
    );
  });

  it('reads the room back from its route, and nothing from anything else', () => {
    expect(roomIdOfRoute(roomRoute(ROOM))).toBe(ROOM);
    expect(roomIdOfRoute(`room/${ROOM}`)).toBe(ROOM);
    expect(roomIdOfRoute(`/room/${ROOM}?x=1`)).toBe(ROOM);
    expect(roomIdOfRoute('/')).toBeNull();
    expect(roomIdOfRoute('/room/not-a-room')).toBeNull();
    expect(roomIdOfRoute(`/room/${ROOM}0`)).toBeNull();
    expect(roomIdOfRoute(null)).toBeNull();
  });
});
