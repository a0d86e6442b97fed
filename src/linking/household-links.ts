import { householdRecordSchema } from '../household/household-record.js';
import { paths } from '../household/paths.js';
import type { LanguageData } from '../runtime/i18n.js';
import type { Locale } from '../runtime/locales.js';
import type { SkillRegistry } from '../runtime/skill-registry.js';
import type { DocumentStore } from '../store/document-store.js';
import { type LinkGrantRecord, linkGrantRecordSchema } from './link-grant-record.js';

/** A link as the household sees it: which client, when; no secret, no platform user id. */
export type HouseholdLink = { grantId: string } & Pick<
  LinkGrantRecord,
  'clientId' | 'platform' | 'skillId' | 'createdAt' | 'lastUsedAt'
>;

/** The household's grants in force (those whose generation the household document holds), oldest first. */
export async function householdLinks(store: DocumentStore, householdId: string): Promise<HouseholdLink[]> {
  const [household, grants] = await Promise.all([
    store.get(paths.household(householdId)),
    store.query({ collection: paths.links(householdId), orderBy: [{ field: 'createdAt' }] }),
  ]);
  const record = householdRecordSchema.safeParse(household.data);
  if (!record.success) return [];
  return grants.flatMap((snap) => {
    const grant = linkGrantRecordSchema.safeParse(snap.data);
    if (!grant.success || !Object.hasOwn(record.data.auth.links, snap.id)) return [];
    const { clientId, platform, skillId, createdAt, lastUsedAt } = grant.data;
    return [
      {
        grantId: snap.id,
        clientId,
        platform,
        ...(skillId ? { skillId } : {}),
        createdAt,
        ...(lastUsedAt ? { lastUsedAt } : {}),
      },
    ];
  });
}

/** An invocation name (lowercase, as Alexa wants them spoken) written as a name: `Chef du frigo`. */
function asName(invocation: string, locale: Locale): string {
  return invocation.charAt(0).toLocaleUpperCase(locale) + invocation.slice(1);
}

/**
 * A skill's name in a language, as the household knows it: its invocation name
 * written as a name, else its id. What the consent screen and the account page
 * call a linked skill.
 */
export function skillDisplayName(
  { skills, language }: { skills: SkillRegistry; language: Pick<LanguageData, 'model'> },
  skillId: string,
  locale: Locale,
): string {
  const skill = skills.find(skillId);
  return asName((skill && language.model(skill, locale).invocationName?.value) || skillId, locale);
}
