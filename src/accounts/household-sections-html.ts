import type { ListedDevice } from '../household/household-devices.js';
import { escapeHtml as h } from '../http/html-escape.js';
import type { Translate } from '../runtime/skill-definition.js';
import { shownDate } from './account-html.js';
import type { AccountLink } from './household-services.js';
import { csrfField } from './page-forms.js';
import { paragraph } from './page-shell.js';
import type { SignedIn } from './signed-in.js';

type HouseholdSignedIn = SignedIn & { account: { kind: 'household' } };

/**
 * The page the sections are shown on, which their forms come back to: the
 * account page, or the consent center (`/privacy`), whose forms say so in a
 * hidden `back` field. Pairing is the account page's alone.
 */
export type SectionsHome = '/account' | '/privacy';

/** Where a section's form comes back to, read from its `back` field: the account page unless it names the other. */
export const sectionsHomeOf = (back: string | undefined): SectionsHome =>
  back === '/privacy' ? '/privacy' : '/account';

const backField = (home: SectionsHome) =>
  home === '/account' ? '' : `<input type="hidden" name="back" value="${h(home)}">`;

/** One row of a list: what it is, when, and one button posting to `action` with the CSRF token. */
function row(
  signedIn: SignedIn,
  home: SectionsHome,
  title: string,
  detail: string,
  action: string,
  button: string,
  label: string,
) {
  return `<li><span><strong>${h(title)}</strong> <span class="muted">${h(detail)}</span></span>
<form method="post" action="${h(action)}">${csrfField(signedIn)}${backField(home)}<button type="submit" aria-label="${h(label)}">${h(button)}</button></form></li>`;
}

/** The household's account links (Alexa skills, Google), each with an unlink button. */
export function linksSection(
  t: Translate,
  signedIn: HouseholdSignedIn,
  links: AccountLink[],
  home: SectionsHome = '/account',
): string {
  const { locale, timeZone } = signedIn.account.record;
  const list = links.length
    ? `<ul class="tokens">${links
        .map((link) =>
          row(
            signedIn,
            home,
            link.service,
            t('account.links.linked', { date: shownDate(link.createdAt, locale, timeZone) }),
            `/account/links/${encodeURIComponent(link.grantId)}/unlink`,
            t('account.links.unlink'),
            t('account.links.unlinkLabel', { service: link.service }),
          ),
        )
        .join('\n')}</ul>`
    : paragraph(t('account.links.none'), 'muted');
  return `<section aria-labelledby="links">
<h2 id="links">${h(t('account.links.title'))}</h2>
${paragraph(t('account.links.intro'))}
${list}
</section>`;
}

/** The household's appliances, each with a remove button, and (on the account page) the form that pairs a new one with its code. */
export function devicesSection(
  t: Translate,
  signedIn: HouseholdSignedIn,
  devices: ListedDevice[],
  kindName: (kind: string) => string,
  error: string | undefined,
  home: SectionsHome = '/account',
): string {
  const { locale, timeZone } = signedIn.account.record;
  const list = devices.length
    ? `<ul class="tokens">${devices
        .map((device) =>
          row(
            signedIn,
            home,
            device.name,
            t('account.devices.added', {
              kind: kindName(device.kind),
              date: shownDate(device.createdAt, locale, timeZone),
            }),
            `/account/devices/${encodeURIComponent(device.id)}/remove`,
            t('account.devices.remove'),
            t('account.devices.removeLabel', { name: device.name }),
          ),
        )
        .join('\n')}</ul>`
    : paragraph(t('account.devices.none'), 'muted');
  return `<section aria-labelledby="devices">
<h2 id="devices">${h(t('account.devices.title'))}</h2>
${list}
${home === '/account' ? pairingForm(t, signedIn, error) : ''}
</section>`;
}

function pairingForm(t: Translate, signedIn: SignedIn, error: string | undefined): string {
  return `<form method="post" action="/account/pairings">${csrfField(signedIn)}
<label for="code">${h(t('account.devices.code'))}</label>
<input id="code" name="code" type="text" required maxlength="20" autocomplete="off" autocapitalize="characters" spellcheck="false"${error ? ' aria-describedby="code-error" aria-invalid="true"' : ''}>
${error ? `<p id="code-error" class="error" role="alert">${h(error)}</p>` : ''}
<button type="submit">${h(t('account.devices.pair'))}</button>
</form>`;
}
