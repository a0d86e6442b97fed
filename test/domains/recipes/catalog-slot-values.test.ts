import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fridgeChef from '../../../skills/fridge-chef/skill.js';
import { loadCatalog } from '../../../src/domains/recipes/load-catalog.js';
import { ingredientSlotValues, recipeSlotValues } from '../../../src/domains/recipes/slot-values.js';
import { readLocaleFiles } from '../../../src/runtime/locale-files.js';
import { LOCALES } from '../../../src/runtime/locales.js';
import { findPackageRoot } from '../../../src/runtime/package-root.js';
import type { SkillDefinition } from '../../../src/runtime/skill-definition.js';
import { mergeSkillModel, valuesOfType } from '../../../src/runtime/skill-model.js';

const files = readLocaleFiles(join(findPackageRoot(), 'locales'));
const catalog = loadCatalog();

describe('fridge-chef slot values from the catalog', () => {
  it('has one Ingredient value per ingredient and one Recipe value per recipe in every locale', () => {
    for (const locale of LOCALES) {
      const model = mergeSkillModel(fridgeChef as SkillDefinition, files, locale);
      expect(valuesOfType(model, 'Ingredient').map((v) => v.id)).toEqual([...catalog.ingredients.keys()]);
      expect(valuesOfType(model, 'Recipe').map((v) => v.id)).toEqual(catalog.recipes.map((r) => r.id));
    }
  });

  it('says the plural of an ingredient and keeps the other forms as synonyms', () => {
    const tomato = ingredientSlotValues('fr-FR').find((v) => v.id === 'tomato');
    expect(tomato).toEqual({
      id: 'tomato',
      value: 'tomates',
      synonyms: expect.arrayContaining(['tomate', 'tomates cerises']),
    });
    const zucchini = ingredientSlotValues('en-GB').find((v) => v.id === 'zucchini');
    expect(zucchini?.value).toBe('courgettes');
    const milk = ingredientSlotValues('de-DE').find((v) => v.id === 'milk');
    expect(milk?.synonyms).not.toContain('Milch');
  });

  it('names recipes by their localised name', () => {
    expect(recipeSlotValues('it-IT').find((v) => v.id === 'mushroom-risotto')?.value).toBe(
      'risotto ai funghi',
    );
    expect(recipeSlotValues('en-GB').find((v) => v.id === 'vegetable-omelette')?.value).toBe(
      'vegetable omelette',
    );
  });

  it('lets a model file still add or replace a value by id, after the supplied ones', () => {
    const skill: SkillDefinition = {
      ...(fridgeChef as SkillDefinition),
      slotTypes: {
        ...(fridgeChef as SkillDefinition).slotTypes,
        Ingredient: { values: () => [{ id: 'egg', value: 'supplied eggs' }] },
      },
    };
    const withFile = {
      ...files,
      skills: {
        ...files.skills,
        'fridge-chef': {
          ...files.skills['fridge-chef'],
          'en-US': {
            ...files.skills['fridge-chef']?.['en-US'],
            model: {
              file: 'locales/en-US/fridge-chef/model.json',
              data: {
                ...files.skills['fridge-chef']?.['en-US']?.model?.data,
                types: { Ingredient: [{ id: 'quail-egg', value: 'quail eggs' }] },
              },
            },
          },
        },
      },
    };
    const model = mergeSkillModel(skill, withFile, 'en-US');
    expect(valuesOfType(model, 'Ingredient')).toEqual([
      { id: 'egg', value: 'supplied eggs', file: 'skills/fridge-chef/skill.ts' },
      { id: 'quail-egg', value: 'quail eggs', file: 'locales/en-US/fridge-chef/model.json' },
    ]);
  });
});
