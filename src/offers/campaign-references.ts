/**
 * What a campaign names outside its own file, checked against the skill it belongs to: the
 * triggering intent is one of the skill's, capsule varieties are in the skill's capsule
 * catalog, ingredients are in the ingredient vocabulary, and every response key it names
 * (rule, content of the campaign and its variants) exists in every primary locale after
 * fallback. Pure: the caller (`hearth validate`) hands in what the skill knows.
 */
import { type Locale, PRIMARY_LOCALES } from '../runtime/locales.js';
import { type Campaign, type CampaignAccept, campaignResponseKeys } from './campaign-schema.js';
import type { CampaignProblem } from './load-campaigns.js';

/** What the skill knows, for checking a campaign of it. */
export type CampaignVocabulary = {
  intents: ReadonlySet<string>;
  /**
   * Capsule variety ids of the skill's catalog; `none` when the skill ships no catalog,
   * `unreadable` when its catalog is broken (reported on its own: varieties are not checked).
   */
  varieties: ReadonlySet<string> | 'none' | 'unreadable';
  ingredients: ReadonlySet<string>;
  /** The slots (name -> type) of an intent of the skill; undefined for an unknown intent. */
  slotsOf: (intent: string) => Readonly<Record<string, string>> | undefined;
  /**
   * The value ids of a custom slot type; undefined for a built-in type (`AMAZON.NUMBER`: digits)
   * or a type the skill does not define (reported on its own).
   */
  valueIds: (type: string) => ReadonlySet<string> | undefined;
  /** Whether the skill's responses in `locale` (after fallback) hold `key` (or its plural forms). */
  hasResponse: (locale: Locale, key: string) => boolean;
  /** The file a missing key of `locale` belongs in. */
  responsesFile: (locale: Locale) => string;
};

/** Every id of a kind the campaign names (eligibility and product), with where it is named. */
function namedIds(campaign: Campaign, kind: 'variety' | 'ingredient'): Array<{ id: string; where: string }> {
  const out: Array<{ id: string; where: string }> = [];
  campaign.eligibility.forEach((condition, i) => {
    for (const [field, value] of Object.entries(condition)) {
      const isKind =
        kind === 'variety'
          ? field === 'drinksVariety'
          : field === 'hasIngredient' || field === 'missingIngredient';
      if (isKind && typeof value === 'string') out.push({ id: value, where: `eligibility.${i}.${field}` });
    }
  });
  const product = campaign.product;
  if (product && kind === 'variety' && 'variety' in product)
    out.push({ id: product.variety, where: 'product.variety' });
  if (product && kind === 'ingredient' && 'ingredient' in product)
    out.push({ id: product.ingredient, where: 'product.ingredient' });
  return out;
}

/** Problems of what one campaign names; `at` says where it is (file, skill). */
export function checkCampaignReferences(
  campaign: Campaign,
  vocabulary: CampaignVocabulary,
  at: { file: string; skill: string },
): CampaignProblem[] {
  const where = { ...at, campaign: campaign.id };
  const problems: CampaignProblem[] = [];
  if ('intent' in campaign.trigger && !vocabulary.intents.has(campaign.trigger.intent))
    problems.push({
      ...where,
      code: 'campaign-unknown-intent',
      message: `trigger.intent: ${campaign.trigger.intent} is not an intent of ${at.skill}`,
    });
  const { varieties } = vocabulary;
  for (const { id, where: field } of namedIds(campaign, 'variety')) {
    if (varieties === 'unreadable' || (varieties !== 'none' && varieties.has(id))) continue;
    problems.push({
      ...where,
      code: 'campaign-unknown-variety',
      message:
        varieties === 'none'
          ? `${field}: "${id}" names a capsule variety, but ${at.skill} ships no capsule catalog`
          : `${field}: "${id}" is not a variety of the skill's capsule catalog`,
    });
  }
  for (const { id, where: field } of namedIds(campaign, 'ingredient')) {
    if (!vocabulary.ingredients.has(id))
      problems.push({
        ...where,
        code: 'campaign-unknown-ingredient',
        message: `${field}: "${id}" is not an ingredient of the vocabulary`,
      });
  }
  if (campaign.accept) problems.push(...acceptProblems(campaign.accept, vocabulary, where, at.skill));
  for (const locale of PRIMARY_LOCALES) {
    for (const key of campaignResponseKeys(campaign)) {
      if (!vocabulary.hasResponse(locale, key))
        problems.push({
          ...where,
          file: vocabulary.responsesFile(locale),
          locale,
          code: 'campaign-missing-key',
          message: `"${key}" (named by ${at.file}) is missing (after fallback)`,
        });
    }
  }
  return problems;
}

/** The accept action runs an intent of the skill with slots it has and values of their types. */
function acceptProblems(
  accept: CampaignAccept,
  vocabulary: CampaignVocabulary,
  where: { file: string; skill: string; campaign: string },
  skill: string,
): CampaignProblem[] {
  const slots = vocabulary.slotsOf(accept.intent);
  if (!slots)
    return [
      {
        ...where,
        code: 'campaign-unknown-intent',
        message: `accept.intent: ${accept.intent} is not an intent of ${skill}`,
      },
    ];
  const problems: CampaignProblem[] = [];
  for (const [name, value] of Object.entries(accept.slots)) {
    const type = Object.hasOwn(slots, name) ? slots[name] : undefined;
    if (type === undefined) {
      problems.push({
        ...where,
        code: 'campaign-unknown-slot',
        message: `accept.slots.${name}: ${accept.intent} has no slot ${name}`,
      });
      continue;
    }
    const ids = vocabulary.valueIds(type);
    const valid = ids ? ids.has(value) : type !== 'AMAZON.NUMBER' || /^\d{1,6}$/.test(value);
    if (!valid)
      problems.push({
        ...where,
        code: 'campaign-unknown-slot-value',
        message: `accept.slots.${name}: "${value}" is not ${ids ? `a value of ${type}` : 'a number'}`,
      });
  }
  return problems;
}
