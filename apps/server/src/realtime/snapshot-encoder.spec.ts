import * as parser from 'socket.io-parser';
import { SnapshotEncoder, withPreEncodedViews } from './snapshot-encoder';

/** What a standard socket.io client makes of an encoded packet. */
function decode(encoded: unknown[]): parser.Packet {
  const decoder = new parser.Decoder();
  let packet: parser.Packet | undefined;
  decoder.on('decoded', (decoded: parser.Packet) => (packet = decoded));
  for (const part of encoded) decoder.add(part);
  if (!packet) throw new Error('nothing decoded');
  return packet;
}

describe('SnapshotEncoder', () => {
  const snapshot = {
    id: 'r1',
    name: 'Sprint "42" ✓',
    version: 7,
    votes: null,
    members: [{ a: 1 }],
  };

  it('writes pre-encoded views as the standard encoder would write the same objects', () => {
    const views = withPreEncodedViews(snapshot, ['5', null]);
    for (const [card, view] of views) {
      const packet = {
        type: parser.PacketType.EVENT,
        nsp: '/poker',
        data: ['room:state', view, 'offset-1'],
      };
      const ours = decode(new SnapshotEncoder().encode(packet));
      const standard = decode(new parser.Encoder().encode(packet));
      expect(ours).toEqual(standard);
      expect(ours.data).toEqual(['room:state', { ...snapshot, myVote: card }, 'offset-1']);
    }
  });

  it('leaves every other packet to the standard encoder', () => {
    const packet = { type: parser.PacketType.ACK, nsp: '/poker', id: 3, data: [{ ok: true }] };
    expect(new SnapshotEncoder().encode(packet)).toEqual(new parser.Encoder().encode(packet));
  });
});
