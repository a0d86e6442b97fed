/**
 * The consent center's HTML (`/privacy`): every purpose (per brand for offers
 * and measurement) with its notice as served, the household's choice and its
 * history, and one form per choice; the objection to all offers; the objections to one
 * brand or one campaign, each with a form to lift it. Built of escaped values only; every form
 * carries the session's CSRF token; no script (the page shell's CSP allows none).
 */
import { shownDate } from '../accounts/account-html.js';
import type { HouseholdSignedIn } from '../accounts/account-page.js';
import { csrfField } from '../accounts/page-forms.js';
import { paragraph, renderPage } from '../accounts/page-shell.js';
import type { ConsentChannel, LedgerEntryRecord } from '../consent/ledger-entry-record.js';
import type { Purpose } from '../runtime/consent-gate.js';
import type { Locale } from '../runtime/locales.js';
import type { Translate } from '../runtime/skill-definition.js';
import { escapeHtml as h } from './html-escape.js';

/** One choice of the household's history, as the page shows it. */
export type HistoryEntry = { at: string; action: LedgerEntryRecord['action']; channel: ConsentChannel };

/** One purpose (and brand) as shown: its notice, served under `noticeId`, its state and its history. */
export type PurposeRow = {
  purpose: Purpose;
  brandId?: string;
  title: string;
  /** The notice's long text, exactly as recorded in `noticesServed/{noticeId}`. */
  text: string;
  noticeId: string;
  version: number;
  state: 'granted' | 'notGranted' | 'stale';
  /** Special-category data (art. 9): its grant form asks for explicit consent. */
  explicit: boolean;
  history: HistoryEntry[];
};

/** An objection to one brand's offers (no campaign) or to one of its campaigns, as the page lists it. */
export type StoppedOffers = {
  brandId: string;
  brandName: string;
  campaignId?: string;
  campaignName?: string;
};

/** What the page says at its top: the outcome of the last form (after its redirect), or why it was refused. */
export type PageNotice = { kind: 'status' | 'error'; text: string };

export type PrivacyView = {
  t: Translate;
  locale: Locale;
  signedIn: HouseholdSignedIn;
  rows: PurposeRow[];
  /** The objection to direct marketing, when it stands, and the objections made. */
  objection: { since?: string; history: HistoryEntry[] };
  /** The objections to a brand's offers or to a campaign, each of which can be lifted here. */
  stopped: StoppedOffers[];
  notice?: PageNotice;
  /** The explicit-consent box of this row was left unticked (the row's id). */
  explicitMissing?: string;
  /** The appliances' and links' sections, rendered by the account page's code. */
  householdSections: string;
  /** The export and erase sections, when the rights are wired. */
  rightsSections: string;
};

/** A row's id in the page (and the fragment of its section). */
export function rowId(purpose: Purpose, brandId?: string): string {
  return brandId === undefined ? `purpose-${purpose}` : `purpose-${purpose}-${brandId}`;
}

/** A hidden form field. */
const hidden = (name: string, value: string | number) =>
  `<input type="hidden" name="${name}" value="${h(String(value))}">`;

function historyTable(view: PrivacyView, caption: string, entries: HistoryEntry[]): string {
  const { t, locale, signedIn } = view;
  if (entries.length === 0) return paragraph(t('privacy.history.none'), 'muted');
  const { timeZone } = signedIn.account.record;
  const rows = entries
    .map(
      (e) =>
        `<tr><td>${h(shownDate(e.at, locale, timeZone))}</td><td>${h(t(`privacy.choice.${e.action}`))}</td><td>${h(t(`privacy.channel.${e.channel}`))}</td></tr>`,
    )
    .join('\n');
  return `<details><summary>${h(t('privacy.history.summary'))}</summary>
<table><caption>${h(caption)}</caption>
<thead><tr><th scope="col">${h(t('privacy.history.date'))}</th><th scope="col">${h(t('privacy.history.choice'))}</th><th scope="col">${h(t('privacy.history.channel'))}</th></tr></thead>
<tbody>
${rows}
</tbody></table></details>`;
}

/** The form of one choice: a grant answers the notice shown (and for health asks for explicit consent). */
function choiceForm(view: PrivacyView, row: PurposeRow, action: 'grant' | 'confirm' | 'withdraw'): string {
  const { t, signedIn } = view;
  const id = rowId(row.purpose, row.brandId);
  const grant = action !== 'withdraw';
  const fields = [
    csrfField(signedIn),
    hidden('purpose', row.purpose),
    ...(row.brandId !== undefined ? [hidden('brand', row.brandId)] : []),
    hidden('action', grant ? 'grant' : 'withdraw'),
    hidden('version', row.version),
    ...(grant ? [hidden('notice', row.noticeId)] : []),
  ].join('');
  let explicit = '';
  if (grant && row.explicit) {
    const missing = view.explicitMissing === id;
    explicit = `<p><input type="checkbox" id="explicit-${h(id)}" name="explicit" value="yes" required${missing ? ` aria-invalid="true" aria-describedby="explicit-${h(id)}-error"` : ''}>
<label for="explicit-${h(id)}">${h(t('privacy.health.explicit'))}</label></p>
${missing ? `<p id="explicit-${h(id)}-error" class="error" role="alert">${h(t('privacy.health.required'))}</p>` : ''}`;
  }
  return `<form method="post" action="/privacy/consents">${fields}
${explicit}<button type="submit" aria-label="${h(t(`privacy.actions.${action}Label`, { purpose: row.title }))}">${h(t(`privacy.actions.${action}`))}</button>
</form>`;
}

