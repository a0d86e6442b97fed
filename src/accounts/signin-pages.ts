import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { escapeHtml } from '../http/html-escape.js';
import type { LanguageData } from '../runtime/i18n.js';
import type { Locale } from '../runtime/locales.js';
import { acceptedLocale } from './page-locale.js';
import { pageResponse, paragraph, renderPage } from './page-shell.js';
import { rememberReturnPath } from './return-path.js';

/** What the pages need of the language data: their strings. */
export type PageText = Pick<LanguageData, 'pageText'>;

/** A page of a title and paragraphs (and an optional link back to the account) in `locale`. */
function textPage(
  language: PageText,
  locale: Locale,
  keys: { title: string; paragraphs: string[]; back?: string },
): string {
  const t = language.pageText(locale);
  const back = keys.back ? `<p><a href="/account">${escapeHtml(t(keys.back))}</a></p>` : '';
  return renderPage({
    locale,
    title: t(keys.title),
    main: keys.paragraphs.map((key) => paragraph(t(key))).join('\n') + back,
  });
}

/**
 * The sign-in prompt anyone not signed in gets (401): how to sign in, in the
 * browser's language. `returnTo` (this page's path) is remembered so that the
 * sign-in link, opened in this browser, comes back to it.
 */
export function signinPromptResponse(c: Context, language: PageText, returnTo?: string): Response {
  if (returnTo !== undefined) rememberReturnPath(c, returnTo);
  const html = textPage(language, acceptedLocale(c), {
    title: 'account.signin.title',
    paragraphs: ['account.signin.prompt', 'account.signin.once'],
  });
  return pageResponse(c, 401, html);
}

/**
 * The one answer to a sign-in link that does not work, whatever the reason
 * (unknown, used, expired, malformed, or its account gone): nothing tells
 * whether an account exists.
 */
export function signinFailedResponse(c: Context, language: PageText): Response {
  const html = textPage(language, acceptedLocale(c), {
    title: 'account.signin.failedTitle',
    paragraphs: ['account.signin.failed', 'account.signin.once'],
  });
  // The code is still in the address bar: no Referer may carry it anywhere.
  return pageResponse(c, 410, html, { 'referrer-policy': 'no-referrer' });
}

/** The page after sign-out, in the language the account had (or the browser's). */
export function signedOutResponse(c: Context, language: PageText, locale: Locale): Response {
  const html = textPage(language, locale, {
    title: 'account.signin.signedOutTitle',
    paragraphs: ['account.signin.signedOut'],
  });
  return pageResponse(c, 200, html);
}

/** A form refused: from another origin, without the session's CSRF token, or not a form at all. */
export function formRefusedResponse(
  c: Context,
  language: PageText,
  locale: Locale,
  status: ContentfulStatusCode = 403,
): Response {
  const html = textPage(language, locale, {
    title: 'account.form.refusedTitle',
    paragraphs: ['account.form.refused'],
    back: 'account.form.back',
  });
  return pageResponse(c, status, html);
}
