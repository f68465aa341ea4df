/** Socket.IO namespace every poker socket connects to. */
export const POKER_NAMESPACE = '/poker';

/** Events a client emits; each takes one payload object and answers through the ack callback. */
export const ClientEvent = {
  roomCreate: 'room:create',
  roomList: 'room:list',
  roomJoin: 'room:join',
  roomLeave: 'room:leave',
  roomUpdate: 'room:update',
  issueAdd: 'issue:add',
  issueRemove: 'issue:remove',
  issueSelect: 'issue:select',
  voteCast: 'vote:cast',
  voteReveal: 'vote:reveal',
  voteReset: 'vote:reset',
  timerStart: 'timer:start',
  timerStop: 'timer:stop',
  estimateSave: 'estimate:save',
  roomTransfer: 'room:transfer',
  roomRemove: 'room:remove',
} as const;

export type ClientEventName = (typeof ClientEvent)[keyof typeof ClientEvent];

/** Events the server broadcasts to the sockets of a room. */
export const ServerEvent = {
  roomState: 'room:state',
  roomRemoved: 'room:removed',
} as const;

export type ServerEventName = (typeof ServerEvent)[keyof typeof ServerEvent];
