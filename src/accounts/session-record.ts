import { z } from 'zod';
import { accountSubjectSchema } from './account-subject.js';

/**
 * `sessions/{hashSecret(cookie)}`: a browser session, made by a one-time
 * sign-in link. The cookie's value is never stored, only its hash; `csrf` is
 * the token every state-changing form of the session must carry. `expireAt`
 * (EXPIRE_AT_FIELD) lets a Firestore TTL policy delete it; reads check it too.
 */
export const sessionRecordSchema = z.object({
  subject: accountSubjectSchema,
  csrf: z.string().min(32),
  createdAt: z.string(),
  expireAt: z.string(),
});
export type SessionRecord = z.infer<typeof sessionRecordSchema>;
