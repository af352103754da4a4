import { z } from 'zod';

/** `?year=2026` is the school year 2026 to 2027; anything else means the current year. */
export const yearSchema = z.coerce.number().int().min(2000).max(2098).optional().catch(undefined);
