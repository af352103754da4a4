import { z } from 'zod';
import { PRESENTING_NEEDS } from '../referrals/rules.ts';
import { AGE_BANDS, QUEUE_FLAGS, type AgeBand } from './rules.ts';

/** The queue's filters, from the query string; anything unreadable is ignored. */
export const filterSchema = z.object({
  school: z.coerce.number().int().positive().optional().catch(undefined),
  age: z
    .enum(Object.keys(AGE_BANDS) as [AgeBand, ...AgeBand[]])
    .optional()
    .catch(undefined),
  need: z
    .enum(PRESENTING_NEEDS.map((n) => n.code) as [string, ...string[]])
    .optional()
    .catch(undefined),
  flag: z.enum(QUEUE_FLAGS).optional().catch(undefined),
  sort: z.enum(['waiting', 'outcome-due']).optional().catch(undefined),
});
