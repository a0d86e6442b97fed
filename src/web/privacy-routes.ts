/**
 * `GET /privacy` and its forms: `POST /privacy/consents` (grant or withdraw one
 * purpose, for one brand where it applies), `POST /privacy/objection` (stop all
 * offers, art. 21), `POST /privacy/objections/lift` (allow again the offers of a brand
 * or of a campaign the household objected to), and when wired `POST /privacy/export`
 * and `POST /privacy/erase`.
 * Choices go through the ledger's `recordChoice`, as the `/v1` routes' do. A form
 * done answers 303 back to the page with what was done (PRG); a refused one
 * shows the page again with why (4xx), never a 500.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { asHousehold, type HouseholdSignedIn } from '../accounts/account-page.js';
import { accountLocale, signedInForm } from '../accounts/page-forms.js';
import { pageResponse } from '../accounts/page-shell.js';
import { clearSessionCookie } from '../accounts/session-cookie.js';
import { endSession } from '../accounts/sessions.js';
import { type SignedIn, signedInAccount } from '../accounts/signed-in.js';
import { signinPromptResponse } from '../accounts/signin-pages.js';
import { EXPLICIT_PURPOSES, isStale, NOTICE_VERSIONS } from '../consent/consent-rules.js';
import type { ConsentChoiceInput } from '../consent/ledger-append.js';
import { ConsentChoiceError, consentStateOf, recordChoice } from '../consent/record-choice.js';
import type { HttpEnv } from '../http/http-env.js';
import { SAFE_ID } from '../ids/safe-id.js';
import { liftObjection, objectionStands, objectionsView } from '../offers/keep-objections.js';
import { isPurpose, PURPOSES } from '../runtime/consent-gate.js';
import { rowId } from './privacy-html.js';
import {
  deploymentBrands,
  type PageBrand,
  type PageState,
  type PrivacyPageDeps,
  privacyPageHtml,
  purposeTitle,
} from './privacy-page.js';
import { renderBrandSessionPage, renderErasedPage } from './privacy-rights-html.js';

const PAGE = '/privacy';

/** A consent form as posted (the page's own fields; anything else is a refused choice). */
const consentFormSchema = z.object({
  purpose: z.enum(PURPOSES),
  brand: z.string().regex(SAFE_ID).optional(),
  action: z.enum(['grant', 'withdraw']),
  version: z.coerce.number().int().min(1).max(1_000_000),
  notice: z.string().regex(SAFE_ID).optional(),
  explicit: z.literal('yes').optional(),
});

/** An objection to lift as posted: a brand's, or one of its campaigns' (`campaign` absent for the brand's). */
const liftFormSchema = z.object({
  brand: z.string().regex(SAFE_ID),
  campaign: z.string().regex(SAFE_ID).optional(),
});

/** What a form done says on the page it comes back to (`?done=…`). */
const DONE = ['grant', 'withdraw', 'object', 'unchanged', 'lift'] as const;

