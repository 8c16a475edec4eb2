import { z } from 'zod';
import { defineMethod } from '../define';
import { timestampSchema } from '../common';

/**
 * What the funnel and retention builders pick from (issue 17, section 3): the tenant's known event
 * names, read from the hourly rollups (never the raw events), with how often each was seen, when last,
 * and the properties it is rolled up by (good candidates for a funnel's breakdown).
 */
export const eventNamesOutputSchema = z.object({
  items: z.array(
    z.object({
      name: z.string(),
      /** Events of this name the rollups hold (all time). */
      count: z.number().int(),
      /** Start of the last hour (UTC, epoch ms) an event of this name was seen. */
      lastAt: timestampSchema,
      /** Properties this name is rolled up by (its dimensions, without the source and campaign). */
      properties: z.array(z.string()),
    }),
  ),
});
export type EventNamesOutput = z.infer<typeof eventNamesOutputSchema>;

export const insightExploreMethods = {
  'insight.eventNames': defineMethod({
    access: 'viewer',
    mutation: false,
    summary: 'The tenant’s known event names with their counts and when each was last seen.',
    input: z.object({}).strict(),
    output: eventNamesOutputSchema,
  }),
};
