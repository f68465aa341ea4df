import { z } from 'zod';

/**
 * The claims of a Forge Invocation Token we rely on (shared/FORGE.md). Only what we read is
 * checked; Forge may add more. `principal` is the acting person on UI calls, absent on
 * triggers; `context.cloudId` names the site on UI calls (triggers may carry only the app).
 */
export const fitClaimsSchema = z.object({
  app: z.object({
    id: z.string().min(1).max(200),
    installationId: z.string().min(1).max(300),
    apiBaseUrl: z.url({ protocol: /^https?$/ }).max(500),
    module: z
      .object({ key: z.string().max(200).optional() })
      .partial()
      .optional(),
  }),
  context: z
    .object({
      cloudId: z.string().min(1).max(200).optional(),
      siteUrl: z
        .url({ protocol: /^https?$/ })
        .max(500)
        .optional(),
      moduleKey: z.string().max(200).optional(),
    })
    .optional(),
  principal: z.string().min(1).max(200).optional(),
});

export type FitClaims = z.infer<typeof fitClaimsSchema>;
