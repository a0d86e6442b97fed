/** Reading a recipe's steps one at a time on voice ("next step"), and on the fridge's screen. */
import { recipesOf } from './catalog.js';
import { cookingOf, withCooking } from './cooking-session.js';
import { defineIntent } from './define.js';

export const nextStep = defineIntent({
  handle: (turn, ctx) => {
    const { t, valueName, locale } = ctx;
    const cooking = cookingOf(turn.session, recipesOf(ctx), locale);
    if (!cooking) return { speech: t('steps.noRecipe'), reprompt: t('prompts.recipe') };
    const { recipe, step, steps } = cooking;
    const name = valueName('Recipe', recipe);
    if (step >= steps.length) return { speech: t('steps.finished', { recipe: name }) };
    const number = step + 1;
    const values = { number, total: steps.length, text: steps[step]! };
    const last = number === steps.length;
    const speech = last ? t('steps.last', values) : t('steps.step', values);
    const session = withCooking(turn.session, { recipe, step: number });
    return {
      speech,
      ...(last ? {} : { reprompt: t('steps.reprompt'), suggestions: [t('suggestions.nextStep')] }),
      card: {
        title: name,
        items: [{ id: `step-${number}`, title: t('steps.cardTitle', values), subtitle: values.text }],
        actions: last ? [] : [{ id: 'next', label: t('suggestions.nextStep'), intent: 'NextStepIntent' }],
      },
      session,
    };
  },
});
