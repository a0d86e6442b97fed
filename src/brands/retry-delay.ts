/** First retry's ceiling; each failure doubles it up to RETRY_CAP_MS. */
export const RETRY_BASE_MS = 10_000;
export const RETRY_CAP_MS = 60 * 60_000;

/**
 * How long to wait before the next attempt after `attempts` attempts (1 or more): exponential
 * backoff with full jitter (AWS's "Exponential Backoff And Jitter"), a uniform draw from
 * 0 to min(cap, base × 2^(attempts − 1)). The jitter spreads the retries of many entries
 * that failed together (a brand's outage) instead of sending them back in one burst.
 */
export function retryDelayMs(
  attempts: number,
  { baseMs = RETRY_BASE_MS, capMs = RETRY_CAP_MS, random = Math.random } = {},
): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 40));
  const ceiling = Math.min(capMs, baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}
