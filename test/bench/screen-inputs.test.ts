import { describe, expect, it } from 'vitest';
import { longInput, perturbed, typedInputs } from '../../bench/screen-inputs.js';
import { SKILLS } from '../../skills/index.js';
import { seededRandom } from '../../src/domains/recipes/synthetic-catalog.js';
import { loadDefaultLanguage } from '../../src/runtime/default-language.js';

describe('typed input of the screen matcher bench', () => {
  const skill = SKILLS[0]!;
  const model = loadDefaultLanguage().model(skill, 'fr-CA');

  it('is the same for the same seed, with every slot filled and off-topic text at the end', () => {
    const inputs = typedInputs(model, 7);
    expect(typedInputs(model, 7)).toEqual(inputs);
    expect(inputs.some((text) => /[{}]/.test(text))).toBe(false);
    expect(inputs.at(-1)).toBe('raconte-moi une blague sur les pingouins');
    const samples = model.intents.reduce(
      (n, intent) => n + new Set(intent.samples.map((s) => s.text)).size,
      0,
    );
    expect(inputs.length).toBeGreaterThanOrEqual(samples);
  });

  it('perturbs lightly: a typo keeps the length, polite words go in front', () => {
    const texts = Array.from({ length: 40 }, (_, i) =>
      perturbed('what can I cook tonight', 'en', seededRandom(i)),
    );
    expect(texts).toContain('what can I cook tonight');
    expect(texts).toContain('please what can I cook tonight');
    expect(texts).toContain('What can I cook tonight?');
    expect(texts.some((t) => t.length === 23 && t !== 'what can I cook tonight')).toBe(true);
  });

  it('makes a long input of exactly the length asked', () => {
    expect(longInput(['abc', 'de'], 500)).toHaveLength(500);
    expect(longInput(['abc'], 9)).toBe('abc, abc,');
    expect(() => longInput([])).toThrow(/no inputs/);
  });
});
