import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ensureOwns, requireToken, type TokenAuth } from '../auth/bearer.js';
import type { HttpEnv } from '../http/http-env.js';
import { AUTHENTICATED_PROBLEMS, IdParam, problemResponses } from '../http/openapi-schemas.js';
import { ProblemError } from '../http/problem.js';
import { MAX_REPORT_WEEKS } from '../measurement/reportable-weeks.js';
import {
  buildTouchpointReport,
  buildTouchpointWeekReport,
  WeekNotReportableError,
} from '../measurement/touchpoint-report.js';
import { MIN_HOUSEHOLDS_PER_CELL, touchpointReportSchema } from '../measurement/touchpoint-report-schema.js';
import { parseIsoWeek } from '../offers/iso-week.js';
import type { DocumentStore } from '../store/document-store.js';

// `.meta` rather than `.openapi`: the payload's schema is built with plain zod (import order).
const TouchpointReport = touchpointReportSchema.meta({ id: 'TouchpointReport' });

const routeFor = (auth: TokenAuth) =>
  createRoute({
    method: 'get',
    path: '/v1/brands/{brandId}/reports/touchpoints',
    summary: "The brand's touchpoint report: impressions, acceptance, conversion and lift per week",
    description:
      'Cells per campaign, channel, locale and ISO week (UTC), counting only households that granted ' +
      `\`measurement\` to the brand. A cell with fewer than ${MIN_HOUSEHOLDS_PER_CELL} distinct households ` +
      'is `{ ..., suppressed: true }`; lift against the control group (95% Newcombe interval) is given when ' +
      `both sides have ${MIN_HOUSEHOLDS_PER_CELL} households or more. A week is reported once it has closed ` +
      'and its 3-day attribution window has passed, and its cells never change after; the open week is never ' +
      `shown. Without \`week\`: every reportable week since the brand's first measured offer, the last ` +
      `${MAX_REPORT_WEEKS} at most. See docs/reports.md.`,
    tags: ['brands'],
    security: [{ bearer: [] }],
    middleware: [requireToken(auth, ['brand'])] as const,
    request: {
      params: z.object({ brandId: IdParam }),
      query: z.object({
        // Checked by the handler, so that a malformed week is `invalid_week`.
        week: z
          .string()
          .optional()
          .openapi({ description: 'One reportable ISO week only', example: '2026-W48' }),
      }),
    },
    responses: {
      200: { description: 'The report', content: { 'application/json': { schema: TouchpointReport } } },
      ...problemResponses(
        ...AUTHENTICATED_PROBLEMS,
        'validation_failed',
        'invalid_week',
        'week_not_reportable',
      ),
    },
  });

/** `GET /v1/brands/:brandId/reports/touchpoints`: `buildTouchpointReport` for the brand's own token. */
export function registerBrandTouchpointReport(
  app: OpenAPIHono<HttpEnv>,
  { auth, store, clock }: { auth: TokenAuth; store: DocumentStore; clock: () => Date },
): void {
  app.openapi(routeFor(auth), async (c) => {
    const { brandId } = c.req.valid('param');
    // Another brand's report, or one of a brand that does not exist: the same 404.
    ensureOwns(c.var.principal.brandId === brandId);
    const { week: asked } = c.req.valid('query');
    const now = clock();
    c.header('cache-control', 'no-store');
    if (asked === undefined) return c.json(await buildTouchpointReport({ store, brandId, now }), 200);
    const week = parseIsoWeek(asked);
    if (week === undefined) {
      throw new ProblemError(
        'invalid_week',
        'week must be an ISO week such as 2026-W48 (W53 only in long years)',
      );
    }
    try {
      return c.json(await buildTouchpointWeekReport({ store, brandId, week, now }), 200);
    } catch (error) {
      if (!(error instanceof WeekNotReportableError)) throw error;
      throw new ProblemError(
        'week_not_reportable',
        `${week} is reported once it has closed and its attribution window has passed: from ${error.reportableAt.toISOString()}`,
      );
    }
  });
}
