/**
 * Deep links to one room, the same on every side: the client builds and reads them, the
 * simulator's host pages answer them, and the Connect descriptor's keys are these.
 */

/** The Connect app key (the descriptor's `key`). */
export const CONNECT_APP_KEY = 'io.pokerapp.jira-planning-poker';
/** The Connect general page that lists the rooms (the descriptor's `generalPages[0].key`). */
export const CONNECT_ROOMS_PAGE_KEY = 'poker-rooms';
/**
 * The page parameter that opens a room. Jira passes a Connect page's `ac.*` URL parameters
 * (and `AP.navigator.go`'s `customData`) on to the iframe.
 */
export const ROOM_LINK_PARAM = 'ac.roomId';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const ROOM_ROUTE = new RegExp(`(?:^|/)room/(${UUID})(?:[/?#]|$)`);

/** The Connect page URL that opens the room: `<site>/plugins/servlet/ac/<app>/<page>?ac.roomId=`. */
export function connectRoomLink(siteUrl: string, roomId: string): string {
  const base = siteUrl.replace(/\/+$/, '');
  const query = new URLSearchParams({ [ROOM_LINK_PARAM]: roomId });
  return `${base}/plugins/servlet/ac/${CONNECT_APP_KEY}/${CONNECT_ROOMS_PAGE_KEY}?${query.toString()}`;
}

/** The app's own route to a room (Forge Custom UI history, Connect `AP.history` state). */
export function roomRoute(roomId: string): string {
  return `/room/${roomId}`;
}

/** The room a route names (`/room/<id>`, with or without the leading slash), or null. */
export function roomIdOfRoute(route: string | null | undefined): string | null {
  if (!route) return null;
  return ROOM_ROUTE.exec(route)?.[1]?.toLowerCase() ?? null;
}
