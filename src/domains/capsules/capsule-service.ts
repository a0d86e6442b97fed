/**
 * The capsules domain as handlers reach it (`context.services.capsules`): forecasts of a
 * household's consumption document, where each variety stands against its reorder point,
 * and reorder drafts priced from the brand's catalog. Created once per process with the
 * catalog (createCapsuleService(loadCapsuleCatalog())); tests pass their own catalog.
 */
import type { ConsumptionDocument } from '../../household/context-documents.js';
import { ownCapsuleStock } from '../../household/device-events/context-updates.js';
import { localDay } from '../../household/device-events/local-day.js';
import { loadCapsuleCatalog } from './capsule-catalog.js';
import type { CapsuleCatalog } from './capsule-catalog-schema.js';
import { type CapsuleForecast, forecastVariety } from './consumption-forecast.js';
import { marketOfLocale } from './market.js';
import { describeProposal, type ProposalWords } from './proposal-format.js';
import { proposeReorder, quoteReorder } from './propose-reorder.js';
import { type ReorderStatus, reorderStatus } from './reorder-point.js';
import type { ReorderProposalDraft } from './reorder-proposal.js';

/** Where a household is: its clock, time zone and locale (the locale's region is its market). */
export interface HouseholdAt {
  now: Date;
  timeZone: string;
  locale: string;
}

export interface CapsuleService {
  readonly catalog: CapsuleCatalog;
  /** One variety's forecast; undefined when the document has none of it (or no document: not granted). */
  forecast(
    consumption: ConsumptionDocument | undefined,
    variety: string,
    now: Date,
    timeZone: string,
  ): CapsuleForecast | undefined;
  /** Every variety's forecast, soonest exhaustion first (those that never run out last, by name). */
  forecastAll(consumption: ConsumptionDocument | undefined, now: Date, timeZone: string): CapsuleForecast[];
  /** A forecast against the reorder point of the household's market; undefined when the catalog lacks the market. */
  reorderStatus(forecast: CapsuleForecast, locale: string): ReorderStatus | undefined;
  /**
   * The proposal the household's consumption calls for: for `variety`, or else the variety
   * that runs out first among those below their reorder point; undefined when none is.
   */
  proposeReorder(input: {
    consumption: ConsumptionDocument | undefined;
    variety?: string | undefined;
    /** The household's usual order (context/preferences): its quantity counts for its variety. */
    usualOrder?: { variety: string; quantity: number } | undefined;
    household: HouseholdAt;
  }): ReorderProposalDraft | undefined;
  /** A draft for an order the household asks for ("reorder my capsules"), below the point or not. */
  quote(input: {
    variety: string;
    quantity?: number | undefined;
    consumption?: ConsumptionDocument | undefined;
    household: HouseholdAt;
  }): ReorderProposalDraft | undefined;
  /** A draft's total and delivery day in the locale's words. */
  describe(draft: ReorderProposalDraft, locale: string): ProposalWords;
}

const byExhaustion = (a: CapsuleForecast, b: CapsuleForecast) =>
  (a.daysLeft ?? Number.POSITIVE_INFINITY) - (b.daysLeft ?? Number.POSITIVE_INFINITY) ||
  a.variety.localeCompare(b.variety);

export function createCapsuleService(catalog: CapsuleCatalog = loadCapsuleCatalog()): CapsuleService {
  const forecast: CapsuleService['forecast'] = (consumption, variety, now, timeZone) =>
    consumption
      ? forecastVariety(variety, ownCapsuleStock(consumption.capsules, variety), now, timeZone)
      : undefined;
  const forecastAll: CapsuleService['forecastAll'] = (consumption, now, timeZone) =>
    Object.keys(consumption?.capsules ?? {})
      .flatMap((variety) => forecast(consumption, variety, now, timeZone) ?? [])
      .sort(byExhaustion);
  return {
    catalog,
    forecast,
    forecastAll,
    reorderStatus: (f, locale) => {
      const market = marketOfLocale(locale);
      return market !== undefined && Object.hasOwn(catalog.markets, market)
        ? reorderStatus(f, catalog.markets[market]!)
        : undefined;
    },
    proposeReorder: ({ consumption, variety, usualOrder, household }) => {
      const market = marketOfLocale(household.locale);
      const candidates =
        variety !== undefined
          ? [forecast(consumption, variety, household.now, household.timeZone)]
          : forecastAll(consumption, household.now, household.timeZone);
      for (const f of candidates) {
        const usualQuantity = f && usualOrder?.variety === f.variety ? usualOrder.quantity : undefined;
        const draft = proposeReorder({ catalog, forecast: f, market, usualQuantity });
        if (draft) return draft;
      }
      return undefined;
    },
    quote: ({ variety, quantity, consumption, household }) =>
      quoteReorder({
        catalog,
        variety,
        market: marketOfLocale(household.locale),
        quantity,
        today: localDay(household.now, household.timeZone),
        forecast: forecast(consumption, variety, household.now, household.timeZone),
      }),
    describe: describeProposal,
  };
}

declare module '../../runtime/skill-services.js' {
  interface SkillServices {
    /** The capsules domain (createCapsuleService); absent in a deployment without a capsule catalog. */
    capsules?: CapsuleService;
  }
}
