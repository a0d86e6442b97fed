/**
 * The masked read-back of a delivery address: the postal code, the city and the street's
 * first letter, for every demo household's address; never the recipient, the house number,
 * the rest of the street or the second line.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_HOUSEHOLDS } from '../../../src/demo/demo-households.js';
import { maskAddress } from '../../../src/domains/capsules/masked-address.js';
import { deliveryAddressSchema } from '../../../src/household/delivery-address.js';

describe('maskAddress', () => {
  it.each([
    ['12 rue des Lilas', 'R'],
    ['Lindenstraße 24', 'L'],
    ['Calle de Alcalá 112', 'C'],
    ['Via Paolo Sarpi 18', 'V'],
    ['221B Baker Street', 'B'],
    ['12-14, avenue Foch', 'A'],
    ['4 bis, Élysée Park', 'B'],
    ['3 échelle du Temple', 'É'],
  ])('gives the first letter of the street in %s: %s', (line1, initial) => {
    expect(
      maskAddress({ name: 'X', line1, postalCode: '75011', city: 'Paris', country: 'FR' }).streetInitial,
    ).toBe(initial);
  });

  it.each(DEMO_HOUSEHOLDS.map((hh) => [hh.locale, hh.address] as const))(
    '%s: shows the postal code and city, and nothing of the name, the number, the street or the second line',
    (_locale, address) => {
      const masked = maskAddress(deliveryAddressSchema.parse(address));
      expect(masked).toEqual({
        postalCode: address.postalCode,
        city: address.city,
        streetInitial: expect.stringMatching(/^\p{Lu}$/u),
      });
      const shown = JSON.stringify(masked);
      expect(shown).not.toContain(address.name);
      expect(shown).not.toContain(address.line1);
      // No digit beyond the postal code's: the house number is never shown.
      expect(masked.streetInitial).not.toMatch(/\d/);
      if (address.line2) expect(shown).not.toContain(address.line2);
    },
  );
});
