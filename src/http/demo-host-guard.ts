import { createMiddleware } from 'hono/factory';
import type { HttpEnv } from './http-env.js';
import { isLoopbackHost } from './loopback-host.js';
import { ProblemError } from './problem.js';

/**
 * Demo mode answers only requests addressed to this machine by a loopback name
 * (`localhost`, `127.x.x.x`, `[::1]`, any port) or to the host of its base URL
 * (HEARTH_PUBLIC_URL, else HOST). A DNS-rebinding page reaches a local demo under
 * the attacker's own host name, which is neither: refused, the demo's unauthenticated
 * pages and its data stay out of reach (as Vite's `server.allowedHosts`). The host is
 * the request URL's, which @hono/node-server builds from the Host header.
 */
export function demoHostGuard({ hosts }: { hosts: readonly string[] }) {
  const allowed = new Set(hosts.map((h) => h.toLowerCase()));
  return createMiddleware<HttpEnv>(async function demoHostGuard(c, next) {
    const { hostname } = new URL(c.req.url);
    if (!isLoopbackHost(hostname) && !allowed.has(hostname)) {
      throw new ProblemError(
        'host_not_allowed',
        'the demo answers only on localhost or the host of HEARTH_PUBLIC_URL: set HEARTH_PUBLIC_URL to the address you use',
      );
    }
    await next();
  });
}
