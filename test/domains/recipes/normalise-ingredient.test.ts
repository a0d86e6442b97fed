import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/domains/recipes/load-catalog.js';
import {
  createIngredientNormaliser,
  normaliseIngredient,
  shippedIngredientLabels,
} from '../../../src/domains/recipes/normalise-ingredient.js';
import { LOCALES, type Locale, PRIMARY_LOCALES } from '../../../src/runtime/locales.js';

/** Labels as fridges, shops and people write them, and the ingredient each one is. */
const LABELS: Record<Locale, Array<[string, string]>> = {
  'en-US': [
    ['Organic Baby Spinach 5 oz', 'spinach'],
    ['Large Free Range Eggs x12', 'egg'],
    ['Whole Milk 1 gal', 'milk'],
    ['Cherry Tomatoes 250g', 'tomato'],
    ['Red Bell Peppers', 'bell-pepper'],
    ['Greek Yogurt 500 g', 'yogurt'],
    ['Grated Parmesan', 'parmesan'],
    ['Chicken Breasts 2 pack', 'chicken'],
    ['Unsalted Butter', 'butter'],
    ['Extra Virgin Olive Oil', 'olive-oil'],
    ['Fresh Basil', 'basil'],
    ['Zucchini', 'zucchini'],
    ['Scallions', 'spring-onion'],
  ],
  'en-GB': [
    ['Courgettes x3', 'zucchini'],
    ['Aubergine', 'eggplant'],
    ['King Prawns 200g', 'shrimp'],
    ['Beef Mince 500g', 'minced-beef'],
    ['Natural Yoghurt', 'yogurt'],
    ['Fresh Coriander', 'cilantro'],
    ['Double Cream 300ml', 'cream'],
    ['Cherry Tomatoes', 'tomato'],
  ],
  'fr-FR': [
    ['Tomates cerises', 'tomato'],
    ['Tomates cerises bio 250 g', 'tomato'],
    ['Lait demi-écrémé UHT 1L', 'milk'],
    ['Œufs frais x6 calibre moyen', 'egg'],
    ['Oeufs plein air', 'egg'],
    ['Crème fraîche épaisse 20 cl', 'creme-fraiche'],
    ['Fromage blanc 0% MG', 'quark'],
    ['Lardons fumés', 'bacon'],
    ['Champignons de Paris', 'mushroom'],
    ["Gousses d'ail", 'garlic'],
    ['Emmental râpé', 'cheese'],
    ['Poivrons rouges', 'bell-pepper'],
    ['Pommes de terre nouvelles 1,5 kg', 'potato'],
    ['Beurre doux 250g', 'butter'],
    ['Courgettes', 'zucchini'],
    ['Saumon fumé', 'salmon'],
    ['Épinards', 'spinach'],
  ],
  'fr-CA': [
    ['Patates grelots', 'potato'],
    ['Yogourt grec', 'yogurt'],
    ['Piments forts', 'chili'],
    ['Tomates cerises', 'tomato'],
  ],
  'de-DE': [
    ['Bio-Vollmilch 1,5%', 'milk'],
    ['2 x Eier Größe M', 'egg'],
    ['Freilandeier 10 Stück', 'egg'],
    ['Paprika rot', 'bell-pepper'],
    ['Kirschtomaten 250 g', 'tomato'],
    ['Mehl Type 405', 'flour'],
    ['Schmand 200g', 'creme-fraiche'],
    ['Magerquark', 'quark'],
    ['Speckwürfel', 'bacon'],
    ['Hähnchenbrustfilet', 'chicken'],
    ['Zucchini', 'zucchini'],
    ['Möhren 1kg', 'carrot'],
    ['Blattspinat tiefgekühlt', 'spinach'],
    ['Frühlingszwiebeln', 'spring-onion'],
    ['Geräuchertes Paprikapulver', 'paprika'],
  ],
  'es-ES': [
    ['Huevos camperos talla L 12 uds', 'egg'],
    ['Leche entera 1 l', 'milk'],
    ['Tomates cherry', 'tomato'],
    ['Pimientos rojos', 'bell-pepper'],
    ['Calabacín', 'zucchini'],
    ['Queso rallado', 'cheese'],
    ['Jamón serrano', 'ham'],
    ['Champiñones laminados', 'mushroom'],
    ['Espinacas frescas 300 g', 'spinach'],
    ['Pechuga de pollo', 'chicken'],
    ['Gambas congeladas', 'shrimp'],
    ['Pimentón de la Vera', 'paprika'],
  ],
  'it-IT': [
    ['Spinaci freschi 250g', 'spinach'],
    ['Pomodorini ciliegini 500 g', 'tomato'],
    ['Latte intero UHT', 'milk'],
    ['Uova fresche da allevamento a terra x6', 'egg'],
    ['Mozzarella di bufala 125g', 'mozzarella'],
    ['Parmigiano Reggiano grattugiato', 'parmesan'],
    ['Guanciale', 'bacon'],
    ['Zucchine', 'zucchini'],
    ['Peperoni rossi', 'bell-pepper'],
    ['Peperoncino fresco', 'chili'],
    ['Prosciutto crudo', 'ham'],
    ['Funghi champignon', 'mushroom'],
  ],
};

