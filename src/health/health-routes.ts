import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/app-env.js';

/** `/healthz` says the process is alive; `/readyz` checks the store (503 with the reason when it is not). */
export function registerHealthRoutes(app: OpenAPIHono<AppEnv>): void {
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const { store, readiness } = c.var.deps;
    const gate = readiness ? await readiness() : { ready: true as const };
    if (!gate.ready) return c.json({ status: 'unavailable', reason: gate.reason }, 503);
    try {
      await withTimeout(store.ping(), 2000);
      return c.json({ status: 'ready', store: store.kind });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return c.json({ status: 'unavailable', reason: `store ${store.kind}: ${reason}` }, 503);
    }
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
