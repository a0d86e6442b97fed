/**
 * The outbox's sender: every few seconds, the due entries of each brand that has a webhook
 * URL are claimed, POSTed and settled, a few at a time. Brands without a URL are not looked
 * at: their entries wait, losing nothing. Uses the wall clock (signatures, leases, retries),
 * never a demo's fixed domain clock.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import { dueOutboxQuery } from '../outbox/outbox-record.js';
import type { DocumentStore } from '../store/document-store.js';
import type { BrandWebhooks } from './brand-webhooks.js';
import { claimEntry, LEASE_MS, type Settled, settleEntry } from './outbox-claims.js';
import { type DeliveryOutcome, postWebhook } from './post-webhook.js';

/** Deliveries in flight at once, per process. */
export const DELIVERY_CONCURRENCY = 4;
/** Due entries read per brand and pass; the next pass takes the rest. */
export const DUE_PER_PASS = 100;
/** How often the sender looks for due entries. */
export const DELIVERY_INTERVAL_MS = 5_000;

export interface OutboxSender {
  /**
   * One pass over every brand with a URL; answers what became of each entry it claimed. Once
   * `signal` aborts, no further entry is claimed (sends in flight finish, within their timeout).
   */
  runOnce(signal?: AbortSignal): Promise<Record<Settled, number>>;
}

export interface OutboxSenderOptions {
  store: DocumentStore;
  webhooks: BrandWebhooks;
  logger: Logger;
  /** Wall clock; injected by tests. */
  now?: () => Date;
  /** The jitter's source; injected by tests. */
  random?: () => number;
  concurrency?: number;
  timeoutMs?: number;
  leaseMs?: number;
  deadAfterMs?: number;
  /** Sends one entry; `postWebhook` unless a test wraps it. */
  send?: typeof postWebhook;
}

/** Runs `work` over `items` with at most `limit` running at once, starting none after `signal` aborts. */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
  signal?: AbortSignal,
) {
  let next = 0;
  const lane = async () => {
    while (next < items.length && !signal?.aborted) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** A sender with an owner id of its own (the lease owner of its claims). */
export function createOutboxSender(options: OutboxSenderOptions): OutboxSender {
  const { store, webhooks, logger } = options;
  const now = options.now ?? (() => new Date());
  const send = options.send ?? postWebhook;
  const owner = randomUUID();
  const optional = {
    ...(options.random ? { random: options.random } : {}),
    ...(options.deadAfterMs !== undefined ? { deadAfterMs: options.deadAfterMs } : {}),
  };

  const deliverOne = async (
    brandId: string,
    url: string,
    secret: string,
    id: string,
  ): Promise<Settled | undefined> => {
    const entry = await claimEntry({
      store,
      brandId,
      id,
      owner,
      now: now(),
      leaseMs: options.leaseMs ?? LEASE_MS,
    });
    if (!entry) return undefined;
    const outcome: DeliveryOutcome = await send({
      url,
      secret,
      entryId: entry.id,
      kind: entry.kind,
      body: entry.body,
      now: now(),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
    const settled = await settleEntry({ store, brandId, id, owner, now: now(), outcome, ...optional });
    if (settled === 'dead') {
      // No order or household id: the brand, the kind and why is what an operator needs to look.
      logger.error(
        {
          brandId,
          kind: entry.kind,
          attempts: entry.attempts,
          lastError: outcome.ok ? undefined : outcome.error,
        },
        'outbox entry dead: delivery kept failing; kept with status dead',
      );
    } else if (settled === 'retry' && !outcome.ok) {
      logger.warn(
        { brandId, kind: entry.kind, attempts: entry.attempts, error: outcome.error },
        'webhook delivery failed; will retry',
      );
    }
    return settled;
  };

  return {
    async runOnce(signal) {
      const counts: Record<Settled, number> = { delivered: 0, retry: 0, dead: 0, 'lost-lease': 0 };
      const work: { brandId: string; url: string; secret: string; id: string }[] = [];
      for (const [brandId, { url, secret }] of Object.entries(webhooks)) {
        if (!url) continue;
        const due = await store.query(dueOutboxQuery(brandId, now(), DUE_PER_PASS));
        for (const snap of due) work.push({ brandId, url, secret, id: snap.id });
      }
      await forEachLimited(
        work,
        options.concurrency ?? DELIVERY_CONCURRENCY,
        async (item) => {
          try {
            const settled = await deliverOne(item.brandId, item.url, item.secret, item.id);
            if (settled) counts[settled]++;
          } catch (error) {
            // A store failure leaves the entry as it was (or leased): it comes due again.
            logger.warn(
              { brandId: item.brandId, err: { name: (error as Error)?.name } },
              'outbox delivery step failed',
            );
          }
        },
        signal,
      );
      return counts;
    },
  };
}

/**
 * Runs the sender every `intervalMs` (and once at start) until the returned function is
 * called; that function resolves once a pass in flight has finished. Passes never overlap;
 * the timer never keeps the process alive on its own.
 */
export function startOutboxDelivery(
  options: OutboxSenderOptions & { intervalMs?: number },
): () => Promise<void> {
  const sender = createOutboxSender(options);
  let running: Promise<void> | undefined;
  const stopping = new AbortController();
  const run = () => {
    if (running || stopping.signal.aborted) return;
    running = sender
      .runOnce(stopping.signal)
      .then(
        () => undefined,
        (error: unknown) => {
          options.logger.warn({ err: { name: (error as Error)?.name } }, 'outbox pass failed; will retry');
        },
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(run, options.intervalMs ?? DELIVERY_INTERVAL_MS);
  timer.unref();
  setImmediate(run);
  return async () => {
    stopping.abort();
    clearInterval(timer);
    await running;
  };
}
