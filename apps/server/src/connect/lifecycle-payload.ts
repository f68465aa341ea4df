import { z } from 'zod';

/** The body Jira POSTs to our lifecycle URLs; only clientKey, sharedSecret, baseUrl and cloudId are kept. */
export const lifecyclePayloadSchema = z.object({
  key: z.string().min(1).max(200),
  clientKey: z.string().min(1).max(200),
  sharedSecret: z.string().min(16).max(1000).optional(),
  baseUrl: z.url({ protocol: /^https?$/ }),
  eventType: z.enum(['installed', 'uninstalled', 'enabled', 'disabled']),
  // Links the site to its Forge installation (the in-place upgrade); kept, it is no person's data.
  cloudId: z.string().min(1).max(200).optional(),
});
export type LifecyclePayload = z.infer<typeof lifecyclePayloadSchema>;
