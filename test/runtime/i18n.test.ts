import { describe, expect, it } from 'vitest';
import { loadDefaultLanguage } from '../../src/runtime/default-language.js';

const language = loadDefaultLanguage();

describe('translator', () => {
  it('interpolates values and picks plural forms by count', () => {
    const t = language.translator('coffee-companion', 'fr-FR');
    const one = t('stock.capsules', { count: 1 });
    const many = t('stock.capsules', { count: 12 });
    expect(one).not.toBe(many);
    expect(many).toContain('12');
  });

  it('never lets a value act as an i18next option (lng, ns, defaultValue)', () => {
    const en = language.translator('fridge-chef', 'en-US');
    const plain = en('launch.speech');
    expect(en('launch.speech', { lng: 'fr-FR' })).toBe(plain);
    expect(en('launch.speech', { ns: 'coffee-companion' })).toBe(plain);
    expect(en('no.such.key', { defaultValue: 'injected' })).not.toContain('injected');
  });
});
