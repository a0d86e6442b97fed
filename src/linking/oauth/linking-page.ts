import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { LanguageData } from '../../runtime/i18n.js';
import type { Locale } from '../../runtime/locales.js';

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}' +
  'h1{font-size:1.4rem}ul{padding-left:1.2rem}form{display:flex;gap:.75rem;margin-top:1.5rem}' +
  'button{font:inherit;padding:.5rem 1.25rem;border-radius:.4rem;border:1px solid #555;background:#fff;cursor:pointer}' +
  'button[value=approve]{background:#1d5fbf;color:#fff;border-color:#1d5fbf}';
const STYLE_SOURCE = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/**
 * Headers of every account-linking page: no script at all, the one style by
 * its hash, forms posting to this service only (plus, on the consent page, the
 * origin of the redirect its answer leads to: Chrome applies `form-action` to
 * a form's redirects too), never framed (a consent screen inside another
 * site's frame is clickjacking), never cached, no Referer to anyone (the
 * authorization request's URL is on the page).
 */
export function linkingPageHeaders(redirectOrigin?: string): Record<string, string> {
  return {
    'content-security-policy': [
      "default-src 'none'",
      `style-src ${STYLE_SOURCE}`,
      "base-uri 'none'",
      `form-action 'self'${redirectOrigin ? ` ${redirectOrigin}` : ''}`,
      "frame-ancestors 'none'",
    ].join('; '),
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
    // Not no-referrer: under it a browser sends `Origin: null` with the consent form's post,
    // which the own-origin check must refuse. same-origin keeps the page's address from other
    // sites (the client's redirect URI included) and the Origin header on our own form.
    'referrer-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
  };
}

/** One account-linking page: a title, then `body` (already escaped: build it with `html`). */
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
  const page = await html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`;
  return c.html(page, status, linkingPageHeaders(redirectOrigin));
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
