/**
 * The recipe a household is cooking, kept in the session: its id and how many steps were
 * read. The session is client-held, so what comes back is checked against the catalog
 * before it is used, and it never carries anything personal.
 */
import type { RecipeService, SessionState } from 'hearth/skill';

const COOKING = 'cooking';

export type Cooking = { recipe: string; step: number };

/** The recipe being cooked and the steps read so far, when the session names a real one. */
export function cookingOf(
  session: SessionState,
  recipes: RecipeService,
  locale: Parameters<RecipeService['steps']>[1],
) {
  const value = Object.hasOwn(session, COOKING) ? session[COOKING] : undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { recipe, step } = value as Record<string, unknown>;
  if (typeof recipe !== 'string' || !recipes.recipe(recipe)) return undefined;
  const steps = recipes.steps(recipe, locale);
  const read =
    typeof step === 'number' && Number.isInteger(step) && step >= 0 && step <= steps.length ? step : 0;
  return { recipe, step: read, steps };
}

export function withCooking(session: SessionState, cooking: Cooking): SessionState {
  return { ...session, [COOKING]: cooking };
}
