import { describe, expect, it } from 'vitest';
import { hostileInputs, searchedInputs, typedInputs } from '../../bench/screen-inputs.js';
import { SKILLS } from '../../skills/index.js';
import { matcherFor } from '../../src/runtime/conversation.js';
import { loadDefaultLanguage } from '../../src/runtime/default-language.js';
import { LOCALES } from '../../src/runtime/locales.js';
import type { Expectation, Matcher } from '../../src/runtime/matcher.js';

/**
 * The matcher's work on hostile typed text is bounded by its work on normal text: counted in
 * steps (alignment cells, slot values tried, letters compared), which is deterministic, so the
 * bound is checked here and its cost in time is measured by the bench
 * (`screen.match.worst_vs_normal`, bench/screen-match.ts), not timed in a test.
 */
const language = loadDefaultLanguage();
const MAX_RATIO = 5;

const stepsOf = (matcher: Matcher, text: string, expecting?: Expectation) => {
  const meter = { steps: 0 };
  matcher.match(text, expecting, meter);
  return meter.steps;
};

const served = SKILLS.flatMap((skill) => LOCALES.map((locale) => ({ skill, locale })));

describe('the matcher on hostile typed text', () => {
  it('counts its work deterministically, and counts more for more text', () => {
    const matcher = matcherFor(SKILLS[0]!, 'en-US', language);
    const once = stepsOf(matcher, 'what can I cook tonight');
    expect(once).toBeGreaterThan(0);
    expect(stepsOf(matcher, 'what can I cook tonight')).toBe(once);
    expect(stepsOf(matcher, 'what can I cook tonight with the eggs')).toBeGreaterThan(once);
  });

  it('does not align text longer than any sample can absorb: its work is reading its words', () => {
    const matcher = matcherFor(SKILLS[0]!, 'fr-FR', language);
    expect(matcher.match('a '.repeat(250)).intent).toBe('AMAZON.FallbackIntent');
    expect(stepsOf(matcher, 'a '.repeat(250))).toBe(250);
    expect(
      stepsOf(matcher, 'a '.repeat(250), { intent: 'AddToShoppingListIntent', slot: 'ingredient' }),
    ).toBeLessThan(250 + 400);
  });

  it.each(served.map(({ skill, locale }) => [`${skill.id} ${locale}`, skill, locale] as const))(
    '%s: no hostile input costs more than 5 times a normal typed one',
    (_name, skill, locale) => {
      const matcher = matcherFor(skill, locale, language);
      const model = language.model(skill, locale);
      const lexicon = language.lexicon(locale);
      const work = (text: string) => stepsOf(matcher, text);
      const normal = typedInputs(model).map((text) => ({ text, steps: work(text) }));
      const mean = normal.reduce((sum, { steps }) => sum + steps, 0) / normal.length;

      const hostile = hostileInputs(model, lexicon).map((input) => ({ ...input, steps: work(input.text) }));
      // A slot the conversation may be waiting for: the session names it, so anyone can.
      const withSlot = model.intents.find((intent) => Object.keys(intent.slots).length > 0)!;
      const expecting = { intent: withSlot.name, slot: Object.keys(withSlot.slots)[0]! };
      const expected = hostile
        .filter(({ name }) => !name.startsWith('filled sample'))
        .map(({ name, text }) => ({
          name: `${name}, slot expected`,
          text,
          steps: stepsOf(matcher, text, expecting),
        }));
      // Then a search from the costliest texts found so far, for one language of each skill.
      const searched = ['en-US', 'fr-FR'].includes(locale)
        ? searchedInputs(model, lexicon, work, {
            rounds: 40,
            starts: 2,
            scored: [...hostile, ...normal],
          }).map((input) => ({ ...input, steps: work(input.text) }))
        : [];
      const all = [...hostile, ...expected, ...searched];
      expect(all.every(({ text }) => text.length <= 500)).toBe(true);
      const worst = all.sort((a, b) => b.steps - a.steps)[0]!;
      expect(
        worst.steps / mean,
        `${worst.name}: ${worst.steps} steps, normal ${Math.round(mean)}`,
      ).toBeLessThanOrEqual(MAX_RATIO);
    },
  );
});