/** Labels that are not one ingredient of the vocabulary: they must stay unknown, never guessed. */
const UNKNOWN: Record<Locale, string[]> = {
  'en-US': ['Tomatoes and onions', 'Ketchup', 'Chocolate chip cookies', 'Leftovers', ''],
  'en-GB': ['Marmite', 'Scotch eggs'],
  'fr-FR': ['Sauce bolognaise', 'Yaourt à la fraise', 'Reste de pizza'],
  'fr-CA': ['Poutine'],
  'de-DE': ['Leberwurst', 'Kartoffelsalat vom Vortag', 'Tomaten und Gurken'],
  'es-ES': ['Gazpacho Alvalle 1 l', 'Tortilla precocinada'],
  'it-IT': ['Pesto alla genovese', 'Tiramisù monoporzione'],
};

describe('normaliseIngredient', () => {
  for (const locale of LOCALES) {
    it(`maps real ${locale} labels to their ingredient`, () => {
      for (const [label, id] of LABELS[locale])
        expect(normaliseIngredient(label, locale), label).toEqual({ id });
    });
    it(`keeps unknown ${locale} labels unknown, with their text`, () => {
      for (const label of UNKNOWN[locale])
        expect(normaliseIngredient(label, locale), label).toEqual({ unknown: label });
    });
  }

  it('maps every name, plural and synonym of every locale to its own id', () => {
    const catalog = loadCatalog();
    for (const locale of LOCALES) {
      const normalise = createIngredientNormaliser(catalog, locale);
      for (const [id, words] of catalog.ingredientNames[locale]) {
        for (const phrase of [words.name, words.plural, ...words.synonyms])
          expect(normalise(phrase), `${locale} "${phrase}"`).toEqual({ id });
      }
    }
  });
});

describe('normaliseIngredient properties', () => {
  const locale = fc.constantFrom(...LOCALES);

  test.prop([fc.string({ maxLength: 300 }), locale])(
    'is total: any text gives an id or itself as unknown',
    (text, l) => {
      const result = normaliseIngredient(text, l);
      if ('id' in result) expect(loadCatalog().ingredients.has(result.id)).toBe(true);
      else expect(result.unknown).toBe(text.trim());
    },
  );

  test.prop([fc.string({ unit: 'grapheme', maxLength: 60 }), locale])(
    'never throws on any characters',
    (text, l) => {
      expect(() => normaliseIngredient(text, l)).not.toThrow();
    },
  );

  test.prop([locale, fc.nat()])(
    'is idempotent on names: the name of a result normalises to the same id',
    (l, n) => {
      const names = [...loadCatalog().ingredientNames[l]];
      const [id, words] = names[n % names.length] ?? ['', undefined];
      if (!words) return;
      const first = normaliseIngredient(`${words.plural} 500 g`, l);
      expect(first).toEqual({ id });
      expect(normaliseIngredient(words.name, l)).toEqual(first);
    },
  );

  test.prop([locale, fc.nat(), fc.integer({ min: 1, max: 999 })])(
    'ignores quantities and case around a name',
    (l, n, quantity) => {
      const names = [...loadCatalog().ingredientNames[l]];
      const [id, words] = names[n % names.length] ?? ['', undefined];
      if (!words) return;
      expect(normaliseIngredient(`${quantity} x ${words.name.toUpperCase()} ${quantity}g`, l)).toEqual({
        id,
      });
    },
  );
});