function purposeSection(view: PrivacyView, row: PurposeRow): string {
  const { t } = view;
  const id = rowId(row.purpose, row.brandId);
  const forms =
    row.state === 'granted'
      ? [choiceForm(view, row, 'withdraw')]
      : row.state === 'stale'
        ? [choiceForm(view, row, 'confirm'), choiceForm(view, row, 'withdraw')]
        : [choiceForm(view, row, 'grant')];
  return `<section id="${h(id)}" aria-labelledby="${h(id)}-title">
<h3 id="${h(id)}-title">${h(row.title)}</h3>
${row.explicit ? paragraph(t('privacy.health.intro')) : ''}
${paragraph(row.text)}
<p><strong>${h(t('privacy.state.label'))}</strong> <span class="state-${row.state}">${h(t(`privacy.state.${row.state}`))}</span></p>
${forms.join('\n')}
${historyTable(view, t('privacy.history.caption', { purpose: row.title }), row.history)}
</section>`;
}

function objectionSection(view: PrivacyView): string {
  const { t, locale, signedIn, objection } = view;
  const { timeZone } = signedIn.account.record;
  // While the objection stands no brand's offers are granted (granting one lifts it): objecting again would change nothing.
  const state = objection.since
    ? paragraph(t('privacy.objection.stands', { date: shownDate(objection.since, locale, timeZone) }))
    : `<form method="post" action="/privacy/objection">${csrfField(signedIn)}<button type="submit">${h(t('privacy.objection.button'))}</button></form>`;
  return `<section aria-labelledby="objection">
<h2 id="objection">${h(t('privacy.objection.title'))}</h2>
${paragraph(t('privacy.objection.intro'))}
${state}
${historyTable(view, t('privacy.objection.history'), objection.history)}
</section>`;
}

/** The objections to one brand or one campaign, each with its form to allow those offers again. */
function stoppedSection(view: PrivacyView): string {
  const { t, signedIn, stopped } = view;
  const items = stopped.map((s) => {
    const brand = { brand: s.brandName };
    const offers =
      s.campaignId === undefined
        ? t('privacy.stopped.brand', brand)
        : t('privacy.stopped.campaign', { ...brand, campaign: s.campaignName ?? s.campaignId });
    const fields = [
      csrfField(signedIn),
      hidden('brand', s.brandId),
      ...(s.campaignId !== undefined ? [hidden('campaign', s.campaignId)] : []),
    ].join('');
    return `<li><span>${h(offers)}</span>
<form method="post" action="/privacy/objections/lift">${fields}<button type="submit" aria-label="${h(t('privacy.stopped.buttonLabel', { offers }))}">${h(t('privacy.stopped.button'))}</button></form></li>`;
  });
  const list =
    items.length === 0
      ? paragraph(t('privacy.stopped.none'), 'muted')
      : `<ul class="tokens">${items.join('\n')}</ul>`;
  return `<section aria-labelledby="stopped">
<h2 id="stopped">${h(t('privacy.stopped.title'))}</h2>
${paragraph(t('privacy.stopped.intro'))}
${list}
</section>`;
}

/** `/privacy`: the household's consent center. */
export function renderPrivacyPage(view: PrivacyView): string {
  const { t, locale, signedIn, notice } = view;
  const { account } = signedIn;
  const top = notice
    ? `<p class="${notice.kind === 'error' ? 'error' : 'status'}" role="${notice.kind === 'error' ? 'alert' : 'status'}">${h(notice.text)}</p>`
    : '';
  return renderPage({
    locale,
    title: t('privacy.title'),
    main: `${top}
${paragraph(t('privacy.intro', { name: account.record.name ?? account.id }))}
<p><a href="/account">${h(t('privacy.account'))}</a></p>
<section aria-labelledby="purposes">
<h2 id="purposes">${h(t('privacy.purposes.title'))}</h2>
${paragraph(t('privacy.purposes.intro'))}
${view.rows.map((row) => purposeSection(view, row)).join('\n')}
</section>
${objectionSection(view)}
${stoppedSection(view)}
${view.householdSections}
${view.rightsSections}`,
  });
}
