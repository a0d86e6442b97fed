import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SKILLS } from '../../skills/index.js';
import { findStale, generateModels, writeModels } from '../../src/cli/build/build-models.js';
import { loadDefaultLanguage } from '../../src/runtime/default-language.js';
import { findPackageRoot } from '../../src/runtime/package-root.js';

const work = mkdtempSync(join(tmpdir(), 'hearth-build-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const generated = generateModels(SKILLS, loadDefaultLanguage());

describe('hearth build', () => {
  it('is deterministic: two builds give the same bytes', () => {
    const again = generateModels(SKILLS, loadDefaultLanguage());
    expect([...again.entries()]).toEqual([...generated.entries()]);
    for (const content of generated.values())
      expect(content.endsWith('}\n') || content.endsWith(']\n')).toBe(true);
  });

  it('writes an Alexa model per skill and locale with invocation name, samples, types, dialog and prompts', () => {
    const model = JSON.parse(generated.get('alexa/fridge-chef/fr-CA.json') ?? '{}');
    const lm = model.interactionModel.languageModel;
    expect(lm.invocationName).toBe('chef du frigo');
    const add = lm.intents.find((i: { name: string }) => i.name === 'AddToShoppingListIntent');
    expect(add.samples).toContain("ajoute {ingredient} à ma liste d'épicerie");
    expect(add.samples).toContain('ajoute {ingredient} à ma liste de courses');
    expect(add.slots).toEqual([{ name: 'ingredient', type: 'Ingredient', samples: ['{ingredient}'] }]);
    const potato = lm.types
      .find((t: { name: string }) => t.name === 'Ingredient')
      .values.find((v: { id: string }) => v.id === 'potato');
    expect(potato.name.value).toBe('patates');
    expect(lm.intents.map((i: { name: string }) => i.name)).toContain('AMAZON.NavigateHomeIntent');
    expect(model.interactionModel.prompts[0].variations[0].value).toBe(
      "Qu'est-ce que je dois ajouter à votre liste d'épicerie ?",
    );
    expect(model.interactionModel.dialog.intents.map((i: { name: string }) => i.name)).toEqual([
      'AddToShoppingListIntent',
      'RecipeDetailsIntent',
    ]);
  });

  it('writes a Dialogflow ES agent with every language, training phrases and entities', () => {
    const agent = JSON.parse(generated.get('dialogflow/coffee-companion/agent.json') ?? '{}');
    expect(agent.language).toBe('en');
    expect(agent.supportedLanguages).toEqual(['en-gb', 'fr', 'fr-ca', 'de', 'es', 'it']);
    const phrases = JSON.parse(
      generated.get('dialogflow/coffee-companion/intents/ReorderIntent_usersays_de.json') ?? '[]',
    );
    const withSlots = phrases.find((p: { data: Array<{ alias?: string }> }) =>
      p.data.some((d) => d.alias === 'quantity'),
    );
    expect(withSlots.data.find((d: { alias?: string }) => d.alias === 'quantity').meta).toBe('@sys.number');
    const entries = JSON.parse(
      generated.get('dialogflow/coffee-companion/entities/Variety_entries_fr.json') ?? '[]',
    );
    expect(entries).toContainEqual({ value: 'decaf', synonyms: ['décaféiné', 'déca', 'décaf'] });
    const fallback = JSON.parse(
      generated.get('dialogflow/coffee-companion/intents/FallbackIntent.json') ?? '{}',
    );
    expect(fallback.fallbackIntent).toBe(true);
    expect(generated.has('dialogflow/coffee-companion/intents/Launch.json')).toBe(true);
  });

  it('finds missing, outdated and no-longer-generated files, and a write makes the directory fresh', () => {
    const dir = join(work, 'models');
    expect(findStale(dir, generated).length).toBe(generated.size);
    writeModels(dir, generated);
    expect(findStale(dir, generated)).toEqual([]);
    const one = join(dir, 'alexa/fridge-chef/en-US.json');
    writeFileSync(one, readFileSync(one, 'utf8').replace('fridge chef', 'fridge cook'));
    writeFileSync(join(dir, 'alexa/old-skill.json'), '{}\n');
    expect(findStale(dir, generated)).toEqual([
      { path: 'alexa/fridge-chef/en-US.json', reason: 'outdated' },
      { path: 'alexa/old-skill.json', reason: 'not generated' },
    ]);
    writeModels(dir, generated);
    expect(findStale(dir, generated)).toEqual([]);
  });

  it('matches the committed interaction-models/ (run `npx hearth build` after editing skills or locales)', () => {
    expect(findStale(join(findPackageRoot(), 'interaction-models'), generated)).toEqual([]);
  });
});
