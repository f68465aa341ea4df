import type { AckError } from '@poker/shared';
import { errorTitle, readableError } from '../components/error-text';
import type { HostFlag } from '../host/host-bridge';

/** The four kinds Jira's flags come in (AP.flag.create `type`, Forge showFlag `type`). */
export type FlagType = HostFlag['type'];

/**
 * The result of an action, said once: a Jira flag on Connect and Forge, an in-page toast where
 * the host shows none. `close` follows AP.flag.create: `auto` fades away, `manual` stays until
 * dismissed. Left out, it follows the type (flagClose).
 */
export interface Flag {
  title: string;
  description?: string;
  type: FlagType;
  close?: 'auto' | 'manual';
}

/**
 * How long an auto-closing flag stays: Forge documents 8 s for `isAutoDismiss`; AP.flag.create
 * documents none (AUI, which Connect's flags look like, uses 8 s too).
 */
export const AUTO_CLOSE_MS = 8_000;

/** At most this many toasts at once: the oldest goes first. */
export const MAX_TOASTS = 3;

/** Good news fades by itself; a warning or an error stays until the person has seen it. */
export function flagClose(flag: Flag): 'auto' | 'manual' {
  return flag.close ?? (flag.type === 'success' || flag.type === 'info' ? 'auto' : 'manual');
}

/** The flag of a failed action: what was tried as the title, the server's words below. */
export function failureFlag(what: string, error: AckError): Flag {
  return {
    title: what,
    description: `${errorTitle(error)}: ${readableError(error)}`,
    type: 'error',
  };
}

/** A toast on screen: the flag and the id it is dismissed by. */
export interface Toast extends Flag {
  id: number;
}

/** The toasts after a new one: newest last, never more than MAX_TOASTS. */
export function withToast(toasts: readonly Toast[], toast: Toast): Toast[] {
  return [...toasts, toast].slice(-MAX_TOASTS);
}

/** The toasts without the one dismissed. */
export function withoutToast(toasts: readonly Toast[], id: number): Toast[] {
  return toasts.filter((toast) => toast.id !== id);
}
