import { withDeadline } from '../async/with-deadline.js';
import type { ConsentedContext, ConsentGate } from '../runtime/consent-gate.js';

/** Every turn answers within this budget, whatever the store does (issue: deadlines and faults). */
export const TURN_DEADLINE_MS = 2000;
/** Of which the consent gate's read may take at most this much; the rest is for the handler and rendering. */
export const GATE_BUDGET_MS = 1200;
/** What the handler and rendering keep for themselves after the gate, whatever the channel spent before. */
export const HANDLER_RESERVE_MS = 400;

const NOTHING: ConsentedContext = { granted: [], documents: {} };

/**
 * A gate that gives up after `budgetMs`: when the store is slow or down the
 * handler gets nothing granted and answers non-personally, instead of the
 * whole turn timing out on the platform.
 */
export function gateWithDeadline(
  gate: ConsentGate,
  budgetMs: number,
  onLate: (reason: 'timeout' | 'error') => void,
): ConsentGate {
  return {
    read: (purposes) =>
      withDeadline(
        gate.read(purposes).catch(() => {
          onLate('error');
          return NOTHING;
        }),
        budgetMs,
        () => {
          onLate('timeout');
          return NOTHING;
        },
      ),
  };
}
