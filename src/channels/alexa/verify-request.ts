import { createVerify } from 'node:crypto';
import { type ChainLoad, createCertChainCache } from './cert-cache.js';
import { parsePemChain, parseTrustedRoots, verifyCertChain } from './cert-chain.js';
import { parseCertChainUrl } from './cert-chain-url.js';
import { createHttpCertChainFetcher, type FetchCertChain } from './fetch-cert-chain.js';
import { type RawBody, verifyRequestTimestamp } from './request-timestamp.js';
import { refuse, VERIFIED, type VerifyFailure, type VerifyResult } from './verify-result.js';

export type { FetchCertChain } from './fetch-cert-chain.js';
export type { RawBody } from './request-timestamp.js';
export type { AlexaVerifyCode, VerifyFailure, VerifyResult } from './verify-result.js';

const CERT_CHAIN_URL_HEADER = 'signaturecertchainurl';
const SIGNATURE_256_HEADER = 'signature-256';
// The SHA-1 `Signature` header is still sent but no longer accepted, see FIELD-NOTES.
const LEGACY_SIGNATURE_HEADER = 'signature';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Request headers as Hono, Node or fetch give them; names are matched case-insensitively. */
export type AlexaHeaders = Headers | Record<string, string | readonly string[] | undefined>;

/** What the verifier needs from an HTTP request: the exact body bytes and the headers. */
export type AlexaRequestInput = { rawBody: RawBody; headers: AlexaHeaders };

/** Injection points; the defaults are the production ones. */
export type AlexaVerifierOptions = {
  /** Fetches the PEM chain at a checked URL; default global fetch, 64 KiB cap, no redirects. */
  fetchCertChain?: FetchCertChain;
  /** PEM roots a chain must lead to; default Node's bundled Mozilla roots. */
  trustedRoots?: readonly string[];
  now?: () => Date;
  /** How long a verified chain is reused (never past its certificates' expiry). */
  cacheTtlMs?: number;
  maxCachedChains?: number;
  /** How long a URL whose chain could not be fetched or verified is refused from memory. */
  failureTtlMs?: number;
  maxRememberedFailures?: number;
  /** Fetches of different URLs at once; beyond it a request with an uncached URL is refused, not queued. */
  maxConcurrentFetches?: number;
  /** Fetches started in any minute, however many URL spellings requests invent. */
  maxFetchesPerMinute?: number;
  /** Applies to any fetcher, so an injected one that hangs cannot hang a request. */
  fetchTimeoutMs?: number;
};

/** Verifies Alexa requests to a self-hosted endpoint as Amazon requires. */
export type AlexaVerifier = {
  /**
   * Cheap checks first, then the one that may fetch: the signature headers
   * (present, base64, certificate URL by Amazon's rules), the timestamp, and
   * only then the certificate chain and the signature. The first failure wins.
   */
  verify(input: AlexaRequestInput): Promise<VerifyResult>;
  /** `Signature-256` over the raw body, checked with the leaf of a valid, trusted chain. */
  verifySignature(input: AlexaRequestInput): Promise<VerifyResult>;
  /** `request.timestamp` within tolerance of `now`. */
  verifyTimestamp(input: Pick<AlexaRequestInput, 'rawBody'>): VerifyResult;
};

