/**
 * The account page's delivery address: the address as set (in full: this is its owner's
 * page) with a remove button, and the form that sets or changes it. Every value is escaped;
 * both forms carry the session's CSRF token.
 */
import type { DeliveryAddress } from '../household/delivery-address.js';
import { escapeHtml as h } from '../http/html-escape.js';
import type { Locale } from '../runtime/locales.js';
import type { Translate } from '../runtime/skill-definition.js';
import { csrfField } from './page-forms.js';
import { paragraph } from './page-shell.js';
import type { SignedIn } from './signed-in.js';

/**
 * The countries the form offers: the EU's, the EEA's and Switzerland, and the other markets
 * of the demo brands (the UK, the US, Canada). An address stored in another country (set
 * through the API) is offered too.
 */
const OFFERED_COUNTRIES = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
  'IS',
  'LI',
  'NO',
  'CH',
  'GB',
  'US',
  'CA',
] as const;

/** What the form shows: the address as set, or as posted when it was refused (strings as typed). */
export type AddressFields = Partial<Record<keyof DeliveryAddress, string>>;

/** The posted form's address fields (other fields, such as the CSRF token, left out). */
export function addressFieldsOf(form: Record<string, string>): AddressFields {
  const fields: AddressFields = {};
  for (const key of ['name', 'line1', 'line2', 'postalCode', 'city', 'country'] as const) {
    const value = form[key];
    if (value !== undefined) fields[key] = value;
  }
  return fields;
}

/** The countries as options in the locale's names and order, `selected` among them. */
function countryOptions(locale: Locale, selected: string): string {
  const names = new Intl.DisplayNames([locale], { type: 'region' });
  const codes = new Set<string>(OFFERED_COUNTRIES);
  if (/^[A-Z]{2}$/.test(selected)) codes.add(selected);
  return [...codes]
    .map((code) => ({ code, name: names.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, locale))
    .map(
      ({ code, name }) =>
        `<option value="${h(code)}"${code === selected ? ' selected' : ''}>${h(name)}</option>`,
    )
    .join('');
}

function field(
  t: Translate,
  key: 'name' | 'line1' | 'line2' | 'postalCode' | 'city',
  value: string | undefined,
  {
    autocomplete,
    maxlength,
    required = true,
  }: { autocomplete: string; maxlength: number; required?: boolean },
): string {
  const id = `address-${key}`;
  return `<label for="${id}">${h(t(`account.address.${key}`))}</label>
<input id="${id}" name="${key}" type="text"${required ? ' required' : ''} maxlength="${maxlength}" autocomplete="${autocomplete}" value="${h(value ?? '')}">`;
}

/** The address as a postal label: recipient, lines, postal code and city, country. */
function shownAddress(address: DeliveryAddress, locale: Locale): string {
  const country = new Intl.DisplayNames([locale], { type: 'region' }).of(address.country) ?? address.country;
  const lines = [
    address.name,
    address.line1,
    address.line2,
    `${address.postalCode} ${address.city}`,
    country,
  ];
  return `<address>${lines
    .filter((l): l is string => l !== undefined)
    .map(h)
    .join('<br>')}</address>`;
}

/**
 * The section: the address as set (or that there is none), the form to set or change it
 * (filled with `posted` after a refusal, with `error` said), and the remove button.
 */
export function deliveryAddressSection(
  t: Translate,
  signedIn: SignedIn & { account: { kind: 'household' } },
  address: DeliveryAddress | undefined,
  { posted, error }: { posted?: AddressFields; error?: string } = {},
): string {
  const { locale } = signedIn.account.record;
  const shown: AddressFields = posted ?? address ?? {};
  const country = (shown.country ?? locale.split('-')[1] ?? '').toUpperCase();
  const current = address
    ? `${paragraph(t('account.address.current'))}
${shownAddress(address, locale)}
<form method="post" action="/account/delivery-address/remove">${csrfField(signedIn)}<button type="submit">${h(t('account.address.remove'))}</button></form>`
    : paragraph(t('account.address.none'), 'muted');
  return `<section aria-labelledby="delivery-address">
<h2 id="delivery-address">${h(t('account.address.title'))}</h2>
${paragraph(t('account.address.intro'))}
${current}
<form method="post" action="/account/delivery-address"${error ? ' aria-describedby="address-error"' : ''}>${csrfField(signedIn)}
${field(t, 'name', shown.name, { autocomplete: 'name', maxlength: 100 })}
${field(t, 'line1', shown.line1, { autocomplete: 'address-line1', maxlength: 120 })}
${field(t, 'line2', shown.line2, { autocomplete: 'address-line2', maxlength: 120, required: false })}
${field(t, 'postalCode', shown.postalCode, { autocomplete: 'postal-code', maxlength: 10 })}
${field(t, 'city', shown.city, { autocomplete: 'address-level2', maxlength: 80 })}
<label for="address-country">${h(t('account.address.country'))}</label>
<select id="address-country" name="country" required autocomplete="country">${countryOptions(locale, country)}</select>
${error ? `<p id="address-error" class="error" role="alert">${h(error)}</p>` : ''}
<button type="submit">${h(t('account.address.save'))}</button>
</form>
</section>`;
}
