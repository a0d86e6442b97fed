import type { AccountLinks } from '../accounts/household-services.js';
import type { LanguageData } from '../runtime/i18n.js';
import type { SkillRegistry } from '../runtime/skill-registry.js';
import type { DocumentStore } from '../store/document-store.js';
import { householdLinks, skillDisplayName } from './household-links.js';
import { unlinkGrant } from './unlink-grant.js';

/**
 * The account page's view of the household's links: each named as the
 * household knows it (the skill's name and the platform, or Google Home), and
 * unlinked as the consent center's route unlinks (`unlinkGrant`).
 */
export function accountLinks({
  store,
  skills,
  language,
}: {
  store: DocumentStore;
  skills: SkillRegistry;
  language: LanguageData;
}): AccountLinks {
  return {
    async list(householdId, locale) {
      const t = language.pageText(locale);
      return (await householdLinks(store, householdId)).map((link) => {
        const platform = t(`linking.platforms.${link.platform}`);
        const service = link.skillId
          ? t('account.links.service', {
              skill: skillDisplayName({ skills, language }, link.skillId, locale),
              platform,
            })
          : platform;
        return {
          grantId: link.grantId,
          service,
          createdAt: link.createdAt,
          ...(link.lastUsedAt ? { lastUsedAt: link.lastUsedAt } : {}),
        };
      });
    },
    unlink: (householdId, grantId) =>
      unlinkGrant(store, { householdId, grantId, by: 'household', wallNow: new Date() }),
  };
}
