import { roomChannel, type PokerSocket } from './room-channel';

/** How a service moves a socket in and out of a room's broadcasts, without knowing Socket.IO. */
export interface RoomConnection {
  enter(roomId: string): Promise<void>;
  exit(roomId: string): Promise<void>;
  /** Whether the socket already receives the room (it joined before). */
  isIn(roomId: string): boolean;
}

/** Joins and leaves the socket's Socket.IO rooms and remembers them for disconnect. */
export function connectionOf(socket: PokerSocket): RoomConnection {
  return {
    enter: async (roomId) => {
      await socket.join(roomChannel(roomId));
      if (!socket.data.roomIds.includes(roomId)) socket.data.roomIds.push(roomId);
    },
    exit: async (roomId) => {
      await socket.leave(roomChannel(roomId));
      socket.data.roomIds = socket.data.roomIds.filter((id) => id !== roomId);
    },
    isIn: (roomId) => socket.data.roomIds.includes(roomId),
  };
}
