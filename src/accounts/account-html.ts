import type { ApiToken } from '../household/household-record.js';
import { escapeHtml as h } from '../http/html-escape.js';
import type { Locale } from '../runtime/locales.js';
import type { Translate } from '../runtime/skill-definition.js';
import { csrfField } from './page-forms.js';
import { localeName } from './page-locale.js';
import { paragraph, renderPage } from './page-shell.js';
import type { SignedIn } from './signed-in.js';

/** When something was made or used, in the household's language and time zone. */
export function shownDate(iso: string, locale: Locale, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const style = { dateStyle: 'medium', timeStyle: 'short' } as const;
  try {
    return new Intl.DateTimeFormat(locale, { ...style, timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, { ...style, timeZone: 'UTC' }).format(date);
  }
}

const signOutForm = (t: Translate, signedIn: SignedIn) =>
  `<form method="post" action="/signout">${csrfField(signedIn)}<button type="submit">${h(t('account.signOut'))}</button></form>`;

function apiTokensSection(
  t: Translate,
  signedIn: SignedIn,
  tokens: (ApiToken & { id: string })[],
  error: string | undefined,
): string {
  if (signedIn.account.kind !== 'household') return '';
  const { locale, timeZone } = signedIn.account.record;
  const list = tokens.length
    ? `<ul class="tokens">${tokens
        .map(
          (token) => `<li><span><strong>${h(token.label)}</strong> <span class="muted">${h(
            t('account.apiTokens.created', { date: shownDate(token.createdAt, locale, timeZone) }),
          )}</span></span>
<form method="post" action="/account/api-tokens/${h(encodeURIComponent(token.id))}/revoke">${csrfField(signedIn)}<button type="submit" aria-label="${h(t('account.apiTokens.revokeLabel', { label: token.label }))}">${h(t('account.apiTokens.revoke'))}</button></form></li>`,
        )
        .join('\n')}</ul>`
    : paragraph(t('account.apiTokens.none'), 'muted');
  return `<section aria-labelledby="api-tokens">
<h2 id="api-tokens">${h(t('account.apiTokens.title'))}</h2>
${paragraph(t('account.apiTokens.intro'))}
${list}
<form method="post" action="/account/api-tokens">${csrfField(signedIn)}
<label for="label">${h(t('account.apiTokens.label'))}</label>
<input id="label" name="label" type="text" required maxlength="80" autocomplete="off"${error ? ' aria-describedby="label-error" aria-invalid="true"' : ''}>
${error ? `<p id="label-error" class="error" role="alert">${h(error)}</p>` : ''}
<button type="submit">${h(t('account.apiTokens.create'))}</button>
</form>
</section>`;
}

/**
 * `/account`: who is signed in; for a household, its API tokens (each with a
 * revoke button) and the form that creates one; the sign-out button. Every
 * value from the store is escaped; every form carries the session's CSRF token.
 */
export function renderAccountPage({
  t,
  locale,
  signedIn,
  tokens = [],
  error,
  sections = '',
}: {
  t: Translate;
  locale: Locale;
  signedIn: SignedIn;
  tokens?: (ApiToken & { id: string })[];
  /** Why the last token form was refused (shown by the token form). */
  error?: string;
  /** A household's links and appliances, rendered (`household-sections-html.ts`). */
  sections?: string;
}): string {
  const { account } = signedIn;
  const who =
    account.kind === 'household'
      ? paragraph(t('account.household', { name: account.record.name ?? account.id })) +
        paragraph(t('account.language', { language: localeName(account.record.locale) }), 'muted')
      : paragraph(t('account.brand', { name: account.record.name, skill: account.record.skillId }));
  return renderPage({
    locale,
    title: t('account.title'),
    main: `${who}\n${sections}\n${apiTokensSection(t, signedIn, tokens, error)}\n${signOutForm(t, signedIn)}`,
  });
}

/** The page that shows a new API token, once: it is not stored, so it can never be shown again. */
export function renderNewTokenPage({
  t,
  locale,
  label,
  token,
}: {
  t: Translate;
  locale: Locale;
  label: string;
  token: string;
}): string {
  return renderPage({
    locale,
    title: t('account.newToken.title'),
    main: `${paragraph(t('account.newToken.intro', { label }))}
<label for="api-token">${h(t('account.newToken.field'))}</label>
<input id="api-token" class="secret" type="text" readonly value="${h(token)}" autocomplete="off" spellcheck="false">
<p><a href="/account">${h(t('account.newToken.back'))}</a></p>`,
  });
}
