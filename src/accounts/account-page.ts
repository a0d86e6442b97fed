import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { TokenSigner } from '../auth/token-signer.js';
import { deliveryAddressSchema } from '../household/delivery-address.js';
import { listHouseholdDevices } from '../household/household-devices.js';
import {
  readDeliveryAddress,
  removeDeliveryAddress,
  saveDeliveryAddress,
} from '../household/keep-delivery-address.js';
import { confirmPairingCode } from '../household/pairing/confirm-pairing.js';
import { type PairingOptions, pairingSettings } from '../household/pairing/pairing-limits.js';
import { removeDevice } from '../household/remove-device.js';
import type { HttpEnv } from '../http/http-env.js';
import { SAFE_ID } from '../ids/safe-id.js';
import type { LanguageData } from '../runtime/i18n.js';
import { kindName } from '../runtime/screen-strings.js';
import type { Translate } from '../runtime/skill-definition.js';
import type { SkillRegistry } from '../runtime/skill-registry.js';
import { renderAccountPage, renderNewTokenPage } from './account-html.js';
import {
  apiTokenLabel,
  createApiToken,
  listApiTokens,
  MAX_API_TOKENS,
  revokeApiToken,
} from './api-tokens.js';
import { type AddressFields, addressFieldsOf, deliveryAddressSection } from './delivery-address-html.js';
import {
  devicesSection,
  linksSection,
  type SectionsHome,
  sectionsHomeOf,
} from './household-sections-html.js';
import type { AccountLinks } from './household-services.js';
import { accountLocale, type PageDeps, signedInForm } from './page-forms.js';
import { pageResponse } from './page-shell.js';
import { type SignedIn, signedInAccount } from './signed-in.js';
import { signinPromptResponse } from './signin-pages.js';

export type HouseholdSignedIn = SignedIn & {
  account: Extract<SignedIn['account'], { kind: 'household' }>;
};

/** The signed-in household, or undefined for a brand. */
export function asHousehold(signedIn: SignedIn): HouseholdSignedIn | undefined {
  return signedIn.account.kind === 'household' ? (signedIn as HouseholdSignedIn) : undefined;
}

/**
 * What the account page needs: sessions, strings, the signer its API tokens are signed
 * with, and for a household's links and appliances the links (wired to `linking/`),
 * the skills a paired appliance is served by, and pairing's limits.
 */
export type AccountPageDeps = PageDeps & {
  signer: TokenSigner;
  language: Pick<LanguageData, 'screenStrings'>;
  links?: AccountLinks;
  skills: SkillRegistry;
  pairing?: PairingOptions;
};

/**
 * A household's appliances and links, rendered for `home` (the account page, or
 * the consent center, which shows the same sections and whose forms come back to it).
 */
export async function householdSections(
  deps: Pick<AccountPageDeps, 'store' | 'language' | 'links'>,
  signedIn: HouseholdSignedIn,
  t: Translate,
  { pairingError, home = '/account' }: { pairingError?: string; home?: SectionsHome } = {},
): Promise<string> {
  const { id, record } = signedIn.account;
  const [links, devices] = await Promise.all([
    deps.links ? deps.links.list(id, record.locale) : [],
    listHouseholdDevices(deps.store, id),
  ]);
  const strings = deps.language.screenStrings(record.locale);
  return (
    devicesSection(t, signedIn, devices, (kind) => kindName(strings, kind), pairingError, home) +
    (deps.links ? linksSection(t, signedIn, links, home) : '')
  );
}

/**
 * Which form of a household's page was refused, and why (a key of the pages' strings); a
 * refused address comes back with what was typed.
 */
type Refusal =
  | { form: 'token' | 'pairing'; key: string }
  | { form: 'address'; key: string; posted: AddressFields };

/**
 * `GET /account` and its form routes: `POST /account/api-tokens` (the new
 * token is the answer's page, shown once) and
 * `POST /account/api-tokens/:tokenId/revoke`; a household's appliances, links and
 * delivery address (`POST /account/delivery-address`, `…/remove`: the same domain code as
 * `/v1/households/:hid/delivery-address`). Anyone not signed in gets the sign-in prompt (401).
 */
