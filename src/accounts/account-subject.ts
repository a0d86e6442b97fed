import { z } from 'zod';
import { SAFE_ID } from '../ids/safe-id.js';

/** Who a sign-in link or a browser session is for: a household or a brand. */
export const accountSubjectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('household'), householdId: z.string().regex(SAFE_ID) }),
  z.object({ kind: z.literal('brand'), brandId: z.string().regex(SAFE_ID) }),
]);
export type AccountSubject = z.infer<typeof accountSubjectSchema>;
