import { z } from 'zod';
import { FORGE_LIFECYCLE_EVENTS, FORGE_MODULE_KEYS } from '@poker/shared';
import type { FitClaims } from './fit-claims';

/**
 * What Forge POSTs to `/forge/lifecycle`: the trigger's event (installed, upgraded) or the
 * preUninstall call. Only the fields we act on are read; the rest of Forge's body passes.
 */
export const lifecycleBodySchema = z.looseObject({
  eventType: z.string().max(200).optional(),
  context: z.looseObject({ cloudId: z.string().min(1).max(200).optional() }).optional(),
});
export type LifecycleBody = z.infer<typeof lifecycleBodySchema>;

export type LifecycleAction = 'install' | 'uninstall' | 'unknown';

/**
 * Which lifecycle call this is. Installed and upgraded come as trigger events. The body of the
 * preUninstall call is unconfirmed (shared/FORGE.md "U"), so it is recognised by either sign:
 * an event type naming an uninstall, or the FIT's module key being our preUninstall module.
 * Anything else changes nothing: deleting a site's data must never happen by accident.
 */
export function lifecycleAction(fit: FitClaims, body: LifecycleBody): LifecycleAction {
  const event = body.eventType ?? '';
  if ((FORGE_LIFECYCLE_EVENTS as readonly string[]).includes(event)) return 'install';
  if (fit.app.module?.key === FORGE_MODULE_KEYS.preUninstall) return 'uninstall';
  if (/^avi:forge:(pre)?uninstall(ed)?:app$/.test(event)) return 'uninstall';
  return 'unknown';
}

/** The site a call is about: the FIT's own claim first, the body's only on trigger events. */
export function siteOf(fit: FitClaims, body?: LifecycleBody): string | undefined {
  return fit.context?.cloudId ?? body?.context?.cloudId;
}
