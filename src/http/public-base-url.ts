import type { Context } from 'hono';

/**
 * The service's public base URL (no trailing slash): the configured one
 * (HEARTH_PUBLIC_URL, or the address the service listens on), else the
 * request's own origin (an app mounted in a test). Sign-in links, the OAuth
 * issuer and redirects are built from it, never from a Host header when one is
 * configured.
 */
export function publicBaseUrl(c: Context, configured?: () => string): string {
  const base = configured?.() ?? new URL(c.req.url).origin;
  return base.replace(/\/+$/, '');
}

/** Whether the service is reached over https (cookies then carry Secure and the `__Host-` prefix). */
export function isHttps(c: Context, configured?: () => string): boolean {
  return publicBaseUrl(c, configured).startsWith('https:');
}
