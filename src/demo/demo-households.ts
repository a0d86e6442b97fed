import type { DeliveryAddress } from '../household/delivery-address.js';
import type { DeviceKind, Locale } from '../household/household-record.js';
import type { Purpose } from '../runtime/consent-gate.js';

/** The demo's cast: one household per locale, each with a fridge, a coffee machine and a linked speaker. */
export interface DemoHouseholdSpec {
  name: string;
  locale: Locale;
  timeZone: string;
  devices: { kind: DeviceKind; name: string }[];
  /** Fridge content: ingredient id, quantity, unit, days until it expires (negative: already past). */
  fridge: { ingredient: string; quantity: number; unit: string; expiresInDays: number }[];
  /**
   * Capsules left per variety and cups a day, seeded as four weeks of daily history at
   * that pace (demo-capsule-history.ts). The de-DE household's ristretto (8 left, 2 a day)
   * is below its reorder point whatever the day: Crema's DE lead time (3 working days) and
   * safety days (2) need at least 12.
   */
  capsules: { variety: string; left: number; perDay: number }[];
  /** What the household granted, seeded through the consent ledger: purposes, and per-brand purposes for every demo brand. */
  grants: { purposes: Purpose[]; perBrand: Purpose[] };
  /** Where its orders go: a plausible (made-up) address in its country; contract data, not a consent. */
  address: DeliveryAddress;
}

/** The usual household: its fridge and its coffee, and both brands' offers; never health. */
const USUAL: DemoHouseholdSpec['grants'] = { purposes: ['inventory', 'consumption'], perBrand: ['offers'] };

const devices = (fridge: string, coffee: string): DemoHouseholdSpec['devices'] => [
  { kind: 'fridge', name: fridge },
  { kind: 'coffee-machine', name: coffee },
];

