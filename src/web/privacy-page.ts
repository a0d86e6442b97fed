/**
 * What the consent center shows a household and what showing it records: the
 * deployment's brands (named), the household's state and ledger, each notice
 * in the household's language; every notice shown is recorded in
 * `noticesServed/` (one batch, before the page is sent), and each grant form
 * names its notice, so that the ledger entry of a tap keeps the very text it answered.
 * The objections to one brand or one campaign are listed from the household document.
 */
import { type HouseholdSignedIn, householdSections } from '../accounts/account-page.js';
import type { AccountLinks } from '../accounts/household-services.js';
import type { PageDeps } from '../accounts/page-forms.js';
import { EXPLICIT_PURPOSES, NOTICE_VERSIONS } from '../consent/consent-rules.js';
import { consentsView } from '../consent/consents-view.js';
import { type LedgerEntryRecord, ledgerEntryRecordSchema } from '../consent/ledger-entry-record.js';
import { readLedgerSnapshots } from '../consent/ledger-replay.js';
import { type NoticeServedRecord, servedNoticeRecord } from '../consent/notice-served-record.js';
import { consentStateOf } from '../consent/record-choice.js';
import { brandRecordSchema } from '../household/household-record.js';
import type { OfferObjections } from '../household/offer-state.js';
import { paths } from '../household/paths.js';
import { randomId } from '../ids/random-id.js';
import { objectionsView } from '../offers/keep-objections.js';
import type { Purpose } from '../runtime/consent-gate.js';
import type { LanguageData } from '../runtime/i18n.js';
import type { Locale } from '../runtime/locales.js';
import type { SkillRegistry } from '../runtime/skill-registry.js';
import type { DocData, DocumentStore } from '../store/document-store.js';
import {
  type HistoryEntry,
  type PageNotice,
  type PurposeRow,
  renderPrivacyPage,
  type StoppedOffers,
} from './privacy-html.js';
import { type PrivacyRights, rightsSections } from './privacy-rights-html.js';

/** What the consent center is built from. */
export type PrivacyPageDeps = PageDeps & {
  language: Pick<LanguageData, 'pageText' | 'noticeText' | 'screenStrings'>;
  skills: SkillRegistry;
  /** The household's account links (wired to `linking/`), listed and unlinked as on the account page. */
  links?: AccountLinks;
  /** Real time for the notices served and the choices made; `new Date()` when absent. */
  wallClock?: () => Date;
  /** Export and erasure; a section is shown only for a right that is wired. */
  rights?: PrivacyRights;
  /** A campaign's title in a language (its card's title), to name an objection to it; its id when absent. */
  campaignName?: (brandId: string, campaignId: string, locale: Locale) => string | undefined;
};

/** A brand of this deployment: the brand of one of its skills, named as its document names it. */
export type PageBrand = { id: string; name: string };

/** The brands of the deployment's skills, in registration order, each once. */
export async function deploymentBrands(store: DocumentStore, skills: SkillRegistry): Promise<PageBrand[]> {
  const byId = new Map(skills.all.map((skill) => [skill.brandId, skill]));
  const ids = [...byId.keys()];
  const snaps = await store.getAll(ids.map((id) => paths.brand(id)));
  return ids.map((id, i) => {
    const record = brandRecordSchema.safeParse(snaps[i]?.data);
    const name = record.success ? record.data.name : (byId.get(id)?.invocation.brandName ?? id);
    return { id, name };
  });
}

/** The ledger's entries as stored, in order (an entry that does not parse is left out of the history). */
async function ledgerEntries(store: DocumentStore, householdId: string): Promise<LedgerEntryRecord[]> {
  return (await readLedgerSnapshots(store, householdId)).flatMap((snap) => {
    const entry = ledgerEntryRecordSchema.safeParse(snap.data);
    return entry.success ? [entry.data] : [];
  });
}

/** The values a notice is interpolated with: the brand's name for per-brand purposes. */
const noticeValues = (brandName: string | undefined): Record<string, string> =>
  brandName === undefined ? {} : { brand: brandName };

const historyOf = (entries: LedgerEntryRecord[]): HistoryEntry[] =>
  entries.map(({ at, action, channel }) => ({ at, action, channel }));

