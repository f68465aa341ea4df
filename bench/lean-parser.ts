import { EventEmitter } from 'node:events';

/**
 * A socket.io-parser replacement for the load generator only. The default decoder runs
 * JSON.parse over every `room:state` snapshot (several KB, thousands a second), which on a
 * 2-core machine would bill the generator's own CPU to the server under test. The generator
 * only needs a snapshot's `version` (and, from acks, the room id), so those two packet kinds
 * are scanned instead of parsed; everything else (connect, errors, failed acks) is parsed.
 *
 * What handlers receive: `room:state` and `room:patch` → `(version: number, offset?: string)`
 * (both as `room:state`: the bench times when a member holds the new version);
 * an ack → one {@link LeanAck}.
 */
const EVENT = 2;
const ACK = 3;
const STATE_PREFIX = '["room:state",';
/** `room:patch` (the product's clients ask for patches): the generator needs its `version` only. */
const PATCH_PREFIX = '["room:patch",';
const OK_ACK_PREFIX = '[{"ok":true';
const VERSION_KEY = '"version":';
const ROOM_ID_KEY = '"room":{"id":"';

export type LeanAck =
  { ok: true; version: number; roomId: string } | { ok: false; code: string; message: string };

interface Packet {
  type: number;
  nsp: string;
  id?: number;
  data?: unknown;
}

let knownNamespace = '/';

function namespaceAt(text: string, end: number): string {
  if (end - 1 === knownNamespace.length && text.startsWith(knownNamespace, 1))
    return knownNamespace;
  knownNamespace = text.slice(1, end);
  return knownNamespace;
}

function intAfter(text: string, key: string, from: number): number {
  const at = text.indexOf(key, from);
  if (at === -1) return NaN;
  let value = 0;
  let digits = 0;
  for (let i = at + key.length; ; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) break;
    value = value * 10 + (code - 48);
    digits += 1;
  }
  return digits ? value : NaN;
}

/** `["room:state",{…},"offset"]`: the offset is there when connection-state recovery is on. */
/** Snapshots received and their total length, so the report can compare snapshot sizes. */
export const stateTraffic = { messages: 0, chars: 0 };

function stateArgs(text: string, from: number): unknown[] {
  stateTraffic.messages += 1;
  stateTraffic.chars += text.length;
  const version = intAfter(text, VERSION_KEY, from + STATE_PREFIX.length);
  // One snapshot in a thousand is parsed for real: should the snapshot's shape ever fool the
  // scan, the socket closes with "parse error", which the report counts.
  if (stateTraffic.messages % 1000 === 1) {
    const [, room] = JSON.parse(text.slice(from)) as [string, { version?: unknown }];
    if (room.version !== version)
      throw new Error(`Scanned version ${version}, parsed ${String(room.version)}`);
  }
  const end = text.length;
  if (text.charCodeAt(end - 2) !== 34) return ['room:state', version];
  const open = text.lastIndexOf('"', end - 3);
  return ['room:state', version, text.slice(open + 1, end - 2)];
}

function okAck(text: string, from: number): LeanAck {
  const version = intAfter(text, VERSION_KEY, from);
  const at = text.indexOf(ROOM_ID_KEY, from);
  const roomId =
    at === -1
      ? ''
      : text.slice(at + ROOM_ID_KEY.length, text.indexOf('"', at + ROOM_ID_KEY.length));
  return { ok: true, version: Number.isNaN(version) ? 0 : version, roomId };
}

function leanAckOf(ack: { ok?: boolean; error?: { code?: string; message?: string } }): LeanAck {
  if (ack?.ok === true) return { ok: true, version: 0, roomId: '' };
  return { ok: false, code: ack?.error?.code ?? 'MALFORMED', message: ack?.error?.message ?? '' };
}

function decode(text: string): Packet {
  const type = text.charCodeAt(0) - 48;
  let at = 1;
  let nsp = '/';
  if (text.charCodeAt(1) === 47) {
    const comma = text.indexOf(',', 1);
    const end = comma === -1 ? text.length : comma;
    nsp = namespaceAt(text, end);
    at = comma === -1 ? end : comma + 1;
  }
  let id: number | undefined;
  for (let code = text.charCodeAt(at); code >= 48 && code <= 57; code = text.charCodeAt(at)) {
    id = (id ?? 0) * 10 + (code - 48);
    at += 1;
  }
  if (at >= text.length) return { type, nsp, id };
  if (type === EVENT && text.startsWith(STATE_PREFIX, at)) {
    return { type, nsp, id, data: stateArgs(text, at) };
  }
  if (type === EVENT && text.startsWith(PATCH_PREFIX, at)) {
    stateTraffic.messages += 1;
    stateTraffic.chars += text.length;
    return { type, nsp, id, data: ['room:state', intAfter(text, VERSION_KEY, at)] };
  }
  if (type === ACK && text.startsWith(OK_ACK_PREFIX, at)) {
    return { type, nsp, id, data: [okAck(text, at)] };
  }
  const data: unknown = JSON.parse(text.slice(at));
  if (type === ACK && Array.isArray(data)) return { type, nsp, id, data: [leanAckOf(data[0])] };
  return { type, nsp, id, data };
}

class Encoder {
  encode(packet: Packet): string[] {
    let text = String(packet.type);
    if (packet.nsp && packet.nsp !== '/') text += packet.nsp + ',';
    if (packet.id !== undefined && packet.id !== null) text += String(packet.id);
    if (packet.data !== undefined) text += JSON.stringify(packet.data);
    return [text];
  }
}

class Decoder extends EventEmitter {
  add(chunk: unknown): void {
    if (typeof chunk !== 'string') throw new Error('The bench expects no binary packets.');
    this.emit('decoded', decode(chunk));
  }

  destroy(): void {}
}

/** Pass as `parser` in the socket.io-client options. */
export const leanParser = { Encoder, Decoder };