/** Creates a verifier with its own certificate cache; build one per process and share it. */
export function createAlexaVerifier({
  fetchCertChain = createHttpCertChainFetcher(),
  trustedRoots,
  now = () => new Date(),
  cacheTtlMs = 60 * 60 * 1000,
  maxCachedChains = 32,
  failureTtlMs = 60 * 1000,
  maxRememberedFailures = 256,
  maxConcurrentFetches = 3,
  maxFetchesPerMinute = 30,
  fetchTimeoutMs = 3000,
}: AlexaVerifierOptions = {}): AlexaVerifier {
  // Parsing Node's ~140 trusted roots costs tens of milliseconds: only when a chain is first checked.
  let roots: ReturnType<typeof parseTrustedRoots> | undefined;
  const cache = createCertChainCache({
    maxEntries: maxCachedChains,
    ttlMs: cacheTtlMs,
    failureTtlMs,
    maxFailures: maxRememberedFailures,
    maxConcurrentLoads: maxConcurrentFetches,
    maxLoadsPerMinute: maxFetchesPerMinute,
    now,
  });

  async function loadChain(url: string): Promise<ChainLoad> {
    const signal = AbortSignal.timeout(fetchTimeoutMs);
    let pem: string;
    try {
      pem = await untilAborted(fetchCertChain(url, signal), signal);
    } catch (error) {
      const why = signal.aborted ? `timed out after ${fetchTimeoutMs} ms` : errorMessage(error);
      return refuse('cert_fetch_failed', `could not fetch the certificate chain: ${why}`);
    }
    try {
      const chain = parsePemChain(pem);
      if ('ok' in chain) return chain;
      // node:tls (its root store) is loaded with the first chain, not with the service.
      roots ??= parseTrustedRoots(trustedRoots ?? (await import('node:tls')).rootCertificates);
      return verifyCertChain(chain, roots, now().getTime());
    } catch (error) {
      // node:crypto may throw on certificates it parsed but cannot use; a refusal, not a 500.
      return refuse('cert_invalid', `certificate chain cannot be checked: ${errorMessage(error)}`);
    }
  }

  /** The signature headers, checked without fetching anything. */
  function readSignatureHeaders(headers: AlexaHeaders): SignatureHeaders | VerifyFailure {
    const certUrlHeader = header(headers, CERT_CHAIN_URL_HEADER);
    const signatureHeader = header(headers, SIGNATURE_256_HEADER);
    if (signatureHeader === undefined) {
      const legacyOnly = header(headers, LEGACY_SIGNATURE_HEADER) !== undefined;
      return refuse(
        'signature_missing',
        legacyOnly
          ? 'only the SHA-1 Signature header was sent; Signature-256 is required'
          : 'Signature-256 header is missing',
      );
    }
    if (certUrlHeader === undefined) {
      return refuse('signature_missing', 'SignatureCertChainUrl header is missing');
    }
    const signature = decodeBase64(signatureHeader);
    if (!signature) return refuse('signature_invalid', 'Signature-256 header is not base64');
    const certUrl = parseCertChainUrl(certUrlHeader);
    if (!certUrl.ok) return certUrl;
    return { signature, certUrl: certUrl.url };
  }

  /** The chain at the checked URL (cached, or fetched within the bounds) and the signature over the raw body. */
  async function checkSignature(
    rawBody: RawBody,
    { signature, certUrl }: SignatureHeaders,
  ): Promise<VerifyResult> {
    const chain = await cache.get(certUrl, () => loadChain(certUrl));
    if ('ok' in chain) return chain;

    const verifier = createVerify('RSA-SHA256');
    verifier.update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody);
    let valid: boolean;
    try {
      valid = verifier.verify(chain.leaf.publicKey, signature);
    } catch {
      valid = false;
    }
    return valid ? VERIFIED : refuse('signature_invalid', 'Signature-256 does not match the request body');
  }

  async function verifySignature({ rawBody, headers }: AlexaRequestInput): Promise<VerifyResult> {
    const signed = readSignatureHeaders(headers);
    if ('ok' in signed) return signed;
    return checkSignature(rawBody, signed);
  }

  function verifyTimestamp({ rawBody }: Pick<AlexaRequestInput, 'rawBody'>): VerifyResult {
    return verifyRequestTimestamp(rawBody, now());
  }

  return {
    async verify(input) {
      const signed = readSignatureHeaders(input.headers);
      if ('ok' in signed) return signed;
      const timestamp = verifyTimestamp(input);
      if (!timestamp.ok) return timestamp;
      return checkSignature(input.rawBody, signed);
    },
    verifySignature,
    verifyTimestamp,
  };
}

/** Signature headers that passed the checks that need no fetch. */
type SignatureHeaders = { signature: Buffer; certUrl: string };

/** Looks a header up by lower-case name; repeated values count as absent since Amazon sends each once. */
function header(headers: AlexaHeaders, lowerName: string): string | undefined {
  if (headers instanceof Headers) return headers.get(lowerName) ?? undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== lowerName) continue;
    if (typeof value === 'string') return value;
    return value?.length === 1 ? value[0] : undefined;
  }
  return undefined;
}

/** Strict base64: Buffer.from would silently skip junk and verify a truncated signature. */
function decodeBase64(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length % 4 !== 0 || !BASE64.test(trimmed)) return undefined;
  return Buffer.from(trimmed, 'base64');
}

/** Settles with `work` or rejects when `signal` aborts, whichever is first. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
