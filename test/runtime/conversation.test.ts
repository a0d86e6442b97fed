import { describe, expect, it } from 'vitest';
import fridgeChef from '../../skills/fridge-chef/skill.js';
import { matcherFor } from '../../src/runtime/conversation.js';
import { loadDefaultLanguage } from '../../src/runtime/default-language.js';
import { resolveSlots } from '../../src/runtime/resolve-slots.js';

describe('names that Object.prototype also has', () => {
  it('valueName answers the id for a type named after one, never throws', () => {
    const language = loadDefaultLanguage();
    for (const type of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(language.valueName(fridgeChef, 'fr-FR', type, 'egg')).toBe('egg');
    }
    expect(language.valueName(fridgeChef, 'fr-FR', 'Ingredient', 'egg')).toBe('œufs');
  });

  it('resolveSlots keeps such slot names as unresolved data, and __proto__ as an own key', () => {
    const slots = JSON.parse('{"__proto__":"œufs","constructor":"œufs","ingredient":"œufs"}') as Record<
      string,
      string
    >;
    const resolved = resolveSlots(fridgeChef, 'fr-FR', 'AddToShoppingListIntent', slots);
    expect(Object.getPrototypeOf(resolved)).toBe(Object.prototype);
    expect(Object.keys(resolved).sort()).toEqual(['__proto__', 'constructor', 'ingredient']);
    expect(resolved.constructor).toEqual({ raw: 'œufs', value: 'œufs' });
    expect(resolved.ingredient).toMatchObject({ id: 'egg' });
    expect(resolveSlots(fridgeChef, 'fr-FR', 'constructor', { ingredient: 'œufs' })).toEqual({
      ingredient: { raw: 'œufs', value: 'œufs' },
    });
  });

  it('the matcher ignores an expectation naming an inherited slot', () => {
    const result = matcherFor(fridgeChef, 'fr-FR').match('du lait', {
      intent: 'AddToShoppingListIntent',
      slot: 'constructor',
    });
    expect(result.slots).not.toHaveProperty('constructor');
  });
});
