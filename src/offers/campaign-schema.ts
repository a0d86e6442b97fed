/**
 * `skills/<skillId>/campaigns/<campaign-id>.json`: one campaign a brand authors as data. The
 * brand is the skill's (`brandId` of its definition), so the file does not name it. What it
 * says is language-free: words are response keys of the skill's namespace
 * (`campaigns.<id>.*` for what is said and shown, `why.campaign.*` for the rule an explanation
 * names), checked in every primary locale by `hearth validate`.
 *
 * The schema checks what one file can know on its own (shape, dates, variant weights, keys
 * under the campaign's own prefix); what needs the skill (its intents, its capsule catalog,
 * the ingredient vocabulary, its responses) is checked by campaign-references.ts.
 */
import { z } from 'zod';
import { PURPOSES, type Purpose } from '../runtime/consent-gate.js';
import { OFFER_CHANNELS } from './offer-log-record.js';

/** The folder of a skill that holds its campaigns, one file per campaign. */
export const CAMPAIGNS_FOLDER = 'campaigns';

/**
 * Domain events a campaign can be triggered by: coffee stock of a variety fell below its
 * reorder point (capsules domain), a recipe the household looks at misses an ingredient
 * (recipes domain).
 */
export const CAMPAIGN_EVENTS = ['belowReorderPoint', 'ingredientMissing'] as const;
export type CampaignEvent = (typeof CAMPAIGN_EVENTS)[number];

/** Problem codes of the checks the schema makes beyond shape (the rest is `campaign-schema`). */
export const CAMPAIGN_RULE_CODES = {
  dates: 'campaign-dates',
  weights: 'campaign-weights',
  keyPrefix: 'campaign-key-prefix',
} as const;

const lowerId = z
  .string()
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case id (letters, digits and -)');

/** A capsule variety or ingredient id (the vocabulary's ids: lower case, digits, - and _). */
const vocabularyId = z
  .string()
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'a lower-case id of the vocabulary');

/** An i18next key of the skill's namespace (`a.b-c.d`), without plural suffix. */
const responseKeySchema = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/, 'a response key such as campaigns.<id>.speech');

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'a date YYYY-MM-DD', abort: true })
  .refine((d) => {
    const parsed = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(d);
  }, 'not a calendar date');

/** What makes the engine consider the campaign: an intent of the skill, or a domain event. */
export const campaignTriggerSchema = z.union([
  z.strictObject({ intent: z.string().regex(/^[A-Za-z][A-Za-z0-9.]*$/, 'an intent name') }),
  z.strictObject({ event: z.enum(CAMPAIGN_EVENTS) }),
]);
export type CampaignTrigger = z.infer<typeof campaignTriggerSchema>;

/**
 * One condition on the household's consented context; each reads one purpose
 * (CONDITION_PURPOSES), which the household must have granted for the campaign to run.
 */
export const eligibilityConditionSchema = z.union([
  /** The household brews this capsule variety (consumption). */
  z.strictObject({ drinksVariety: vocabularyId }),
  /** The fridge holds this ingredient (inventory). */
  z.strictObject({ hasIngredient: vocabularyId }),
  /** The fridge lacks this ingredient (inventory). */
  z.strictObject({ missingIngredient: vocabularyId }),
  /** The stock of a variety is below its reorder point (consumption). */
  z.strictObject({ belowReorderPoint: z.literal(true) }),
]);
export type EligibilityCondition = z.infer<typeof eligibilityConditionSchema>;

/** What is said and shown: response keys under `campaigns.<id>.`. */
export const campaignContentSchema = z.strictObject({
  speech: responseKeySchema,
  title: responseKeySchema,
  subtitle: responseKeySchema.optional(),
});
export type CampaignContent = z.infer<typeof campaignContentSchema>;

/** An A/B variant: its share of the households (percent) and, optionally, its own content. */
export const campaignVariantSchema = z.strictObject({
  id: z
    .string()
    .max(16)
    .regex(/^[a-z0-9]+$/, 'a short lower-case id such as a or b'),
  weight: z.int().min(1).max(99),
  content: campaignContentSchema.optional(),
});
export type CampaignVariant = z.infer<typeof campaignVariantSchema>;

/** What a conversion is: an order of this capsule variety, or this ingredient bought. */
export const campaignProductSchema = z.union([
  z.strictObject({ variety: vocabularyId }),
  z.strictObject({ ingredient: vocabularyId }),
]);
export type CampaignProduct = z.infer<typeof campaignProductSchema>;

/** A slot name of an intent (letters and digits, as skills define them). */
const slotName = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, 'a slot name');

/**
 * What the household does to take up the offer: a "yes" to the question (voice) or a tap on
 * the card's action (screens) runs this intent of the skill with these slot values (value
 * ids, or digits for a number), and the offer is recorded as accepted.
 */
export const campaignAcceptSchema = z.strictObject({
  intent: z.string().regex(/^[A-Za-z][A-Za-z0-9.]*$/, 'an intent name'),
  slots: z
    .record(slotName, z.string().min(1).max(64))
    .refine((s) => Object.keys(s).length <= 4, 'at most 4 slots')
    .default({}),
  /** The question asked after the offer ("Shall I add cream to your shopping list?"). */
  question: responseKeySchema,
  /** The screen action's label ("Add to my list"). */
  label: responseKeySchema,
});
export type CampaignAccept = z.infer<typeof campaignAcceptSchema>;

