/**
 * `hearth/skill`: everything a brand's skill imports, and nothing else. Skills
 * never reach into `src/` by path; this file is the public surface (see
 * docs/authoring.md), and `test/architecture/skill-imports.test.ts` holds them to it.
 */

export { type CapsuleForecast, forecastVariety } from '../domains/capsules/consumption-forecast.js';
export type { DueUse, RankedRecipe, RecipeRanking } from '../domains/recipes/rank-recipes.js';
export { type RecipeService, shippedRecipeService } from '../domains/recipes/recipe-service.js';
export { ingredientSlotValues, recipeSlotValues } from '../domains/recipes/slot-values.js';
export {
  type CapsuleStock,
  CONTEXT_DOCUMENT_SCHEMAS,
  type ConsumptionDocument,
  type ContextPurpose,
  capsuleStockSchema,
  consumptionDocumentSchema,
  type HealthDocument,
  healthDocumentSchema,
  type InventoryDocument,
  type InventoryItem,
  inventoryDocumentSchema,
  inventoryItemSchema,
  type LocationDocument,
  locationDocumentSchema,
  MAX_SHOPPING_LIST,
  type PreferencesDocument,
  preferencesDocumentSchema,
} from '../household/context-documents.js';
export { localDay } from '../household/device-events/local-day.js';
export {
  type ConsentedContext,
  type ConsentGate,
  type ContextDocuments,
  isPurpose,
  PURPOSES,
  type Purpose,
} from '../runtime/consent-gate.js';
export type { Effects, HouseholdWrite, JsonObject, RecordCollection } from '../runtime/effects.js';
export type { Locale } from '../runtime/locales.js';
export {
  joinList,
  privacyIntents,
  rememberSuggestion,
  type SuggestionReason,
} from '../runtime/privacy-intents.js';
export {
  type BuiltInIntent,
  type DefinedIntent,
  defineIntent,
  defineSkill,
  type Handler,
  type HandlerContext,
  type IntentDefinition,
  type IntentInput,
  type QuestionDefinition,
  type RequiredSlots,
  responseKey,
  type SkillDefinition,
  type SlotDefinition,
  type Translate,
} from '../runtime/skill-definition.js';
export { type SkillKit, withVocabulary } from '../runtime/skill-kit.js';
export type { SkillServices } from '../runtime/skill-services.js';
export type {
  Card,
  CardAction,
  CardItem,
  JsonValue,
  ReplyDraft,
  SessionState,
  SlotValue,
  Turn,
  TurnDevice,
  TurnHousehold,
  TurnSlots,
} from '../runtime/turn.js';
export type { Vocabulary } from '../runtime/vocabulary.js';