export function registerPrivacyPage(app: OpenAPIHono<HttpEnv>, deps: PrivacyPageDeps): void {
  const { store, language } = deps;
  const wallNow = () => (deps.wallClock ?? (() => new Date()))();

  /** A brand's session has no consent center: 403, in its browser's language. */
  const brandSession = (c: Context, signedIn: SignedIn) => {
    const locale = accountLocale(c, signedIn);
    return pageResponse(c, 403, renderBrandSessionPage(language.pageText(locale), locale));
  };

  /** The page, with `state` (a status after a redirect, or why a form was refused). */
  const page = async (
    c: Context,
    signedIn: HouseholdSignedIn,
    status: ContentfulStatusCode = 200,
    state: PageState = {},
    brands?: PageBrand[],
  ) =>
    pageResponse(
      c,
      status,
      await privacyPageHtml(deps, signedIn, brands ?? (await deploymentBrands(store, deps.skills)), state),
    );

  const refused = (c: Context, signedIn: HouseholdSignedIn, status: ContentfulStatusCode, key: string) =>
    page(c, signedIn, status, {
      notice: { kind: 'error', text: language.pageText(signedIn.account.record.locale)(key) },
    });

  /** A signed-in household's form (CSRF checked), or the answer to send instead. */
  const householdForm = async (c: Context) => {
    const posted = await signedInForm(c, deps);
    if (posted instanceof Response) return posted;
    const household = asHousehold(posted.signedIn);
    if (!household) return brandSession(c, posted.signedIn);
    return { household, form: posted.form };
  };

  /** Records a choice; back to the page saying what was done, or the page again saying why not. */
  const choose = async (
    c: Context,
    household: HouseholdSignedIn,
    choice: Omit<ConsentChoiceInput, 'channel' | 'actor' | 'at'>,
  ) => {
    try {
      const outcome = await recordChoice(store, household.account.id, {
        ...choice,
        channel: 'web',
        // The session's id is the hash of its cookie: it names the session, it opens nothing.
        actor: { kind: 'session', id: household.session.id },
        at: wallNow().toISOString(),
      });
      const done = outcome.changed ? choice.action : 'unchanged';
      const query = new URLSearchParams({ done, purpose: choice.purpose });
      if (choice.brandId !== undefined) query.set('brand', choice.brandId);
      c.header('cache-control', 'no-store');
      return c.redirect(`${PAGE}?${query}`, 303);
    } catch (error) {
      if (!(error instanceof ConsentChoiceError)) throw error;
      if (error.code === 'household_gone') return signinPromptResponse(c, language);
      // The notice answered changed, or was shown too long ago: the page again, with the notice as it is now.
      if (error.code === 'stale_notice' || error.code === 'notice_not_served')
        return refused(c, household, 409, 'privacy.error.stale');
      return refused(c, household, 400, 'privacy.error.badChoice');
    }
  };

  app.get(PAGE, async (c) => {
    const signedIn = await signedInAccount(c, deps);
    if (!signedIn) return signinPromptResponse(c, language, PAGE);
    const household = asHousehold(signedIn);
    if (!household) return brandSession(c, signedIn);
    const brands = await deploymentBrands(store, deps.skills);
    return page(c, household, 200, doneNotice(c, deps, household, brands), brands);
  });

  app.post(`${PAGE}/consents`, async (c) => {
    const posted = await householdForm(c);
    if (posted instanceof Response) return posted;
    const { household, form } = posted;
    const parsed = consentFormSchema.safeParse(form);
    const brands = await deploymentBrands(store, deps.skills);
    const choice = parsed.success ? parsed.data : undefined;
    const brand = brands.find((b) => b.id === choice?.brand);
    if (!choice || (choice.brand !== undefined && !brand) || (choice.action === 'grant' && !choice.notice))
      return refused(c, household, 400, 'privacy.error.badChoice');
    const { purpose, action } = choice;
    const t = language.pageText(household.account.record.locale);
    let input: string;
    if (action === 'withdraw') input = t('privacy.actions.withdraw');
    else {
      // The label of the button tapped: "Confirm" for a grant made on an older notice.
      const stale = isStale(consentStateOf(household.account.record), purpose, choice.brand);
      input = t(stale ? 'privacy.actions.confirm' : 'privacy.actions.grant');
      if (EXPLICIT_PURPOSES.includes(purpose)) {
        if (choice.explicit !== 'yes')
          return page(c, household, 400, { explicitMissing: rowId(purpose, choice.brand) }, brands);
        input = `${input} [x] ${t('privacy.health.explicit')}`;
      }
    }
    return choose(c, household, {
      purpose,
      ...(choice.brand !== undefined ? { brandId: choice.brand } : {}),
      action,
      noticeVersion: choice.version,
      proof: {
        input: input.slice(0, 500),
        noticeId: action === 'grant' ? (choice.notice ?? null) : null,
        noticeText: null,
        locale: household.account.record.locale,
        skillId: null,
      },
    });
  });

  app.post(`${PAGE}/objection`, async (c) => {
    const posted = await householdForm(c);
    if (posted instanceof Response) return posted;
    const { household } = posted;
    const t = language.pageText(household.account.record.locale);
    return choose(c, household, {
      purpose: 'offers',
      action: 'object',
      noticeVersion: NOTICE_VERSIONS.offers,
      proof: {
        input: t('privacy.objection.button'),
        noticeId: null,
        noticeText: null,
        locale: household.account.record.locale,
        skillId: null,
      },
    });
  });

  app.post(`${PAGE}/objections/lift`, async (c) => {
    const posted = await householdForm(c);
    if (posted instanceof Response) return posted;
    const { household, form } = posted;
    const parsed = liftFormSchema.safeParse(form);
    if (!parsed.success) return refused(c, household, 400, 'privacy.error.badChoice');
    const { brand, campaign } = parsed.data;
    const { id, record } = household.account;
    const target = { brandId: brand, ...(campaign !== undefined ? { campaignId: campaign } : {}) };
    const stands = objectionStands(objectionsView(false, record.offerObjections), target);
    // A brand the page lists: one whose objection stands (a brand since gone too), or one of the
    // deployment's (read only then).
    if (!stands && !(await deploymentBrands(store, deps.skills)).some((b) => b.id === brand))
      return refused(c, household, 400, 'privacy.error.badChoice');
    const view = await liftObjection(store, id, target);
    if (view === 'gone') return signinPromptResponse(c, language);
    const query = new URLSearchParams(
      stands
        ? { done: 'lift', brand, ...(campaign !== undefined ? { campaign } : {}) }
        : { done: 'unchanged', purpose: 'offers' },
    );
    c.header('cache-control', 'no-store');
    return c.redirect(`${PAGE}?${query}`, 303);
  });

  const { exportHousehold, eraseHousehold } = deps.rights ?? {};
  if (exportHousehold) {
    app.post(`${PAGE}/export`, async (c) => {
      const posted = await householdForm(c);
      if (posted instanceof Response) return posted;
      const data = await exportHousehold(posted.household.account.id);
      if (data === undefined) return signinPromptResponse(c, language);
      const day = wallNow().toISOString().slice(0, 10);
      return c.body(JSON.stringify(data, null, 2), 200, {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="hearth-export-${day}.json"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
    });
  }
  if (eraseHousehold) {
    app.post(`${PAGE}/erase`, async (c) => {
      const posted = await householdForm(c);
      if (posted instanceof Response) return posted;
      const { household, form } = posted;
      if (form.confirm !== 'yes') return page(c, household, 400, { eraseUnconfirmed: true });
      const { locale } = household.account.record;
      await eraseHousehold(household.account.id);
      // The erasure takes the household's sessions with it; this browser is told so too.
      await endSession(store, household.session);
      clearSessionCookie(c, deps);
      return pageResponse(c, 200, renderErasedPage(language.pageText(locale), locale));
    });
  }
}

/** The status a redirect back to the page carries (`?done=…&purpose=…&brand=…`); unknown values say nothing. */
function doneNotice(
  c: Context,
  deps: PrivacyPageDeps,
  household: HouseholdSignedIn,
  brands: PageBrand[],
): PageState {
  const done = DONE.find((d) => d === c.req.query('done'));
  if (done === 'lift') return liftedNotice(c, deps, household, brands);
  const purpose = c.req.query('purpose');
  if (!done || !isPurpose(purpose)) return {};
  const brandId = c.req.query('brand');
  const brand = brands.find((b) => b.id === brandId);
  if (brandId !== undefined && !brand) return {};
  const t = deps.language.pageText(household.account.record.locale);
  const text = t(`privacy.status.${done}`, { purpose: purposeTitle(deps, household, purpose, brand) });
  return { notice: { kind: 'status', text } };
}

/** The status after an objection is lifted (`?done=lift&brand=…[&campaign=…]`), for a brand the page names. */
function liftedNotice(
  c: Context,
  deps: PrivacyPageDeps,
  household: HouseholdSignedIn,
  brands: PageBrand[],
): PageState {
  const brand = brands.find((b) => b.id === c.req.query('brand'));
  const campaign = c.req.query('campaign');
  if (!brand || (campaign !== undefined && !SAFE_ID.test(campaign))) return {};
  const t = deps.language.pageText(household.account.record.locale);
  const text =
    campaign === undefined
      ? t('privacy.status.liftBrand', { brand: brand.name })
      : t('privacy.status.liftCampaign', {
          brand: brand.name,
          campaign: deps.campaignName?.(brand.id, campaign, household.account.record.locale) ?? campaign,
        });
  return { notice: { kind: 'status', text } };
}
