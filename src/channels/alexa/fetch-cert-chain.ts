/** Fetches a PEM certificate chain; the signal aborts it when the verifier gives up. */
export type FetchCertChain = (url: string, signal: AbortSignal) => Promise<string>;

/** Amazon's chain is a few KB; anything far larger is not a certificate chain. */
export const DEFAULT_MAX_CHAIN_BYTES = 64 * 1024;

/**
 * Creates the production fetcher on global `fetch`. Redirects are refused
 * because the URL rules were checked on this URL, not on wherever a redirect leads.
 */
export function createHttpCertChainFetcher({
  maxBytes = DEFAULT_MAX_CHAIN_BYTES,
}: {
  maxBytes?: number;
} = {}): FetchCertChain {
  return async function fetchCertChainOverHttp(url, signal) {
    const response = await fetch(url, { signal, redirect: 'error', headers: { accept: '*/*' } });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`certificate chain answered HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length'));
    if (declared > maxBytes) {
      await response.body?.cancel();
      throw new Error(`certificate chain is larger than ${maxBytes} bytes`);
    }
    return readCapped(response, maxBytes);
  };
}

/** Reads a body but stops at `maxBytes`, since Content-Length may be absent or lie. */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error(`certificate chain is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
