/**
 * What to propose when a variety crosses its reorder point: the boxes that cover the
 * household's usual quantity at the lowest total in its market, the brand's price (VAT
 * and delivery included) and the delivery date its lead time promises.
 */
import type { CapsuleCatalog } from './capsule-catalog-schema.js';
import type { CapsuleForecast } from './consumption-forecast.js';
import { addWorkingDays, reorderStatus } from './reorder-point.js';
import type { ReorderProposalDraft } from './reorder-proposal.js';

/** Days of capsules a proposal covers when the household has no usual order. */
export const DEFAULT_COVER_DAYS = 30;

export interface QuoteInput {
  catalog: CapsuleCatalog;
  variety: string;
  /** The household's market (marketOfLocale); a market the catalog lacks gets no quote. */
  market: string | undefined;
  /** Capsules wanted (the cheapest boxes covering them); absent: bestValueBoxes for the forecast's pace. */
  quantity?: number | undefined;
  /** Today in the household's time zone (the delivery counts from it). */
  today: string;
  /** The variety's forecast, when consumption may be read: the stock and days left it states. */
  forecast?: CapsuleForecast | undefined;
}

/** The cheapest way to get at least `quantity` capsules from the boxes priced in `market`. */
export function cheapestBoxes(
  boxes: CapsuleCatalog['varieties'][number]['boxes'],
  market: string,
  quantity: number,
): { size: number; boxes: number; totalMinor: number } | undefined {
  let best: { size: number; boxes: number; totalMinor: number } | undefined;
  for (const box of boxes) {
    const price = Object.hasOwn(box.prices, market) ? box.prices[market] : undefined;
    if (price === undefined) continue;
    const count = Math.ceil(quantity / box.capsules);
    const option = { size: box.capsules, boxes: count, totalMinor: count * price };
    const better =
      !best ||
      option.totalMinor < best.totalMinor ||
      (option.totalMinor === best.totalMinor &&
        (option.size * option.boxes < best.size * best.boxes ||
          (option.size * option.boxes === best.size * best.boxes && option.boxes < best.boxes)));
    if (better) best = option;
  }
  return best;
}

/**
 * About a month of capsules (DEFAULT_COVER_DAYS at the pace) in the market's best-value
 * box, rounded to whole boxes and at least one: without a usual order the quantity is a
 * suggestion, so the brand's better price per capsule matters more than an exact count.
 */
export function bestValueBoxes(
  boxes: CapsuleCatalog['varieties'][number]['boxes'],
  market: string,
  need: number,
): { size: number; boxes: number; totalMinor: number } | undefined {
  let best: { size: number; price: number } | undefined;
  for (const box of boxes) {
    const price = Object.hasOwn(box.prices, market) ? box.prices[market] : undefined;
    if (price === undefined) continue;
    if (!best || price / box.capsules < best.price / best.size) best = { size: box.capsules, price };
  }
  if (!best) return undefined;
  const count = Math.max(1, Math.round(need / best.size));
  return { size: best.size, boxes: count, totalMinor: count * best.price };
}

/** A draft for an order the household asks for, whatever its stock; undefined when the catalog cannot price it. */
export function quoteReorder(input: QuoteInput): ReorderProposalDraft | undefined {
  const { catalog, variety, market, forecast } = input;
  if (market === undefined || !Object.hasOwn(catalog.markets, market)) return undefined;
  const terms = catalog.markets[market]!;
  const entry = catalog.varieties.find((v) => v.id === variety);
  if (!entry) return undefined;
  const choice =
    input.quantity !== undefined
      ? cheapestBoxes(entry.boxes, market, Math.max(1, input.quantity))
      : bestValueBoxes(entry.boxes, market, (forecast?.perDay ?? 0) * DEFAULT_COVER_DAYS);
  if (!choice) return undefined;
  return {
    brandId: catalog.brandId,
    variety,
    boxes: choice.boxes,
    capsules: choice.boxes * choice.size,
    totalMinor: choice.totalMinor,
    currency: terms.currency,
    market,
    seller: catalog.seller,
    deliveryOn: addWorkingDays(input.today, terms.leadTimeDays),
    stockLeft: forecast?.stock ?? 0,
    daysLeft: forecast?.daysLeft,
  };
}

/**
 * The proposal a variety's forecast calls for: a quote of the usual quantity when the
 * stock is below the market's reorder point, else undefined (also when the variety, the
 * market or a price is unknown).
 */
export function proposeReorder(input: {
  catalog: CapsuleCatalog;
  forecast: CapsuleForecast | undefined;
  market: string | undefined;
  usualQuantity?: number | undefined;
}): ReorderProposalDraft | undefined {
  const { catalog, forecast, market } = input;
  if (!forecast || market === undefined || !Object.hasOwn(catalog.markets, market)) return undefined;
  if (!reorderStatus(forecast, catalog.markets[market]!).belowReorderPoint) return undefined;
  return quoteReorder({
    catalog,
    variety: forecast.variety,
    market,
    quantity: input.usualQuantity,
    today: forecast.today,
    forecast,
  });
}
