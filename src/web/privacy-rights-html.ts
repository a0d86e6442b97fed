/**
 * The consent center's sections for the rights of access and portability
 * (export, art. 15 and 20) and of erasure (art. 17). Each is shown only when
 * its handler is wired; erasing asks for a confirmation in the form itself.
 */
import { csrfField } from '../accounts/page-forms.js';
import { paragraph, renderPage } from '../accounts/page-shell.js';
import type { SignedIn } from '../accounts/signed-in.js';
import type { Locale } from '../runtime/locales.js';
import type { Translate } from '../runtime/skill-definition.js';
import { escapeHtml as h } from './html-escape.js';

/**
 * What the privacy rights are done with (the composition root wires them to
 * `privacy/`): everything held about a household as the export's JSON (undefined
 * when the household is gone), and its erasure.
 */
export type PrivacyRights = {
  exportHousehold?: (householdId: string) => Promise<unknown>;
  eraseHousehold?: (householdId: string) => Promise<unknown>;
};

/** The export and erase sections for the rights that are wired (nothing when neither is). */
export function rightsSections(
  t: Translate,
  signedIn: SignedIn,
  rights: PrivacyRights,
  eraseUnconfirmed = false,
): string {
  const exportSection = rights.exportHousehold
    ? `<section aria-labelledby="export">
<h2 id="export">${h(t('privacy.export.title'))}</h2>
${paragraph(t('privacy.export.intro'))}
<form method="post" action="/privacy/export">${csrfField(signedIn)}<button type="submit">${h(t('privacy.export.button'))}</button></form>
</section>`
    : '';
  const error = eraseUnconfirmed
    ? `<p id="erase-confirm-error" class="error" role="alert">${h(t('privacy.erase.required'))}</p>`
    : '';
  const eraseSection = rights.eraseHousehold
    ? `<section aria-labelledby="erase">
<h2 id="erase">${h(t('privacy.erase.title'))}</h2>
${paragraph(t('privacy.erase.intro'))}
<form method="post" action="/privacy/erase">${csrfField(signedIn)}
<p><input type="checkbox" id="erase-confirm" name="confirm" value="yes" required${eraseUnconfirmed ? ' aria-invalid="true" aria-describedby="erase-confirm-error"' : ''}>
<label for="erase-confirm">${h(t('privacy.erase.confirm'))}</label></p>
${error}<button type="submit">${h(t('privacy.erase.button'))}</button>
</form>
</section>`
    : '';
  return exportSection + eraseSection;
}

/** The page after an erasure: the household is gone and the browser signed out. */
export function renderErasedPage(t: Translate, locale: Locale): string {
  return renderPage({
    locale,
    title: t('privacy.erase.doneTitle'),
    main: paragraph(t('privacy.erase.done')),
  });
}

/** A brand's session has no consent center (403). */
export function renderBrandSessionPage(t: Translate, locale: Locale): string {
  return renderPage({
    locale,
    title: t('privacy.brandSession.title'),
    main: `${paragraph(t('privacy.brandSession.body'))}
<p><a href="/account">${h(t('privacy.account'))}</a></p>`,
  });
}