export function registerAccountPage(app: OpenAPIHono<HttpEnv>, deps: AccountPageDeps): void {
  const { store, language } = deps;
  const { limits, wallNow } = pairingSettings(deps.pairing);

  const accountPage = async (
    c: Context,
    signedIn: SignedIn,
    status: ContentfulStatusCode = 200,
    refusal?: Refusal,
  ) => {
    const locale = accountLocale(c, signedIn);
    const t = language.pageText(locale);
    const shown = (form: Refusal['form']) =>
      refusal?.form === form ? t(refusal.key, { max: MAX_API_TOKENS }) : undefined;
    const household = asHousehold(signedIn);
    const tokens = household ? listApiTokens(household.account.record.auth.apiTokens) : [];
    const pairingError = shown('pairing');
    const sections = household
      ? (await householdSections(deps, household, t, pairingError ? { pairingError } : {})) +
        deliveryAddressSection(
          t,
          household,
          await readDeliveryAddress(store, household.account.id),
          refusal?.form === 'address' ? { posted: refusal.posted, error: t(refusal.key) } : {},
        )
      : '';
    const error = shown('token');
    const html = renderAccountPage({ t, locale, signedIn, tokens, sections, ...(error ? { error } : {}) });
    return pageResponse(c, status, html);
  };

  app.get('/account', async (c) => {
    const signedIn = await signedInAccount(c, deps);
    return signedIn ? accountPage(c, signedIn) : signinPromptResponse(c, language);
  });

  app.post('/account/api-tokens', async (c) => {
    const posted = await signedInForm(c, deps);
    if (posted instanceof Response) return posted;
    const { signedIn, form } = posted;
    if (signedIn.account.kind !== 'household') return c.notFound();
    const label = apiTokenLabel(form.label);
    if (label === undefined)
      return accountPage(c, signedIn, 400, { form: 'token', key: 'account.apiTokens.badLabel' });
    const created = await createApiToken(deps, signedIn.account.id, label);
    if (created === 'limit')
      return accountPage(c, signedIn, 409, { form: 'token', key: 'account.apiTokens.limit' });
    if (created === 'gone') return signinPromptResponse(c, language);
    const locale = accountLocale(c, signedIn);
    const t = language.pageText(locale);
    return pageResponse(c, 200, renderNewTokenPage({ t, locale, label, token: created.token }));
  });

  /** A household's form that acts on one of its things by id, then shows the page it came from again. */
  const householdAction = (
    path: string,
    param: string,
    act: (householdId: string, id: string) => Promise<unknown>,
  ) =>
    app.post(path, async (c) => {
      const posted = await signedInForm(c, deps);
      if (posted instanceof Response) return posted;
      const { account } = posted.signedIn;
      if (account.kind !== 'household') return c.notFound();
      const id = c.req.param(param) ?? '';
      // Acting on something already gone (done in another tab) is done already: back to the page.
      if (SAFE_ID.test(id)) await act(account.id, id);
      c.header('cache-control', 'no-store');
      return c.redirect(sectionsHomeOf(posted.form.back), 303);
    });

  householdAction('/account/devices/:deviceId/remove', 'deviceId', (hid, deviceId) =>
    removeDevice(store, hid, deviceId),
  );
  const { links } = deps;
  if (links) {
    householdAction('/account/links/:grantId/unlink', 'grantId', (hid, grantId) =>
      links.unlink(hid, grantId),
    );
  }

  // The code an appliance shows: the same confirmation (and limits) as POST /v1/households/:hid/pairings.
  app.post('/account/pairings', async (c) => {
    const posted = await signedInForm(c, deps);
    if (posted instanceof Response) return posted;
    const household = asHousehold(posted.signedIn);
    if (!household) return c.notFound();
    const outcome = await confirmPairingCode({
      store,
      skills: deps.skills,
      householdFailures: limits.householdFailures,
      householdId: household.account.id,
      typed: posted.form.code ?? '',
      now: new Date(wallNow()),
    });
    if (outcome.kind === 'limited') {
      c.header('retry-after', String(outcome.retryAfterSeconds));
      return accountPage(c, household, 429, { form: 'pairing', key: 'account.devices.limited' });
    }
    if (outcome.kind === 'not_found') return signinPromptResponse(c, language);
    if (outcome.kind === 'invalid')
      return accountPage(c, household, 400, { form: 'pairing', key: 'account.devices.invalid' });
    c.header('cache-control', 'no-store');
    return c.redirect('/account', 303);
  });

  // The delivery address: set or changed (a refused one is shown again as typed, with why), or removed.
  app.post('/account/delivery-address', async (c) => {
    const posted = await signedInForm(c, deps);
    if (posted instanceof Response) return posted;
    const household = asHousehold(posted.signedIn);
    if (!household) return c.notFound();
    const fields = addressFieldsOf(posted.form);
    // An empty second line is no second line.
    const { line2, ...rest } = fields;
    const parsed = deliveryAddressSchema.safeParse(line2?.trim() ? fields : rest);
    if (!parsed.success) {
      return accountPage(c, household, 400, {
        form: 'address',
        key: 'account.address.invalid',
        posted: fields,
      });
    }
    const saved = await saveDeliveryAddress(store, household.account.id, parsed.data, new Date());
    if (saved === 'gone') return signinPromptResponse(c, language);
    c.header('cache-control', 'no-store');
    return c.redirect('/account', 303);
  });

  app.post('/account/delivery-address/remove', async (c) => {
    const posted = await signedInForm(c, deps);
    if (posted instanceof Response) return posted;
    const household = asHousehold(posted.signedIn);
    if (!household) return c.notFound();
    await removeDeliveryAddress(store, household.account.id);
    c.header('cache-control', 'no-store');
    return c.redirect('/account', 303);
  });

  householdAction('/account/api-tokens/:tokenId/revoke', 'tokenId', (hid, tokenId) =>
    revokeApiToken(store, hid, tokenId),
  );
}
