/**
 * The delivery address as a proposal reads it back: enough for the household to recognise
 * its address, little for anyone overhearing a speaker or glancing at a screen. Shown: the
 * postal code, the city and the first letter of the street (the street line without its
 * house number). Never shown: the recipient's name, the house number, the rest of the
 * street's name, the second line (floor, door, access codes), the country.
 */
import type { DeliveryAddress } from '../../household/delivery-address.js';

export interface MaskedAddress {
  postalCode: string;
  city: string;
  /** The street's first letter, upper case ("R" for "12 rue des Lilas", "L" for "Lindenstraße 4"). */
  streetInitial: string;
}

/** The street line's first letter once house numbers ("12", "4b", "221B", "12-14") are left out. */
function streetInitial(line1: string): string {
  const words = line1.split(/[\s,]+/).filter((word) => word !== '' && !/\d/.test(word));
  for (const word of words) {
    const letter = word.match(/\p{L}/u)?.[0];
    if (letter) return letter.toLocaleUpperCase();
  }
  // The schema requires a letter in the street line; a line of numbers only says nothing.
  return '…';
}

/** The address as a proposal may say and show it. */
export function maskAddress(address: DeliveryAddress): MaskedAddress {
  return { postalCode: address.postalCode, city: address.city, streetInitial: streetInitial(address.line1) };
}