export const campaignSchema = z
  .strictObject({
    /** Equals the file name (without `.json`). */
    id: lowerId,
    trigger: campaignTriggerSchema,
    /** Every condition must hold (an empty list: every household that granted `offers`). */
    eligibility: z.array(eligibilityConditionSchema).max(8).default([]),
    /**
     * The key (`why.campaign.<name>`, a name of letters, digits and _, as explanations accept
     * reason keys) that words why it was offered, as a clause after "because".
     */
    rule: z
      .string()
      .regex(/^why\.campaign\.[A-Za-z][A-Za-z0-9_]{0,63}$/, 'a key why.campaign.<name> (letters, digits, _)'),
    content: campaignContentSchema,
    variants: z
      .array(campaignVariantSchema)
      .min(2, 'at least 2 variants (or none)')
      .max(4, 'at most 4 variants')
      .optional(),
    channels: z
      .array(z.enum(OFFER_CHANNELS))
      .min(1, 'at least one channel')
      .refine((c) => new Set(c).size === c.length, 'a channel is listed twice'),
    /** 0 to 100; the higher runs first. */
    priority: z.int().min(0).max(100),
    /** A brand's paid placement (said and shown as such), rather than the brand's own service. */
    sponsored: z.boolean(),
    /** First and last day it runs (inclusive, the household's calendar day). */
    start: isoDate,
    end: isoDate,
    product: campaignProductSchema.optional(),
    accept: campaignAcceptSchema.optional(),
  })
  .superRefine((c, ctx) => {
    // Refinements also run on data with other issues: compare only dates that are dates.
    const dated = typeof c.start === 'string' && typeof c.end === 'string';
    if (dated && c.end < c.start)
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `end ${c.end} is before start ${c.start}`,
        params: { code: CAMPAIGN_RULE_CODES.dates },
      });
    if (Array.isArray(c.variants) && c.variants.every((v) => typeof v?.weight === 'number')) {
      const total = c.variants.reduce((sum, v) => sum + v.weight, 0);
      if (total !== 100)
        ctx.addIssue({
          code: 'custom',
          path: ['variants'],
          message: `variant weights sum to ${total}, not 100`,
          params: { code: CAMPAIGN_RULE_CODES.weights },
        });
      const ids = c.variants.map((v) => v.id);
      if (new Set(ids).size !== ids.length)
        ctx.addIssue({ code: 'custom', path: ['variants'], message: 'a variant id is listed twice' });
    }
    const prefix = `campaigns.${c.id}.`;
    const contents: Array<[Array<string | number>, Record<string, unknown>]> = [
      [['content'], c.content],
      ...(c.accept && typeof c.accept === 'object'
        ? [
            [['accept'], { question: c.accept.question, label: c.accept.label }] as [
              string[],
              Record<string, unknown>,
            ],
          ]
        : []),
      ...(Array.isArray(c.variants) ? c.variants : []).flatMap(
        (v, i): Array<[Array<string | number>, Record<string, unknown>]> =>
          v.content ? [[['variants', i, 'content'], v.content]] : [],
      ),
    ];
    for (const [path, content] of contents) {
      if (!content || typeof content !== 'object') continue;
      for (const [field, key] of Object.entries(content)) {
        if (typeof key === 'string' && !key.startsWith(prefix))
          ctx.addIssue({
            code: 'custom',
            path: [...path, field],
            message: `"${key}" is not under ${prefix}`,
            params: { code: CAMPAIGN_RULE_CODES.keyPrefix },
          });
      }
    }
  });
export type Campaign = z.infer<typeof campaignSchema>;

/** The purpose each eligibility condition reads. */
const CONDITION_PURPOSES = {
  drinksVariety: 'consumption',
  hasIngredient: 'inventory',
  missingIngredient: 'inventory',
  belowReorderPoint: 'consumption',
} as const satisfies Record<string, Purpose>;

/** The purpose of the data a triggering event is made from. */
const EVENT_PURPOSES = {
  belowReorderPoint: 'consumption',
  ingredientMissing: 'inventory',
} as const satisfies Record<CampaignEvent, Purpose>;

/**
 * The purposes a campaign reads (its conditions and, for an event, the data the event comes
 * from), in PURPOSES order; never `offers`, which the engine requires of every campaign.
 */
export function campaignPurposes(campaign: Pick<Campaign, 'trigger' | 'eligibility'>): Purpose[] {
  const used = new Set<Purpose>();
  if ('event' in campaign.trigger) used.add(EVENT_PURPOSES[campaign.trigger.event]);
  for (const condition of campaign.eligibility) {
    for (const key of Object.keys(condition) as Array<keyof typeof CONDITION_PURPOSES>)
      used.add(CONDITION_PURPOSES[key]);
  }
  return PURPOSES.filter((p) => used.has(p));
}

/** The content of a variant (its own, else the campaign's); the campaign's without a variant. */
export function campaignContent(campaign: Campaign, variantId?: string): CampaignContent {
  const variant = campaign.variants?.find((v) => v.id === variantId);
  return variant?.content ?? campaign.content;
}

/** Every response key the campaign names (rule and every content), sorted and unique. */
export function campaignResponseKeys(campaign: Campaign): string[] {
  const keys = new Set<string>([campaign.rule]);
  for (const content of [campaign.content, ...(campaign.variants ?? []).map((v) => v.content)]) {
    if (!content) continue;
    keys.add(content.speech);
    keys.add(content.title);
    if (content.subtitle) keys.add(content.subtitle);
  }
  if (campaign.accept) {
    keys.add(campaign.accept.question);
    keys.add(campaign.accept.label);
  }
  return [...keys].sort();
}