export const DEMO_HOUSEHOLDS: DemoHouseholdSpec[] = [
  {
    name: 'Famille Martin',
    locale: 'fr-FR',
    timeZone: 'Europe/Paris',
    devices: devices('Réfrigérateur de la cuisine', 'Machine à café'),
    fridge: [
      { ingredient: 'egg', quantity: 6, unit: 'piece', expiresInDays: 9 },
      { ingredient: 'milk', quantity: 1, unit: 'l', expiresInDays: 2 },
      { ingredient: 'zucchini', quantity: 2, unit: 'piece', expiresInDays: 3 },
      // Due the day after the domain clock's today: fridge-chef's answer starts from it.
      { ingredient: 'spinach', quantity: 200, unit: 'g', expiresInDays: 1 },
      { ingredient: 'goat-cheese', quantity: 150, unit: 'g', expiresInDays: 4 },
      { ingredient: 'tomato', quantity: 4, unit: 'piece', expiresInDays: -1 },
    ],
    capsules: [
      { variety: 'espresso', left: 14, perDay: 3 },
      { variety: 'lungo', left: 30, perDay: 1 },
    ],
    grants: { purposes: ['inventory', 'consumption', 'preferences'], perBrand: ['offers', 'measurement'] },
    address: {
      name: 'Claire Martin',
      line1: '12 rue des Lilas',
      postalCode: '75011',
      city: 'Paris',
      country: 'FR',
    },
  },
  {
    name: 'Familie Becker',
    locale: 'de-DE',
    timeZone: 'Europe/Berlin',
    devices: devices('Kühlschrank', 'Kaffeemaschine'),
    fridge: [
      { ingredient: 'potato', quantity: 1000, unit: 'g', expiresInDays: 12 },
      { ingredient: 'butter', quantity: 250, unit: 'g', expiresInDays: 20 },
      { ingredient: 'spinach', quantity: 200, unit: 'g', expiresInDays: 2 },
      { ingredient: 'egg', quantity: 10, unit: 'piece', expiresInDays: 6 },
    ],
    capsules: [{ variety: 'ristretto', left: 8, perDay: 2 }],
    grants: USUAL,
    address: {
      name: 'Jonas Becker',
      line1: 'Lindenstraße 24',
      postalCode: '10969',
      city: 'Berlin',
      country: 'DE',
    },
  },
  {
    name: 'The Johnsons',
    locale: 'en-US',
    timeZone: 'America/New_York',
    devices: devices('Kitchen fridge', 'Coffee machine'),
    fridge: [
      { ingredient: 'chicken-breast', quantity: 500, unit: 'g', expiresInDays: 1 },
      { ingredient: 'bell-pepper', quantity: 3, unit: 'piece', expiresInDays: 5 },
      { ingredient: 'rice', quantity: 1000, unit: 'g', expiresInDays: 200 },
      { ingredient: 'milk', quantity: 2, unit: 'l', expiresInDays: 3 },
    ],
    capsules: [{ variety: 'lungo', left: 22, perDay: 2 }],
    grants: USUAL,
    address: {
      name: 'Emily Johnson',
      line1: '350 Riverside Drive',
      line2: 'Apt 4B',
      postalCode: '10025',
      city: 'New York',
      country: 'US',
    },
  },
  {
    name: 'The Patels',
    locale: 'en-GB',
    timeZone: 'Europe/London',
    devices: devices('Fridge', 'Coffee machine'),
    fridge: [
      { ingredient: 'zucchini', quantity: 3, unit: 'piece', expiresInDays: 2 },
      { ingredient: 'eggplant', quantity: 1, unit: 'piece', expiresInDays: 3 },
      { ingredient: 'yogurt', quantity: 500, unit: 'g', expiresInDays: 4 },
    ],
    capsules: [{ variety: 'espresso', left: 5, perDay: 2 }],
    grants: USUAL,
    address: {
      name: 'Priya Patel',
      line1: '42 Mildmay Grove North',
      postalCode: 'N1 4RL',
      city: 'London',
      country: 'GB',
    },
  },
  {
    name: 'Famille Tremblay',
    locale: 'fr-CA',
    timeZone: 'America/Toronto',
    devices: devices('Frigo', 'Cafetière'),
    fridge: [
      { ingredient: 'maple-syrup', quantity: 500, unit: 'ml', expiresInDays: 300 },
      { ingredient: 'egg', quantity: 12, unit: 'piece', expiresInDays: 8 },
      { ingredient: 'cheddar', quantity: 200, unit: 'g', expiresInDays: 2 },
    ],
    capsules: [{ variety: 'decaf', left: 12, perDay: 1 }],
    grants: USUAL,
    address: {
      name: 'Marc Tremblay',
      line1: '4521 rue Saint-Denis',
      postalCode: 'H2J 2L4',
      city: 'Montréal',
      country: 'CA',
    },
  },
  {
    name: 'Familia García',
    locale: 'es-ES',
    timeZone: 'Europe/Madrid',
    devices: devices('Frigorífico', 'Cafetera'),
    fridge: [
      { ingredient: 'potato', quantity: 800, unit: 'g', expiresInDays: 10 },
      { ingredient: 'egg', quantity: 6, unit: 'piece', expiresInDays: 3 },
      { ingredient: 'onion', quantity: 2, unit: 'piece', expiresInDays: 15 },
    ],
    capsules: [{ variety: 'espresso', left: 18, perDay: 3 }],
    grants: { purposes: [], perBrand: [] },
    address: {
      name: 'Lucía García',
      line1: 'Calle de Alcalá 112',
      line2: '3.º B',
      postalCode: '28009',
      city: 'Madrid',
      country: 'ES',
    },
  },
  {
    name: 'Famiglia Rossi',
    locale: 'it-IT',
    timeZone: 'Europe/Rome',
    devices: devices('Frigorifero', 'Macchina del caffè'),
    fridge: [
      { ingredient: 'mozzarella', quantity: 250, unit: 'g', expiresInDays: 1 },
      { ingredient: 'tomato', quantity: 6, unit: 'piece', expiresInDays: 4 },
      { ingredient: 'basil', quantity: 1, unit: 'bunch', expiresInDays: 2 },
    ],
    capsules: [{ variety: 'ristretto', left: 25, perDay: 4 }],
    grants: USUAL,
    address: {
      name: 'Giulia Rossi',
      line1: 'Via Paolo Sarpi 18',
      postalCode: '20154',
      city: 'Milano',
      country: 'IT',
    },
  },
];

/** The demo brands: one per skill. */
export const DEMO_BRANDS = [
  { id: 'frostline', name: 'Frostline', skillId: 'fridge-chef', deviceKind: 'fridge' },
  { id: 'crema', name: 'Crema', skillId: 'coffee-companion', deviceKind: 'coffee-machine' },
] as const;

/** The demo appliance makers and what they make. */
export const DEMO_MAKERS = [
  { id: 'frostline-appliances', name: 'Frostline Appliances', kinds: ['fridge'] as DeviceKind[] },
  { id: 'crema-machines', name: 'Crema Machines', kinds: ['coffee-machine'] as DeviceKind[] },
];
