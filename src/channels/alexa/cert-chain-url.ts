import { refuse, type VerifyFailure } from './verify-result.js';

const CERT_ORIGIN = 'https://s3.amazonaws.com';
const CERT_HOST = 's3.amazonaws.com';
const CERT_PATH_PREFIX = '/echo.api/';
/**
 * What a decoded path may hold: RFC 3986 unreserved characters and `/`. Amazon's
 * URLs (`/echo.api/echo-api-cert-12.pem`) fit; anything else (`%`, `?`, `;`,
 * spaces, non-ASCII) only makes more spellings of one object or of none.
 */
const CANONICAL_PATH = /^[A-Za-z0-9._~\-/]+$/;

/**
 * Checks a `SignatureCertChainUrl` against Amazon's rules and returns its one
 * canonical spelling, the one fetched and the cache key: every variant of a
 * URL (case of scheme and host, `:443`, dot segments, percent-encoding, tabs)
 * collapses to it, and whatever cannot be canonical (a query, a fragment,
 * credentials, another port) is refused, so that new spellings cannot each
 * cost an outbound fetch.
 */
export function parseCertChainUrl(raw: string): { ok: true; url: string } | VerifyFailure {
  let url: URL;
  try {
    // WHATWG parsing lower-cases scheme and host, decodes the host, drops the
    // default port 443 and resolves dot segments (also %2e ones) in the path.
    url = new URL(raw.trim());
  } catch {
    return refuse('cert_url_invalid', 'SignatureCertChainUrl is not a URL');
  }
  if (url.protocol !== 'https:') {
    return refuse('cert_url_invalid', `SignatureCertChainUrl scheme must be https, not ${url.protocol}`);
  }
  if (url.hostname !== CERT_HOST) {
    return refuse('cert_url_invalid', `SignatureCertChainUrl host must be ${CERT_HOST}`);
  }
  // URL.port is empty when the port is absent or 443, the https default.
  if (url.port !== '') {
    return refuse('cert_url_invalid', `SignatureCertChainUrl port must be 443, not ${url.port}`);
  }
  if (url.username !== '' || url.password !== '') {
    return refuse('cert_url_invalid', 'SignatureCertChainUrl must not carry credentials');
  }
  // After parsing, `?` and `#` appear in href only as delimiters, also when the query or fragment is empty.
  if (url.href.includes('?') || url.href.includes('#')) {
    return refuse('cert_url_invalid', 'SignatureCertChainUrl must not carry a query or a fragment');
  }
  const path = canonicalPath(url.pathname);
  if (path === undefined) {
    return refuse('cert_url_invalid', 'SignatureCertChainUrl path holds characters Amazon never uses');
  }
  // The path is case-sensitive on S3: /EcHo.aPi/ is another bucket.
  if (!path.startsWith(CERT_PATH_PREFIX) || path.includes('//') || path.endsWith('/')) {
    return refuse(
      'cert_url_invalid',
      `SignatureCertChainUrl path must name a file under ${CERT_PATH_PREFIX}`,
    );
  }
  return { ok: true, url: `${CERT_ORIGIN}${path}` };
}

/**
 * Decodes percent-encoding once (S3 does the same) and resolves the dot
 * segments that decoding may have made (`..%2f`); undefined when the result
 * holds a character outside CANONICAL_PATH, which also refuses double encoding.
 */
function canonicalPath(pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (!CANONICAL_PATH.test(decoded)) return undefined;
  // Only unreserved characters and `/` are left, so re-parsing changes nothing but dot segments.
  return new URL(decoded, CERT_ORIGIN).pathname;
}
