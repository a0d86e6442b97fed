import type { VerifiedChain } from './cert-chain.js';
import { refuse, type VerifyFailure } from './verify-result.js';

/** What loading a chain yields: a verified chain, or why there is none. */
export type ChainLoad = VerifiedChain | VerifyFailure;

/** Verified certificate chains and recent failures by canonical URL, with loads shared and bounded. */
export type CertChainCache = {
  /**
   * Returns the cached chain or failure for `url`, joins a load of it already
   * running, or runs `load` if the bounds on loads allow; otherwise refuses
   * with `cert_fetch_busy` (a request must not wait behind someone's flood).
   */
  get(url: string, load: () => Promise<ChainLoad>): Promise<ChainLoad>;
  /** Number of chains held, for tests and metrics. */
  readonly size: number;
  /** Number of failures remembered, for tests and metrics. */
  readonly failures: number;
};

export type CertChainCacheOptions = {
  /** Verified chains kept, least recently used dropped first. */
  maxEntries: number;
  /** How long a verified chain is trusted before it is fetched again (never past its certificates' expiry). */
  ttlMs: number;
  /** How long a failed URL is answered from memory. */
  failureTtlMs: number;
  /** Failures kept, oldest dropped first. */
  maxFailures: number;
  /** Loads of different URLs running at once. */
  maxConcurrentLoads: number;
  /** Loads started in any 60 s. */
  maxLoadsPerMinute: number;
  now: () => Date;
};

type Entry = { chain: VerifiedChain; expiresAtMs: number };
type Failure = { failure: VerifyFailure; expiresAtMs: number };

const MINUTE_MS = 60_000;

/**
 * Creates the cache that bounds what unauthenticated requests can make the
 * service fetch: one load per URL at a time, a failure remembered for
 * `failureTtlMs`, at most `maxConcurrentLoads` loads at once and
 * `maxLoadsPerMinute` a minute. Only verified chains are cached as chains, so
 * URLs that serve nothing valid cannot evict the real one. A chain whose TTL
 * has passed but whose certificates are still valid is kept: it answers while
 * a refresh cannot start or cannot fetch, so a flood or an S3 hiccup at the
 * hourly refresh does not refuse Alexa's own requests.
 */
export function createCertChainCache({
  maxEntries,
  ttlMs,
  failureTtlMs,
  maxFailures,
  maxConcurrentLoads,
  maxLoadsPerMinute,
  now,
}: CertChainCacheOptions): CertChainCache {
  const entries = new Map<string, Entry>();
  const failures = new Map<string, Failure>();
  const inFlight = new Map<string, Promise<ChainLoad>>();
  /** Start times of the loads of the last minute, oldest first; never longer than maxLoadsPerMinute. */
  const loadStarts: number[] = [];

  /** The chain for `url` if its certificates are valid now, marked as used; `fresh` says whether its TTL holds. */
  function held(url: string, nowMs: number): { chain: VerifiedChain; fresh: boolean } | undefined {
    const entry = entries.get(url);
    if (!entry) return undefined;
    if (nowMs > entry.chain.validToMs || nowMs < entry.chain.validFromMs) {
      entries.delete(url);
      return undefined;
    }
    // Re-insert so that Map order is least recently used first.
    entries.delete(url);
    entries.set(url, entry);
    return { chain: entry.chain, fresh: nowMs < entry.expiresAtMs };
  }

  function rememberedFailure(url: string, nowMs: number): VerifyFailure | undefined {
    const remembered = failures.get(url);
    if (!remembered) return undefined;
    if (nowMs < remembered.expiresAtMs) return remembered.failure;
    failures.delete(url);
    return undefined;
  }

  function store(url: string, chain: VerifiedChain): void {
    failures.delete(url);
    entries.delete(url);
    entries.set(url, { chain, expiresAtMs: Math.min(now().getTime() + ttlMs, chain.validToMs) });
    dropOldest(entries, maxEntries);
  }

  function remember(url: string, failure: VerifyFailure): void {
    failures.delete(url);
    failures.set(url, { failure, expiresAtMs: now().getTime() + failureTtlMs });
    dropOldest(failures, maxFailures);
  }

  /** Takes a load slot if one is free in both bounds. */
  function mayStartLoad(nowMs: number): boolean {
    while (loadStarts.length > 0 && nowMs - (loadStarts[0] ?? 0) >= MINUTE_MS) loadStarts.shift();
    if (inFlight.size >= maxConcurrentLoads || loadStarts.length >= maxLoadsPerMinute) return false;
    loadStarts.push(nowMs);
    return true;
  }

  return {
    get(url, load) {
      const nowMs = now().getTime();
      const chain = held(url, nowMs);
      if (chain?.fresh) return Promise.resolve(chain.chain);
      const stale = chain?.chain;
      const failed = rememberedFailure(url, nowMs);
      if (failed) return Promise.resolve(stale ?? failed);
      const pending = inFlight.get(url);
      if (pending) return pending;
      if (!mayStartLoad(nowMs)) {
        return Promise.resolve(
          stale ?? refuse('cert_fetch_busy', 'too many certificate chain fetches; refused, not queued'),
        );
      }
      const loading = Promise.resolve()
        .then(load)
        .catch((error: unknown) =>
          refuse('cert_fetch_failed', `certificate chain load failed: ${String(error)}`),
        )
        .then((result): ChainLoad => {
          if (!('ok' in result)) {
            store(url, result);
            return result;
          }
          remember(url, result);
          // A refresh that could not fetch keeps the chain it had; one that fetched something invalid does not.
          if (stale && result.code === 'cert_fetch_failed') return stale;
          entries.delete(url);
          return result;
        })
        .finally(() => inFlight.delete(url));
      inFlight.set(url, loading);
      return loading;
    },
    get size() {
      return entries.size;
    },
    get failures() {
      return failures.size;
    },
  };
}

/** Drops the first (oldest or least recently used) keys of `map` until it holds at most `max`. */
function dropOldest(map: Map<string, unknown>, max: number): void {
  while (map.size > max) {
    const oldest = map.keys().next();
    if (oldest.done) break;
    map.delete(oldest.value);
  }
}
