import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Every stable problem code a `/v1` route may answer, with its HTTP status and
 * title. The OpenAPI document lists them; clients switch on `code`.
 */
export const PROBLEM_CODES = {
  bad_request: { status: 400, title: 'The request is malformed' },
  invalid_json: { status: 400, title: 'The body is not valid JSON' },
  validation_failed: { status: 400, title: 'The request does not match the schema' },
  pairing_code_invalid: { status: 400, title: 'The pairing code is not valid' },
  brand_required: { status: 400, title: 'This purpose is granted per brand: name the brand' },
  campaign_needs_brand: { status: 400, title: 'An objection to a campaign names its brand' },
  brand_not_applicable: { status: 400, title: 'This purpose is not granted per brand' },
  unknown_notice_version: { status: 400, title: 'No such notice version' },
  objection_is_for_offers: { status: 400, title: 'An objection to direct marketing is for offers' },
  notice_not_served: { status: 400, title: 'The choice answers no notice served to this household' },
  invalid_week: { status: 400, title: 'Not an ISO week such as 2026-W48' },
  unauthorized: { status: 401, title: 'A valid bearer token is required' },
  token_revoked: { status: 401, title: 'The token has been revoked' },
  signature_invalid: { status: 401, title: 'The request signature does not match' },
  signature_expired: { status: 401, title: 'The signed timestamp is too old or too far ahead' },
  forbidden: { status: 403, title: 'Not allowed' },
  pairing_kind_not_allowed: { status: 403, title: 'This credential cannot pair this kind of appliance' },
  host_not_allowed: { status: 403, title: 'This host name is not served' },
  not_found: { status: 404, title: 'No such resource' },
  unknown_purpose: { status: 404, title: 'No such consent purpose' },
  unknown_brand: { status: 404, title: 'No such brand' },
  unknown_order: { status: 404, title: 'No such order' },
  unknown_offer: { status: 404, title: 'No such offer' },
  unknown_campaign: { status: 404, title: 'No such campaign of this brand' },
  no_delivery_address: { status: 404, title: 'The household has set no delivery address' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'The request conflicts with the current state' },
  stale_notice: { status: 409, title: 'A grant needs the current notice version' },
  week_not_reportable: {
    status: 409,
    title: 'The week is open, or its attribution window has not passed: it is not reported yet',
  },
  order_transition_not_allowed: { status: 409, title: 'The order cannot move to this status' },
  order_not_cancellable: {
    status: 409,
    title: 'The order can no longer be cancelled: its window has passed, or it was delivered or cancelled',
  },
  payload_too_large: { status: 413, title: 'The body is too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  too_many_requests: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  store_unavailable: { status: 503, title: 'The store is unavailable' },
  timeout: { status: 504, title: 'The request took too long' },
} as const satisfies Record<string, { status: ContentfulStatusCode; title: string }>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/** RFC 9457 problem document with hearth's stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: { path: string; message: string }[];
}

/** An error that becomes a problem+json response in the one error handler. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly extra: Pick<Problem, 'errors'> = {},
  ) {
    super(detail ?? PROBLEM_CODES[code].title);
  }

  get status(): ContentfulStatusCode {
    return PROBLEM_CODES[this.code].status;
  }
}

/** Builds the problem document for a code. */
export function problemBody(code: ProblemCode, detail?: string, extra: Partial<Problem> = {}): Problem {
  const { status, title } = PROBLEM_CODES[code];
  return {
    type: `https://hearth.dev/problems/${code.replaceAll('_', '-')}`,
    title,
    status,
    code,
    ...(detail ? { detail } : {}),
    ...extra,
  };
}

/** A problem+json Response. */
export function problemResponse(code: ProblemCode, detail?: string, extra: Partial<Problem> = {}): Response {
  const body = problemBody(code, detail, extra);
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'content-type': 'application/problem+json' },
  });
}
