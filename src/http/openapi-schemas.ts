import { z } from '@hono/zod-openapi';
import { SAFE_ID } from '../ids/safe-id.js';
import { PROBLEM_CODES, type ProblemCode } from './problem.js';

/** RFC 9457 problem document as the OpenAPI document shows it. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(Object.keys(PROBLEM_CODES) as [ProblemCode, ...ProblemCode[]]),
    detail: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

/** Response entries for the given problem codes, grouped by status, for `createRoute({ responses })`. */
export function problemResponses(...codes: ProblemCode[]) {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of codes) {
    const { status } = PROBLEM_CODES[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      status,
      {
        description: `Problem: ${list.map((c) => `\`${c}\``).join(', ')}`,
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  );
}

/** The problems any bearer-authenticated `/v1` route may answer (the token check reads the store, under a deadline). */
export const AUTHENTICATED_PROBLEMS: ProblemCode[] = [
  'unauthorized',
  'token_revoked',
  'not_found',
  'store_unavailable',
];

/** The problems any route with a JSON body may answer besides its own. */
export const JSON_BODY_PROBLEMS: ProblemCode[] = [
  'validation_failed',
  'invalid_json',
  'unsupported_media_type',
  'payload_too_large',
];

/** An id in a URL path: what `SAFE_ID` allows, so it is always a safe store path segment. */
export const IdParam = z.string().regex(SAFE_ID);
