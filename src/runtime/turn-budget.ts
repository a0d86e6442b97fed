/** Every turn answers within this budget, whatever the store does: platforms give up after 5 to 8 s. */
export const TURN_DEADLINE_MS = 2000;
/** Of which the household read may take at most this much; the rest is for the handler and rendering. */
export const READ_BUDGET_MS = 1200;
/** What the handler and rendering keep for themselves after the read, whatever the channel spent before. */
export const HANDLER_RESERVE_MS = 400;
