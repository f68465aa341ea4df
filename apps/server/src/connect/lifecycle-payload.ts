import { z } from 'zod';

/** The body Jira POSTs to our lifecycle URLs; only clientKey, sharedSecret and baseUrl are kept. */
export const lifecyclePayloadSchema = z.object({
  key: z.string().min(1).max(200),
  clientKey: z.string().min(1).max(200),
  sharedSecret: z.string().min(16).max(1000).optional(),
  baseUrl: z.url({ protocol: /^https?$/ }),
  eventType: z.enum(['installed', 'uninstalled', 'enabled', 'disabled']),
});
export type LifecyclePayload = z.infer<typeof lifecyclePayloadSchema>;
