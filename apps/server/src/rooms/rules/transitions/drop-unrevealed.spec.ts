import { roomAggregate, type AggregateSpec } from '../room-aggregate.fixture';
import { RoomWrites } from '../room-writes';
import { dropUnrevealed } from './drop-unrevealed';

const dropped = (room: AggregateSpec['room']) => {
  const writes = new RoomWrites();
  dropUnrevealed(roomAggregate({ room }), writes);
  return writes.droppedRound;
};

describe('dropUnrevealed', () => {
  it('drops the round in play while it is hidden', () => {
    expect(dropped({ round: 3 })).toEqual({ issueKey: 'PROJ-1', round: 3 });
  });

  it('keeps a revealed round, and has nothing to drop with no issue in play', () => {
    expect(dropped({ revealed: true })).toBeUndefined();
    expect(dropped({ currentIssueKey: null, round: 0 })).toBeUndefined();
  });
});
