/**
 * Who the synthetic cohort is (`hearth seed --cohort`): for each index, a household's locale,
 * time zone, which demo brands' appliances it has, what it granted, and whether it is in the
 * control group. Pure and deterministic: the same seed and index give the same household,
 * whatever the cohort's size or the order it is written in.
 */
import type { DeviceKind } from '../household/household-record.js';
import { inControlGroup } from '../offers/control-group.js';
import type { PRIMARY_LOCALES } from '../runtime/locales.js';
import { chance, type Random, seededRandom, weighted } from './cohort-random.js';
import { DEMO_BRANDS } from './demo-households.js';

export type CohortLocale = (typeof PRIMARY_LOCALES)[number];
export type DemoBrand = (typeof DEMO_BRANDS)[number];

/** The most households one run adds (ids have six digits). */
export const MAX_COHORT = 100_000;

/** The primary locales, weighted as a European and American audience might be, with each one's time zone. */
const LOCALE_MIX: readonly (readonly [
  { locale: CohortLocale; timeZone: string; utcOffset: number },
  number,
])[] = [
  [{ locale: 'en-US', timeZone: 'America/New_York', utcOffset: -5 }, 30],
  [{ locale: 'de-DE', timeZone: 'Europe/Berlin', utcOffset: 1 }, 20],
  [{ locale: 'fr-FR', timeZone: 'Europe/Paris', utcOffset: 1 }, 20],
  [{ locale: 'es-ES', timeZone: 'Europe/Madrid', utcOffset: 1 }, 15],
  [{ locale: 'it-IT', timeZone: 'Europe/Rome', utcOffset: 1 }, 15],
];

/** Households with only a fridge, only a coffee machine, or both (shares of the cohort). */
const APPLIANCE_MIX: readonly (readonly [DeviceKind[], number])[] = [
  [['fridge'], 35],
  [['coffee-machine'], 35],
  [['fridge', 'coffee-machine'], 30],
];

/** Shares of a brand's households that grant it offers, and measurement: most, not all. */
export const OFFERS_GRANTED = 0.85;
export const MEASUREMENT_GRANTED = 0.8;

export interface CohortHousehold {
  index: number;
  id: string;
  locale: CohortLocale;
  timeZone: string;
  /** Hours from UTC in winter: when its days are, roughly (the history needs no more). */
  utcOffset: number;
  /** The demo brands whose appliance the household has, with what it granted each. */
  brands: { brand: DemoBrand; offers: boolean; measurement: boolean }[];
  /** In the control group (the offers engine's `inControlGroup` of its id): campaign offers are withheld. */
  control: boolean;
  /** How readily it says yes and buys, around 1: households differ. */
  propensity: number;
  /** The generator of its history (seeded by the cohort's seed and its index). */
  random: Random;
}

/** The id of the cohort's `index`th household (from 1): fixed, so a second run finds it and adds nothing. */
export function cohortHouseholdId(index: number): string {
  return `hh_cohort_${String(index).padStart(6, '0')}`;
}

/** The household at `index` of the cohort seeded with `seed`. */
export function cohortHousehold(seed: string, index: number): CohortHousehold {
  const random = seededRandom('hearth-cohort', seed, index);
  const id = cohortHouseholdId(index);
  const { locale, timeZone, utcOffset } = weighted(random, LOCALE_MIX);
  const kinds = weighted(random, APPLIANCE_MIX);
  const brands = DEMO_BRANDS.filter((b) => kinds.includes(b.deviceKind)).map((brand) => ({
    brand,
    offers: chance(random, OFFERS_GRANTED),
    measurement: chance(random, MEASUREMENT_GRANTED),
  }));
  return {
    index,
    id,
    locale,
    timeZone,
    utcOffset,
    brands,
    control: inControlGroup(id),
    propensity: 0.5 + random(),
    random,
  };
}
