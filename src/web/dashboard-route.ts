/**
 * `GET /brands/dashboard`: the signed-in brand's touchpoint report as charts and tables, in the
 * browser's language. Anyone not signed in gets the sign-in prompt (401, as every page here,
 * coming back to the dashboard after sign-in); a household's session gets 403 with where its
 * own page is. The report comes from `reports` (the measurement room's `buildTouchpointReport`,
 * wired by the composition root), checked against its schema.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { PageDeps } from '../accounts/page-forms.js';
import { accountLocale } from '../accounts/page-forms.js';
import { pageResponse, paragraph, renderPage, styledPageHeaders } from '../accounts/page-shell.js';
import { signedInAccount } from '../accounts/signed-in.js';
import { signinPromptResponse } from '../accounts/signin-pages.js';
import { escapeHtml as h } from '../http/html-escape.js';
import type { HttpEnv } from '../http/http-env.js';
import { type TouchpointReport, touchpointReportSchema } from '../measurement/touchpoint-report-schema.js';

/** A brand's report as of `now` (the domain clock): the closed, attributed weeks only. */
export type BrandReports = (brandId: string, now: Date) => Promise<TouchpointReport>;

export type DashboardDeps = PageDeps & {
  /** The domain clock (HEARTH_NOW in demo mode): which weeks have closed. */
  clock: () => Date;
  /** The brand's report. */
  reports: BrandReports;
};

export const DASHBOARD_PATH = '/brands/dashboard';

/** Mounts the dashboard page. */
export function registerDashboardRoutes(app: OpenAPIHono<HttpEnv>, deps: DashboardDeps): void {
  const { language } = deps;

  app.get(DASHBOARD_PATH, async (c: Context) => {
    const signedIn = await signedInAccount(c, deps);
    if (!signedIn) return signinPromptResponse(c, language, DASHBOARD_PATH);
    const locale = accountLocale(c, signedIn);
    const t = language.pageText(locale);
    const { account } = signedIn;
    if (account.kind !== 'brand') {
      const html = renderPage({
        locale,
        title: t('dashboard.householdSession.title'),
        main: `${paragraph(t('dashboard.householdSession.body'))}
<p><a href="/privacy">${h(t('dashboard.householdSession.privacy'))}</a></p>`,
      });
      return pageResponse(c, 403, html);
    }
    // The payload's own schema: a report that breaks it is a bug to hear of, never a page drawn from it.
    const report = touchpointReportSchema.parse(await deps.reports(account.id, deps.clock()));
    const { dashboardPageHtml, DASHBOARD_STYLE } = await import('./dashboard-page.js');
    const html = dashboardPageHtml({ t, locale, brandName: account.record.name, report });
    return pageResponse(c, 200, html, styledPageHeaders(DASHBOARD_STYLE));
  });
}
