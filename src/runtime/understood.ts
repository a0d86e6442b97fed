/**
 * What typed text was understood as, in the terms a client or a brand reads:
 * the intent the matcher chose (`AMAZON.FallbackIntent` when none), each slot
 * as its id (the resolved value, numbers as digits, when it has none) and the
 * matcher's confidence. Screens answer `{ text }` turns with it (DESIGN.md's
 * screen Reply) and `hearth simulate` prints it, so that both show why a
 * phrase went where it went.
 */
import type { MatchResult } from './matcher.js';

export type Understood = {
  intent: string;
  /** Slot name -> value id, or the resolved value when the value has no id (numbers as digits, free text). */
  slots: Record<string, string>;
  /** The matcher's confidence in [0, 1], to two decimals. */
  confidence: number;
};

/** Decimals kept of a confidence: the matcher's costs are coarser than that, and clients compare, not compute. */
const CONFIDENCE_STEP = 100;

/** A match as it is shown outside the runtime. */
export function understoodOf(match: MatchResult): Understood {
  // fromEntries, so that a slot named `__proto__` would stay data rather than a prototype.
  const slots = Object.fromEntries(
    Object.entries(match.slots).map(([name, value]) => [name, value.id ?? value.value]),
  );
  const bounded = Number.isFinite(match.confidence) ? Math.min(1, Math.max(0, match.confidence)) : 0;
  return {
    intent: match.intent,
    slots,
    confidence: Math.round(bounded * CONFIDENCE_STEP) / CONFIDENCE_STEP,
  };
}
