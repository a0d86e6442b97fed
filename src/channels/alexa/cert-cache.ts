import type { VerifiedChain } from './cert-chain.js';
import type { VerifyFailure } from './verify-result.js';

/** What loading a chain yields: a verified chain, or why there is none. */
export type ChainLoad = VerifiedChain | VerifyFailure;

/** Verified certificate chains by URL, with concurrent loads of one URL shared. */
export type CertChainCache = {
  /** Returns the cached chain for `url` or runs `load` once for all concurrent callers. */
  get(url: string, load: () => Promise<ChainLoad>): Promise<ChainLoad>;
  /** Number of chains held, for tests and metrics. */
  readonly size: number;
};

type Entry = { chain: VerifiedChain; expiresAtMs: number };

/**
 * Creates a bounded LRU cache. An entry lives until the earliest of its TTL and
 * the end of its chain's validity, so an expired certificate is fetched (and
 * refused) again rather than trusted from memory. Failures are not cached: a
 * transient fetch error must not stick.
 */
export function createCertChainCache({
  maxEntries,
  ttlMs,
  now,
}: {
  maxEntries: number;
  ttlMs: number;
  now: () => Date;
}): CertChainCache {
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<ChainLoad>>();

  function fresh(url: string): VerifiedChain | undefined {
    const entry = entries.get(url);
    if (!entry) return undefined;
    const nowMs = now().getTime();
    if (nowMs >= entry.expiresAtMs || nowMs < entry.chain.validFromMs) {
      entries.delete(url);
      return undefined;
    }
    // Re-insert so that Map order is least recently used first.
    entries.delete(url);
    entries.set(url, entry);
    return entry.chain;
  }

  function store(url: string, chain: VerifiedChain): void {
    entries.set(url, { chain, expiresAtMs: Math.min(now().getTime() + ttlMs, chain.validToMs) });
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next();
      if (oldest.done) break;
      entries.delete(oldest.value);
    }
  }

  return {
    get(url, load) {
      const cached = fresh(url);
      if (cached) return Promise.resolve(cached);
      const pending = inFlight.get(url);
      if (pending) return pending;
      const loading = load()
        .then((result) => {
          if (!('ok' in result)) store(url, result);
          return result;
        })
        .finally(() => inFlight.delete(url));
      inFlight.set(url, loading);
      return loading;
    },
    get size() {
      return entries.size;
    },
  };
}
