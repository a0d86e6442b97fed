import { z } from 'zod';
import { accountSubjectSchema } from './account-subject.js';

/**
 * `signins/{hashSecret(code)}`: a one-time sign-in link's code (only its hash
 * is stored). Deleted when used, so it works once; `expireAt` bounds it to
 * minutes (and lets a TTL policy delete unused ones).
 */
export const signinRecordSchema = z.object({
  subject: accountSubjectSchema,
  createdAt: z.string(),
  expireAt: z.string(),
});
export type SigninRecord = z.infer<typeof signinRecordSchema>;
