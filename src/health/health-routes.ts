import type { OpenAPIHono } from '@hono/zod-openapi';
import { withDeadline } from '../async/with-deadline.js';
import type { HttpEnv } from '../http/http-env.js';
import type { DocumentStore } from '../store/document-store.js';
import { storeUnavailableCode } from '../store/store-failure.js';

/** How long `/readyz` waits for the store: a load balancer's probe must get an answer, not a hang. */
export const READY_PING_BUDGET_MS = 2000;

/** `/healthz` says the process is alive; `/readyz` checks the store (503 with the reason when it is not). */
export function registerHealthRoutes(
  app: OpenAPIHono<HttpEnv>,
  {
    store,
    readiness,
  }: {
    store: DocumentStore;
    /** Why the service is not ready, if it is not; `/readyz` answers 503 with it. */
    readiness?: () => Promise<{ ready: true } | { ready: false; reason: string; code?: string }>;
  },
): void {
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const gate = readiness ? await readiness() : { ready: true as const };
    if (!gate.ready) {
      const { reason, code } = gate;
      return c.json({ status: 'unavailable', ...(code ? { code } : {}), reason }, 503);
    }
    try {
      await withDeadline(store.ping(), READY_PING_BUDGET_MS, () => {
        throw new Error(`no answer within ${READY_PING_BUDGET_MS} ms`);
      });
      return c.json({ status: 'ready', store: store.kind });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const code = storeUnavailableCode(error);
      return c.json(
        { status: 'unavailable', ...(code ? { code } : {}), reason: `store ${store.kind}: ${reason}` },
        503,
      );
    }
  });
}
