import { describe, expect, it } from 'vitest';
import coffeeCompanion from '../../skills/coffee-companion/skill.js';
import fridgeChef from '../../skills/fridge-chef/skill.js';
import { loadDefaultLanguage } from '../../src/runtime/default-language.js';
import type { Locale } from '../../src/runtime/locales.js';
import { runTurn } from '../../src/runtime/run-turn.js';
import type { SkillDefinition } from '../../src/runtime/skill-definition.js';
import type { JsonValue, SessionState } from '../../src/runtime/turn.js';

const t = (skill: SkillDefinition, locale: Locale, key: string, values?: Record<string, string>) =>
  loadDefaultLanguage().translator(skill.id, locale)(key, values);

/** "Why this suggestion?" with the session a client handed back. */
async function why(lastSuggestion: JsonValue, skill: SkillDefinition = fridgeChef, locale: Locale = 'en-US') {
  const session: SessionState = { lastSuggestion };
  const { reply } = await runTurn(
    skill,
    { channel: 'test', locale, intent: 'WhyThisSuggestionIntent', slots: {}, session, now: new Date() },
    { language: loadDefaultLanguage() },
  );
  return reply.speech;
}

describe('WhyThisSuggestionIntent with client-held session state', () => {
  it('explains a genuine suggestion with its values and purposes', async () => {
    const speech = await why({
      key: 'why.usesExpiring',
      values: { ingredient: 'milk' },
      purposes: ['inventory'],
    });
    expect(speech).toBe(
      t(fridgeChef, 'en-US', 'privacy.whyPersonal', {
        reason: t(fridgeChef, 'en-US', 'why.usesExpiring', { ingredient: 'milk' }),
        data: t(fridgeChef, 'en-US', 'dataKinds.inventory'),
      }),
    );
  });

  it.each<[string, JsonValue]>([
    ['another namespace', { key: 'coffee-companion:why.usualOrder', purposes: [] }],
    ['a key outside why.', { key: 'privacy.knowNothing', purposes: [] }],
    ['the why. tree itself', { key: 'why', purposes: [] }],
    ['a key with a namespace separator', { key: 'why.popular:x', purposes: [] }],
    ['a key that is not a string', { key: 5, purposes: [] }],
  ])('says nothing was suggested for %s', async (_name, forged) => {
    expect(await why(forged)).toBe(t(fridgeChef, 'en-US', 'privacy.nothingSuggested'));
  });

  it('never lets values act as i18next options (lng, ns, replace, defaultValue, count)', async () => {
    const speech = await why({
      key: 'why.usesExpiring',
      values: {
        ingredient: 'milk',
        lng: 'fr-FR',
        lngs: ['fr-FR'] as unknown as string,
        ns: 'coffee-companion',
        replace: { ingredient: 'poison' } as unknown as string,
        defaultValue: 'owned',
        count: '2',
        context: 'x',
      },
      purposes: [],
    });
    expect(speech).toBe(
      t(fridgeChef, 'en-US', 'privacy.whyGeneral', {
        reason: t(fridgeChef, 'en-US', 'why.usesExpiring', { ingredient: 'milk' }),
      }),
    );
  });

  it('drops values that are too long, oddly named or not strings', async () => {
    const speech = await why({
      key: 'why.usesExpiring',
      values: { ingredient: 'x'.repeat(101), 'bad-name': 'y', _x: 'z' },
      purposes: [],
    });
    expect(speech).not.toContain('x'.repeat(101));
    const object = await why({ key: 'why.usesExpiring', values: { ingredient: { a: 'b' } }, purposes: [] });
    expect(object).not.toContain('[object');
  });

  it("keeps only the skill's own purposes", async () => {
    const speech = await why({ key: 'why.popular', purposes: ['consumption', 'offers', 'nonsense'] });
    expect(speech).toBe(
      t(fridgeChef, 'en-US', 'privacy.whyGeneral', { reason: t(fridgeChef, 'en-US', 'why.popular') }),
    );
    const coffee = await why(
      { key: 'why.usualOrder', purposes: ['inventory', 'preferences'] },
      coffeeCompanion,
    );
    expect(coffee).toBe(
      t(coffeeCompanion, 'en-US', 'privacy.whyPersonal', {
        reason: t(coffeeCompanion, 'en-US', 'why.usualOrder'),
        data: t(coffeeCompanion, 'en-US', 'dataKinds.preferences'),
      }),
    );
  });
});
