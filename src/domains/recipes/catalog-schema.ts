/**
 * The shapes of the recipe domain's data, shipped with the repository (not the store):
 * the ingredient vocabulary and the recipe catalog. Non-localised facts live in
 * `src/domains/recipes/data/`; names, synonyms and steps per primary locale in
 * `locales/<locale>/recipes/`. One schema per file kind; `hearth validate` checks them.
 */
import { z } from 'zod';

/** The EU's 14 allergens (Regulation 1169/2011, annex II), as ids. */
export const EU_ALLERGENS = [
  'gluten',
  'crustaceans',
  'eggs',
  'fish',
  'peanuts',
  'soybeans',
  'milk',
  'nuts',
  'celery',
  'mustard',
  'sesame',
  'sulphites',
  'lupin',
  'molluscs',
] as const;
export type Allergen = (typeof EU_ALLERGENS)[number];

/** Diets a recipe may be labelled with; a recipe has a diet when every ingredient allows it. */
export const DIETS = ['vegetarian', 'vegan', 'pescatarian'] as const;
export type Diet = (typeof DIETS)[number];

/** Ingredient and recipe ids: lower-case words joined by hyphens (`bell-pepper`, `mushroom-risotto`). */
export const catalogIdSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are lower-case kebab-case');

/** One ingredient of the vocabulary (`data/ingredients.json` holds an array of these). */
export const ingredientSchema = z.strictObject({
  id: catalogIdSchema,
  /** The EU allergens the ingredient is or contains. */
  allergens: z.array(z.enum(EU_ALLERGENS)),
  /** The diets the ingredient is compatible with (`cheese`: vegetarian, pescatarian). */
  diets: z.array(z.enum(DIETS)),
});
export type Ingredient = z.infer<typeof ingredientSchema>;

/** Units a recipe quantity is given in. */
export const UNITS = ['g', 'ml', 'piece', 'tbsp', 'tsp', 'pinch', 'clove', 'slice', 'bunch'] as const;
export type Unit = (typeof UNITS)[number];

/** One recipe of the catalog (`data/recipes.json` holds an array of these). */
export const recipeSchema = z.strictObject({
  id: catalogIdSchema,
  minutes: z
    .number()
    .int()
    .positive()
    .max(24 * 60),
  servings: z.number().int().positive().max(24),
  ingredients: z
    .array(
      z.strictObject({
        id: catalogIdSchema,
        quantity: z.number().positive(),
        unit: z.enum(UNITS),
        /** An optional ingredient neither counts as missing nor as required. */
        optional: z.boolean().default(false),
      }),
    )
    .min(1),
  /**
   * Labels an author may declare (as a recipe site prints them). They are never trusted:
   * `hearth validate` reports a declared allergen or diet that does not follow from the
   * ingredients, and a derived allergen left undeclared.
   */
  allergens: z.array(z.enum(EU_ALLERGENS)).optional(),
  diets: z.array(z.enum(DIETS)).optional(),
});
export type Recipe = z.output<typeof recipeSchema>;

/** `locales/<locale>/recipes/ingredients.json`: the ingredient's names in that language, by id. */
export const ingredientNamesSchema = z.record(
  catalogIdSchema,
  z.strictObject({
    /** The singular name ("tomate"). */
    name: z.string().min(1),
    /** The plural name ("tomates"); the same as `name` for uncountable foods. */
    plural: z.string().min(1),
    /** Other words people and appliances use for it ("tomates cerises"). */
    synonyms: z.array(z.string().min(1)).default([]),
  }),
);
export type IngredientNames = z.output<typeof ingredientNamesSchema>;

/** `locales/<locale>/recipes/recipes.json`: each recipe's name, synonyms and steps in that language, by id. */
export const recipeTextsSchema = z.record(
  catalogIdSchema,
  z.strictObject({
    name: z.string().min(1),
    synonyms: z.array(z.string().min(1)).default([]),
    /** Steps in order, each short enough to be spoken on its own. */
    steps: z.array(z.string().min(1).max(400)).min(1),
  }),
);
export type RecipeTexts = z.output<typeof recipeTextsSchema>;

/**
 * `locales/<locale>/recipes/label-words.json`: words an appliance or a shop puts on a label
 * around the food's name (brands, quality, size, packaging, units), which the ingredient
 * normaliser drops. Regional locales add to the words of the locales they fall back to.
 */
export const labelWordsSchema = z.strictObject({
  drop: z.array(z.string().min(1)),
});
export type LabelWords = z.infer<typeof labelWordsSchema>;

/**
 * A recipe as ranking and handlers use it, from the catalog after loading: required and
 * optional ingredient ids apart, allergens and diets derived from the ingredients.
 */
export interface CatalogRecipe {
  readonly id: string;
  readonly minutes: number;
  readonly servings: number;
  /** Ingredient ids that must be at hand, in the recipe's order. */
  readonly required: readonly string[];
  readonly optional: readonly string[];
  /** Union of the ingredients' allergens. */
  readonly allergens: readonly Allergen[];
  /** The diets every ingredient allows. */
  readonly diets: readonly Diet[];
}
