import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { loadDefaultLanguage } from '../../src/runtime/default-language.js';
import type { Locale } from '../../src/runtime/locales.js';
import { templatedTranslate } from '../../src/runtime/translation-templates.js';

/** A real i18next with plural keys in two languages and a key only English has (the last fallback). */
function instance() {
  const i18n = i18next.createInstance();
  void i18n.init({
    initAsync: false,
    lng: 'en-US',
    fallbackLng: { default: ['en-US'], 'fr-CA': ['fr-FR'] },
    supportedLngs: ['en-US', 'fr-FR', 'fr-CA'],
    load: 'currentOnly',
    ns: ['s'],
    interpolation: { escapeValue: false },
    resources: {
      'en-US': {
        s: {
          eggs_one: '{{count}} egg for {{who}}',
          eggs_other: '{{count}} eggs for {{who}}',
          onlyEnglish_one: 'one thing',
          onlyEnglish_other: '{{count}} things',
          plain: 'Hello',
          twice: '{{a}} and {{a}} and {{b}}',
          zeroed_zero: 'none at all',
          zeroed_one: 'just one',
          zeroed_other: '{{count}} of them',
        },
      },
      'fr-FR': {
        s: {
          eggs_one: '{{count}} œuf pour {{who}}',
          eggs_many: '{{count}} d’œufs',
          eggs_other: '{{count}} œufs pour {{who}}',
        },
      },
    },
  });
  return i18n;
}

describe('translation templates', () => {
  const i18n = instance();
  const counts = [0, 1, 2, 5, 21, 1_000_000, 1.5, '3', '0'];
  const keys = ['eggs', 'onlyEnglish', 'plain', 'twice', 'zeroed', 'missing.key'];

  it.each(['en-US', 'fr-FR', 'fr-CA'] as Locale[])(
    'say exactly what i18next says in %s, for every plural form',
    (locale) => {
      const fixed = i18n.getFixedT(locale, 's');
      const translate = templatedTranslate(fixed, locale);
      for (let round = 0; round < 2; round++) {
        for (const key of keys) {
          for (const count of counts) {
            const values = { count, who: `Zoé ${round}`, a: 'x&y', b: '{{who}}' };
            const expected = String(fixed(key, { replace: values, count }));
            expect(
              translate(key, values as Record<string, string | number>),
              `${locale} ${key} ${count}`,
            ).toBe(expected);
          }
          expect(translate(key)).toBe(String(fixed(key, { replace: {} })));
        }
      }
    },
  );

  it('never lets a value act as an i18next option', () => {
    const translate = templatedTranslate(i18n.getFixedT('en-US', 's'), 'en-US');
    expect(translate('plain', { lng: 'fr-FR', ns: 'other', defaultValue: 'pwned' })).toBe('Hello');
  });

  it('say what the real skills say in every locale', () => {
    const language = loadDefaultLanguage();
    const first = language.translator('fridge-chef', 'fr-FR');
    expect(language.translator('fridge-chef', 'fr-FR')).toBe(first);
    expect(first('card.minutes', { count: 15 })).toBe(first('card.minutes', { count: 15 }));
    expect(first('cook.general', { recipe: 'A', minutes: 1 })).not.toBe(
      first('cook.general', { recipe: 'B', minutes: 1 }),
    );
  });
});