/** What the page says besides its rows, and which of its forms was refused. */
export type PageState = {
  notice?: PageNotice;
  /** The row whose explicit-consent box was left unticked. */
  explicitMissing?: string;
  eraseUnconfirmed?: boolean;
};

/**
 * The consent center of a signed-in household, rendered, after recording the
 * notices it shows. Brands are passed in (the routes need them to check a
 * posted brand too).
 */
export async function privacyPageHtml(
  deps: PrivacyPageDeps,
  signedIn: HouseholdSignedIn,
  brands: PageBrand[],
  state: PageState = {},
): Promise<string> {
  const { store, language } = deps;
  const { id: householdId, record } = signedIn.account;
  const locale = record.locale;
  const t = language.pageText(locale);
  const notices = language.noticeText(locale);
  const [entries, sections] = await Promise.all([
    ledgerEntries(store, householdId),
    householdSections(deps, signedIn, t, { home: '/privacy' }),
  ]);
  const consent = consentStateOf(record);
  const names = new Map(brands.map((b) => [b.id, b.name]));
  const at = (deps.wallClock ?? (() => new Date()))().toISOString();
  const served: { id: string; record: NoticeServedRecord }[] = [];

  const rows = consentsView(
    consent,
    brands.map((b) => b.id),
  ).map((view): PurposeRow => {
    const { purpose, brandId } = view;
    const brand = noticeValues(brandId === undefined ? undefined : (names.get(brandId) ?? brandId));
    const text = notices(`${purpose}.long`, brand);
    const noticeId = randomId('ntc');
    const version = NOTICE_VERSIONS[purpose];
    served.push({
      id: noticeId,
      record: servedNoticeRecord({ purpose, brandId, locale, channel: 'web', text, at }),
    });
    return {
      purpose,
      ...(brandId !== undefined ? { brandId } : {}),
      title: notices(`${purpose}.title`, brand),
      text,
      noticeId,
      version,
      state: view.granted ? 'granted' : view.stale ? 'stale' : 'notGranted',
      explicit: EXPLICIT_PURPOSES.includes(purpose),
      history: historyOf(
        entries.filter(
          (e) => e.purpose === purpose && e.action !== 'object' && (e.brandId ?? undefined) === brandId,
        ),
      ),
    };
  });

  const html = renderPrivacyPage({
    t,
    locale,
    signedIn,
    rows,
    objection: {
      ...(consent.marketingObjection ? { since: consent.marketingObjection.at } : {}),
      history: historyOf(entries.filter((e) => e.action === 'object')),
    },
    stopped: stoppedOffers(record.offerObjections, names, (brandId, campaignId) =>
      deps.campaignName?.(brandId, campaignId, locale),
    ),
    ...(state.notice ? { notice: state.notice } : {}),
    ...(state.explicitMissing ? { explicitMissing: state.explicitMissing } : {}),
    householdSections: sections,
    rightsSections: rightsSections(t, signedIn, deps.rights ?? {}, state.eraseUnconfirmed),
  });
  const batch = store.batch();
  for (const notice of served)
    batch.create(paths.noticeServed(householdId, notice.id), notice.record as DocData);
  await batch.commit();
  return html;
}

/**
 * The household's objections to one brand or one campaign, brands first, each brand named
 * as the page names it and each campaign by its title (by their ids when no longer known).
 */
function stoppedOffers(
  objections: OfferObjections | undefined,
  names: Map<string, string>,
  campaignName: (brandId: string, campaignId: string) => string | undefined,
): StoppedOffers[] {
  const { brands, campaigns } = objectionsView(false, objections);
  const brandName = (brandId: string) => names.get(brandId) ?? brandId;
  return [
    ...brands.map((brandId) => ({ brandId, brandName: brandName(brandId) })),
    ...campaigns.map(({ brandId, campaignId }) => ({
      brandId,
      brandName: brandName(brandId),
      campaignId,
      campaignName: campaignName(brandId, campaignId) ?? campaignId,
    })),
  ];
}

/** The title of a purpose's notice (for a brand where it applies), as the page shows it. */
export function purposeTitle(
  deps: Pick<PrivacyPageDeps, 'language'>,
  signedIn: HouseholdSignedIn,
  purpose: Purpose,
  brand?: PageBrand,
): string {
  const notices = deps.language.noticeText(signedIn.account.record.locale);
  return notices(`${purpose}.title`, noticeValues(brand?.name));
}
