import { refuse, type VerifyFailure } from './verify-result.js';

const CERT_HOST = 's3.amazonaws.com';
const CERT_PATH_PREFIX = '/echo.api/';

/**
 * Checks a `SignatureCertChainUrl` against Amazon's rules and returns the
 * normalised URL: the one that was checked is the one fetched and cached, so
 * `..` segments, `%2e`, backslashes or case tricks cannot smuggle another path.
 */
export function parseCertChainUrl(raw: string): { ok: true; url: string } | VerifyFailure {
  let url: URL;
  try {
    // WHATWG parsing lower-cases the host, drops the default port 443 and
    // resolves dot segments (also percent-encoded ones) in the path.
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
  // Credentials are never part of Amazon's URL; refusing them keeps the cache key canonical.
  if (url.username !== '' || url.password !== '') {
    return refuse('cert_url_invalid', 'SignatureCertChainUrl must not carry credentials');
  }
  // The path is case-sensitive on S3: /EcHo.aPi/ is another bucket.
  if (!url.pathname.startsWith(CERT_PATH_PREFIX)) {
    return refuse('cert_url_invalid', `SignatureCertChainUrl path must start with ${CERT_PATH_PREFIX}`);
  }
  url.hash = '';
  return { ok: true, url: url.href };
}