/** A text with its accents taken off, as some appliances print labels ("EPINARDS"). */
const unaccented = (text: string) => text.normalize('NFKD').replace(/\p{M}+/gu, '');
/** Sizes as labels carry them, before or after the name. */
const SIZES = ['500g', '500 g', '1,5 kg', '2 x', 'x6', '1 l', '20 cl', '1,5%', '12', '250 ml'];

describe('shipped ingredient labels (what the device-events path reads)', () => {
  const labels = shippedIngredientLabels();

  it('keeps every catalog id sent as such, in every locale, before any locale reading', () => {
    for (const id of loadCatalog().ingredients.keys())
      for (const locale of LOCALES) expect(labels.normalise(id, locale), `${locale} ${id}`).toEqual({ id });
    // German calls bell peppers "Paprika": the label is read in German, the id stays the spice.
    expect(labels.normalise('Paprika rot', 'de-DE')).toEqual({ id: 'bell-pepper' });
    expect(labels.normalise('paprika', 'de-DE')).toEqual({ id: 'paprika' });
  });

  it('reads labels in the locale asked for, and keeps the others unknown with their text', () => {
    expect(labels.normalise('Tomates cerises', 'fr-FR')).toEqual({ id: 'tomato' });
    expect(labels.normalise('Épinards frais 500g', 'fr-FR')).toEqual({ id: 'spinach' });
    expect(labels.normalise('Bio-Vollmilch 1,5%', 'de-DE')).toEqual({ id: 'milk' });
    expect(labels.normalise('Sauce maison de mamie', 'fr-FR')).toEqual({ unknown: 'Sauce maison de mamie' });
  });

  it('folds labels of the same food alike, whatever their case, accents and sizes, and others apart', () => {
    expect(labels.fold('Sauce maison de mamie 250 g')).toBe(labels.fold('SAUCE MAISON DE MAMIE 250g'));
    expect(labels.fold('Crème de marrons')).toBe(labels.fold('creme de marrons 1,5 kg'));
    expect(labels.fold('Sauce maison')).not.toBe(labels.fold('Sauce de mamie'));
    expect(labels.fold('500 g')).not.toBe(labels.fold('250 g'));
  });

  test.prop([
    fc.constantFrom(...PRIMARY_LOCALES),
    fc.nat(),
    fc.constantFrom(...SIZES),
    fc.constantFrom(...SIZES),
  ])(
    'reads every name and plural of every primary locale the same whatever the case, accents and sizes around it',
    (locale, n, before, after) => {
      const names = [...loadCatalog().ingredientNames[locale]];
      const [id, words] = names[n % names.length]!;
      for (const name of [words.name, words.plural]) {
        for (const shown of [name, name.toUpperCase(), name.toLowerCase(), unaccented(name)]) {
          expect(labels.normalise(`${before} ${shown} ${after}`, locale), `${locale} "${shown}"`).toEqual({
            id,
          });
          expect(labels.fold(`${before} ${shown} ${after}`)).toBe(labels.fold(name));
        }
      }
    },
  );

  it('reads every name and plural of every primary locale, upper-case, unaccented and sized', () => {
    for (const locale of PRIMARY_LOCALES) {
      for (const [id, words] of loadCatalog().ingredientNames[locale]) {
        for (const name of [words.name, words.plural]) {
          const label = `${unaccented(name).toUpperCase()} 500 g`;
          expect(labels.normalise(label, locale), `${locale} "${label}"`).toEqual({ id });
        }
      }
    }
  });
});
