/**
 * The matcher's words and the screen page's strings come from locales/<locale>/common/
 * files alone: a locales tree written here, with made-up words, is all the
 * matcher and the page know (no tables in code), merged through the fallback chain.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import coffeeCompanion from '../../skills/coffee-companion/skill.js';
import { matcherFor } from '../../src/runtime/conversation.js';
import { createLanguageData } from '../../src/runtime/i18n.js';
import { readLocaleFiles } from '../../src/runtime/locale-files.js';

const dir = mkdtempSync(join(tmpdir(), 'hearth-common-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, data: unknown): void {
  const file = join(dir, 'locales', path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(data));
}

const quantity = { intents: { ChangeQuantityIntent: { samples: ['ändere die Menge auf {quantity}'] } } };
write('de-DE/coffee-companion/model.json', quantity);
write('de-DE/common/matcher.json', { fillers: ['Blörp'], numbers: { zork: 7, 'zork-zork': 14 } });
write('en-US/common/matcher.json', { fillers: ['please'], numbers: { one: 1, 'a dozen': 12 } });
write('en-GB/common/matcher.json', { fillers: ['cheers'], numbers: { 'a score': 20, 'a dozen': 13 } });
write('fr-FR/common/screen.json', {
  kind: { fridge: 'Réfrigérateur', 'coffee-machine': 'Machine à café' },
  home: 'Accueil',
  question: 'Posez une question',
  ask: 'Demander',
  suggestions: 'Essayez',
  failed: 'Raté.',
  expired: 'Expirée.',
});
write('fr-CA/common/screen.json', { home: 'Maison', kind: { fridge: 'Frigo' } });

const files = readLocaleFiles(join(dir, 'locales'));
const language = createLanguageData(files);

describe('language data from the common/ files of a locales tree', () => {
  it('reads the files without problems', () => {
    expect(files.problems).toEqual([]);
  });

  it('gives the matcher the fillers and spoken numbers of the files, normalised', () => {
    expect(language.lexicon('de-DE')).toEqual({
      fillers: new Set(['blorp']),
      numbers: new Map([
        ['zork', 7],
        ['zork zork', 14],
      ]),
    });
    const matcher = matcherFor(coffeeCompanion, 'de-DE', language);
    const result = matcher.match('blörp, ändere die Menge auf Zork-Zork');
    expect(result.intent).toBe('ChangeQuantityIntent');
    expect(result.slots.quantity).toEqual({ raw: 'Zork Zork', value: '14' });
    // A filler costs less than any other extra word.
    expect(result.confidence).toBeGreaterThan(matcher.match('flurp ändere die Menge auf zork').confidence);
    // German numbers the files do not list are unknown: no table in code backs them up.
    expect(matcher.match('ändere die Menge auf fünf').slots.quantity).toBeUndefined();
    expect(matcher.match('ändere die Menge auf 5').slots.quantity?.value).toBe('5');
  });

  it('merges a regional file into its primary: fillers add, a number with the same words is replaced', () => {
    const lexicon = language.lexicon('en-GB');
    expect([...lexicon.fillers].sort()).toEqual(['cheers', 'please']);
    expect(Object.fromEntries(lexicon.numbers)).toEqual({ one: 1, 'a dozen': 13, 'a score': 20 });
    expect(language.lexicon('en-US').numbers.get('a dozen')).toBe(12);
  });

  it('has an empty lexicon where no file of the chain has matcher data', () => {
    expect(language.lexicon('it-IT')).toEqual({ fillers: new Set(), numbers: new Map() });
  });

  it('gives the screen page its strings, regional ones key by key over the primary', () => {
    expect(language.screenStrings('fr-CA')).toEqual({
      kind: { fridge: 'Frigo', 'coffee-machine': 'Machine à café' },
      home: 'Maison',
      question: 'Posez une question',
      ask: 'Demander',
      suggestions: 'Essayez',
      failed: 'Raté.',
      expired: 'Expirée.',
    });
    expect(language.screenStrings('de-DE').home).toBe('[missing: screen.home]');
  });
});
