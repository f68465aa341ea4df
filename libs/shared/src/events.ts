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
  /** Facilitation (issue 15): see ARCHITECTURE.md "Facilitation". */
  memberKick: 'member:kick',
  memberNudge: 'member:nudge',
  facilitatorGrant: 'facilitator:grant',
  facilitatorRevoke: 'facilitator:revoke',
  issueSkip: 'issue:skip',
  /** Async voting (issue 15): see ARCHITECTURE.md "Async voting". */
  issueAcceptAgreed: 'issue:acceptAgreed',
} as const;

export type ClientEventName = (typeof ClientEvent)[keyof typeof ClientEvent];

/**
 * Events about the socket's session rather than a room (kept out of `ClientEvent`, whose
 * events are the room protocol). `session:renew { token }` swaps in a fresh session token on
 * the open socket before the old one expires; ack `{ ok: true, data: { expiresAt } }`.
 */
export const SessionEvent = {
  renew: 'session:renew',
} as const;

export const SESSION_RENEW = SessionEvent.renew;

export type SessionEventName = (typeof SessionEvent)[keyof typeof SessionEvent];

/** Events the server broadcasts to the sockets of a room. */
export const ServerEvent = {
  roomState: 'room:state',
  /** Instead of `room:state` after the first, for sockets that asked for patches (patch.ts). */
  roomPatch: 'room:patch',
  roomRemoved: 'room:removed',
  /**
   * To the sockets of a tenant that asked for its list (`room:list`): the summaries of rooms
   * created or changed in what a list shows, and the IDs of removed rooms.
   */
  roomListChanged: 'room:listChanged',
  /** To the nudged members' sockets only: a facilitator asks them to vote. */
  memberNudged: 'member:nudged',
  /** To a kicked member's sockets: they are out of the room (and maybe blocked). */
  memberKicked: 'member:kicked',
} as const;

export type ServerEventName = (typeof ServerEvent)[keyof typeof ServerEvent];
