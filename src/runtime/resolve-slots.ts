/**
 * Slot values given as plain strings (a tapped action's, a campaign's accept action's, a test's)
 * resolved into the intent's `SlotValue`s, as the channels' own understanding would give them.
 */
import { loadDefaultLanguage } from './default-language.js';
import type { LanguageData } from './i18n.js';
import type { Locale } from './locales.js';
import { ownIntent, type SkillDefinition } from './skill-definition.js';
import { valuesOfType } from './skill-model.js';
import type { SlotValue } from './turn.js';

/** Resolve slot values given as plain strings (ids, values or synonyms) into `SlotValue`s of the intent's types. */
export function resolveSlots(
  skill: SkillDefinition,
  locale: Locale,
  intent: string,
  slots: Record<string, string>,
  language: LanguageData = loadDefaultLanguage(),
): Record<string, SlotValue> {
  const model = language.model(skill, locale);
  const definition = ownIntent(skill, intent)?.slots ?? {};
  // Slot names come from requests: own keys only (never `constructor`), and
  // fromEntries so that a `__proto__` slot stays data rather than a prototype.
  return Object.fromEntries(
    Object.entries(slots).map(([name, raw]): [string, SlotValue] => {
      const type = Object.hasOwn(definition, name) ? definition[name]?.type : undefined;
      const wanted = raw.trim().toLowerCase();
      const value = valuesOfType(model, type).find(
        (v) =>
          v.id === raw ||
          v.value.toLowerCase() === wanted ||
          (v.synonyms ?? []).some((s) => s.toLowerCase() === wanted),
      );
      return [name, value ? { raw, value: value.value, id: value.id } : { raw, value: raw }];
    }),
  );
}
