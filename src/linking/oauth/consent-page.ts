import type { Context } from 'hono';
import { html } from 'hono/html';
import { brandRecordSchema, householdRecordSchema } from '../../household/household-record.js';
import { paths } from '../../household/paths.js';
import type { LanguageData } from '../../runtime/i18n.js';
import type { Locale } from '../../runtime/locales.js';
import type { SkillRegistry } from '../../runtime/skill-registry.js';
import type { DocumentStore } from '../../store/document-store.js';
import { skillDisplayName } from '../household-links.js';
import type { AuthorizeParams } from './authorize-request.js';
import { linkingPage } from './linking-page.js';
import type { OAuthClient } from './oauth-clients.js';

/** What the consent screen names, in the household's language. */
export type ConsentView = {
  locale: Locale;
  householdName?: string;
  platform: OAuthClient['platform'];
  /** The skill's invocation name in that language (its id if it has none); absent for Google Home. */
  skillName?: string;
  /** The brand whose skill it is (its name, else its id). */
  brandName?: string;
};

/**
 * Reads what the consent screen names: the household (its language and name)
 * and the brand of the client's skill, in one round trip. Undefined when the
 * household is gone.
 */
export async function readConsentView(
  { store, skills, language }: { store: DocumentStore; skills: SkillRegistry; language: LanguageData },
  householdId: string,
  client: OAuthClient,
): Promise<ConsentView | undefined> {
  const skill = client.skillId ? skills.find(client.skillId) : undefined;
  const [householdSnap, brandSnap] = await store.getAll([
    paths.household(householdId),
    ...(skill ? [paths.brand(skill.brandId)] : []),
  ]);
  const household = householdRecordSchema.safeParse(householdSnap?.data);
  if (!household.success) return undefined;
  const { locale, name } = household.data;
  const brand = brandRecordSchema.safeParse(brandSnap?.data);
  return {
    locale,
    ...(name ? { householdName: name } : {}),
    platform: client.platform,
    ...(client.skillId ? { skillName: skillDisplayName({ skills, language }, client.skillId, locale) } : {}),
    ...(skill ? { brandName: brand.success ? brand.data.name : skill.brandId } : {}),
  };
}

/**
 * The consent screen (200): who asks (skill, brand, platform), what linking
 * allows and nothing more, and Approve / Deny posting the request's own
 * parameters back with the session's CSRF token.
 */
export function consentPage(
  c: Context,
  language: LanguageData,
  {
    view,
    params,
    csrf,
    redirectUri,
  }: { view: ConsentView; params: AuthorizeParams; csrf: string; redirectUri: string },
): Promise<Response> {
  const t = language.pageText(view.locale);
  const platform = t(`linking.platforms.${view.platform}`);
  const skill = view.skillName ?? platform;
  const brand = view.brandName ?? '';
  const who =
    view.platform === 'google'
      ? t('linking.consent.googleHome')
      : t('linking.consent.skill', { skill, brand, platform });
  const allows =
    view.platform === 'google'
      ? t('linking.consent.allowsHome')
      : t('linking.consent.allowsSkill', { skill, brand });
  const hidden = Object.entries(params).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">
`,
  );
  return linkingPage(c, {
    status: 200,
    locale: view.locale,
    title: t('linking.consent.heading', { skill }),
    redirectOrigin: new URL(redirectUri).origin,
    body: html`${view.householdName ? html`<p>${t('linking.consent.household', { household: view.householdName })}</p>` : ''}
<p>${who}</p>
<p>${t('linking.consent.allowsTitle')}</p>
<ul>
<li>${allows}</li>
<li>${t('linking.consent.unlink')}</li>
<li>${t('linking.consent.nothingElse')}</li>
</ul>
<form class="choice" method="post" action="/oauth/authorize">
${hidden}<input type="hidden" name="csrf" value="${csrf}">
<button type="submit" name="decision" value="approve">${t('linking.consent.approve')}</button>
<button type="submit" name="decision" value="deny">${t('linking.consent.deny')}</button>
</form>`,
  });
}
