import type { Context } from 'hono';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { pageResponse, renderPage } from '../../accounts/page-shell.js';
import type { LanguageData } from '../../runtime/i18n.js';
import type { Locale } from '../../runtime/locales.js';

/**
 * One account-linking page, in the pages' one shell (`accounts/page-shell.ts`: no
 * script, never framed, never cached, same-origin referrers so that the consent
 * form's post carries its Origin): a title, then `body` (already escaped: build it
 * with `html`). `redirectOrigin` is where the consent form's answer leads.
 */
export async function linkingPage(
  c: Context,
  {
    status,
    locale,
    title,
    body,
    redirectOrigin,
  }: {
    status: 200 | 400 | 401 | 403 | 503;
    locale: Locale;
    title: string;
    body: HtmlEscapedString | Promise<HtmlEscapedString>;
    redirectOrigin?: string;
  },
): Promise<Response> {
  const main = String(await body);
  return pageResponse(
    c,
    status,
    renderPage({ locale, title, main }),
    {},
    redirectOrigin ? [redirectOrigin] : [],
  );
}

/** Why an authorization request ends on a page of ours rather than at the client. */
export type LinkingProblem =
  | 'unknownClient'
  | 'badRedirect'
  | 'badRequest'
  | 'csrf'
  | 'household'
  | 'unavailable';

const PROBLEM_STATUS: Record<LinkingProblem, 400 | 403 | 503> = {
  unknownClient: 400,
  badRedirect: 400,
  badRequest: 400,
  csrf: 403,
  household: 403,
  unavailable: 503,
};

/** A page saying why the request stops here: nothing is sent to the client. */
export function problemPage(
  c: Context,
  language: LanguageData,
  locale: Locale,
  problem: LinkingProblem,
): Promise<Response> {
  const t = language.pageText(locale);
  return linkingPage(c, {
    status: PROBLEM_STATUS[problem],
    locale,
    title: t('linking.error.title'),
    body: html`<p>${t(`linking.error.${problem}`)}</p>
<p>${t('linking.error.back')}</p>`,
  });
}

/**
 * A page that only tells: the sign-in prompt (401: the request is remembered,
 * and the sign-in link brings the browser back to it), or that a brand's
 * session cannot link (403: linking gives a skill a household's data).
 */
export function noticePage(
  c: Context,
  language: LanguageData,
  locale: Locale,
  notice: 'signin' | 'brandSession',
): Promise<Response> {
  const t = language.pageText(locale);
  return linkingPage(c, {
    status: notice === 'signin' ? 401 : 403,
    locale,
    title: t(`linking.${notice}.title`),
    body: html`<p>${t(`linking.${notice}.body`)}</p>`,
  });
}
