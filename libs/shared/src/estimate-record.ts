import { z } from 'zod';

/**
 * The record of a saved estimate that the app writes into the customer's Jira as an issue
 * entity property. It lives in their Jira, under their residency, and survives our retention,
 * an uninstall and account erasure; our own tables keep only what they kept before.
 */
export const ESTIMATE_PROPERTY_KEY = 'planningPoker';

/**
 * The paths Jira indexes for JQL, e.g. `issue.property[planningPoker].consensus = false`. The
 * Connect descriptor (`jiraEntityProperties`) and the Forge manifest (`jira:entityProperty`)
 * both declare exactly these.
 */
export const ESTIMATE_PROPERTY_INDEX = [
  { objectName: 'consensus', type: 'string' },
  { objectName: 'value', type: 'number' },
  { objectName: 'voters', type: 'number' },
  { objectName: 'rounds', type: 'number' },
  { objectName: 'savedAt', type: 'date' },
] as const;

export const estimateRecordSchema = z.strictObject({
  /** Shape version, so a later app can read records an earlier one wrote. */
  version: z.literal(1),
  /** The saved number (hours for a time deck), and the text written when it was a duration. */
  value: z.number(),
  display: z.string(),
  fieldId: z.string(),
  /** Every vote of the final round had the same card. */
  consensus: z.boolean(),
  voters: z.int().min(0),
  /** Rounds taken on this issue, the final one included. */
  rounds: z.int().min(1),
  distribution: z.array(z.strictObject({ card: z.string(), count: z.int().min(1) })),
  /** Who voted what in the final round; absent when the room reveals anonymously. */
  votes: z.array(z.strictObject({ accountId: z.string(), card: z.string() })).optional(),
  savedAt: z.iso.datetime({ offset: true }),
});
export type EstimateRecord = z.infer<typeof estimateRecordSchema>;
