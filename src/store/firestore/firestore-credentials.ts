/**
 * Whether the Firestore client has Google credentials to call with, found before any call.
 *
 * Without credentials the client's first call rejects a promise nobody holds (the generated
 * client's `initialize().catch(err => { throw err })`): an unhandled rejection that ends the
 * process. And the client remembers that failure for good. So no call is made until the auth
 * library has found credentials; until then every operation fails at once as unavailable,
 * and the credentials are looked for again at most once per `retryMs`.
 */
import { StoreUnavailableError } from '../store-failure.js';

/** What the check needs of the auth library's GoogleAuth (the instance the client then uses). */
export interface CredentialSource {
  getClient(): Promise<unknown>;
}

export interface CredentialsCheck {
  /** True once credentials were found (then for good: the auth library keeps them). */
  readonly found: boolean;
  /** Resolves once credentials are found; rejects with StoreUnavailableError while they are not. */
  ensure(): Promise<void>;
}

/** google-auth-library's message when Application Default Credentials are nowhere to be found. */
const NO_ADC_FOUND = /could not load the default credentials/i;

const MISSING =
  'no Google credentials found (Application Default Credentials): set GOOGLE_APPLICATION_CREDENTIALS ' +
  'to a service account key file, run "gcloud auth application-default login", or run on Google Cloud';

/**
 * What went wrong, without the library's message: a key file that does not parse is quoted in
 * it (a piece of a private key must not reach `/readyz` or the logs).
 */
function unavailable(error: unknown): StoreUnavailableError {
  if (error instanceof StoreUnavailableError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (NO_ADC_FOUND.test(message)) return new StoreUnavailableError('store_credentials_missing', MISSING);
  const kind = error instanceof Error ? error.name : typeof error;
  return new StoreUnavailableError(
    'store_credentials_invalid',
    `Google credentials were found but could not be loaded (${kind}): check GOOGLE_APPLICATION_CREDENTIALS or the gcloud credentials file`,
  );
}

export function checkCredentials(
  source: CredentialSource,
  {
    retryMs = 1000,
    probeTimeoutMs = 10_000,
  }: {
    /** Looks again at most this often; meanwhile the last failure is answered at once. */
    retryMs?: number;
    /** How long one look may take (the metadata server of Google Cloud answers in well under). */
    probeTimeoutMs?: number;
  } = {},
): CredentialsCheck {
  let found = false;
  let probe: Promise<void> | undefined;
  let failure: { error: StoreUnavailableError; at: number } | undefined;

  const look = async () => {
    // store/ stands alone (worker threads of the store tests load it by itself): its own timer.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new StoreUnavailableError(
              'store_credentials_invalid',
              `looking for Google credentials took longer than ${probeTimeoutMs} ms`,
            ),
          ),
        probeTimeoutMs,
      );
    });
    try {
      await Promise.race([source.getClient(), late]);
      found = true;
      failure = undefined;
    } catch (error) {
      failure = { error: unavailable(error), at: performance.now() };
      throw failure.error;
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    get found() {
      return found;
    },
    ensure() {
      if (found) return Promise.resolve();
      if (probe) return probe;
      if (failure && performance.now() - failure.at < retryMs) return Promise.reject(failure.error);
      const current = look();
      probe = current;
      // The next call looks again (after retryMs); callers of this one each handle its rejection.
      void current
        .catch(() => undefined)
        .finally(() => {
          if (probe === current) probe = undefined;
        });
      return current;
    },
  };
}
