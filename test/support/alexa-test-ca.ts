/**
 * A throwaway PKI for Alexa request verification tests: a root, an
 * intermediate and leaf certificates made with the openssl CLI, once per test
 * worker. Tests hand `verifierOptions()` to `createAlexaVerifier` (the root as
 * the only trusted root, a fetch that serves the chains) and sign bodies with
 * the leaf key, as Amazon would.
 */
import { execFile } from 'node:child_process';
import { createSign, generateKeyPair, type KeyObject } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AlexaVerifierOptions } from '../../src/channels/alexa/verify-request.js';

const run = promisify(execFile);
const generateRsaKey = promisify(generateKeyPair);
const DAY_MS = 24 * 60 * 60 * 1000;

/** Certificate chains the test CA serves, each at its own URL. */
export type AlexaTestChain =
  /** Leaf for echo-api.amazon.com, then the intermediate: what Amazon serves. */
  | 'valid'
  /** As `valid` with the root appended, as some bundles are. */
  | 'validWithRoot'
  | 'expired'
  | 'notYetValid'
  | 'wrongSan'
  /** No SAN at all; only the subject CN says echo-api.amazon.com, which Amazon's rule does not count. */
  | 'noSan'
  /** SAN `*.amazon.com`: a wildcard is not the exact name Amazon requires. */
  | 'wildcardSan'
  /** Self-signed leaf for echo-api.amazon.com, trusted by nobody. */
  | 'selfSigned'
  /** Leaf and intermediate from a root with the test root's name but another key. */
  | 'untrustedRoot'
  /** Intermediate first, then the leaf. */
  | 'swapped'
  /** The leaf with the root but without its intermediate. */
  | 'missingIntermediate'
  /** A leaf for echo-api.amazon.com issued by the valid leaf, which is no CA. */
  | 'issuedByLeaf';

/** The generated PKI and the helpers that use it. */
export type AlexaTestCa = {
  rootPem: string;
  /** Private key of the echo-api.amazon.com leaves, for tests that sign in other ways. */
  leafKey: KeyObject;
  /** PEM bundle per chain variant. */
  chains: Record<AlexaTestChain, string>;
  /** The URL (under https://s3.amazonaws.com/echo.api/) at which a variant is served. */
  chainUrl(chain?: AlexaTestChain): string;
  /** Serves `chains` by URL and rejects any other URL, like S3's 403. */
  fetchCertChain(url: string): Promise<string>;
  /** Options for `createAlexaVerifier`: this CA's root as the only trusted root, and `fetchCertChain`. */
  verifierOptions(): Pick<AlexaVerifierOptions, 'fetchCertChain' | 'trustedRoots'>;
  /** Headers of a request signed with the key of `chain`'s leaf (RSA-SHA256, as `Signature-256`). */
  signAlexaRequest(body: string, options?: SignOptions): Record<string, string>;
};

/** Which leaf signs and which URL the headers name; `certUrl` overrides the URL for URL-rule tests. */
export type SignOptions = { chain?: AlexaTestChain; certUrl?: string };

let pending: Promise<AlexaTestCa> | undefined;

/** The test CA of this worker, generated on first use. */
export function getAlexaTestCa(): Promise<AlexaTestCa> {
  pending ??= createAlexaTestCa();
  return pending;
}

/** Signs `body` with the valid test leaf (or `options.chain`'s) and returns the Alexa headers to send. */
export async function signAlexaRequest(body: string, options?: SignOptions): Promise<Record<string, string>> {
  return (await getAlexaTestCa()).signAlexaRequest(body, options);
}

async function createAlexaTestCa(): Promise<AlexaTestCa> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-alexa-ca-'));
  try {
    return await buildPki(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function buildPki(dir: string): Promise<AlexaTestCa> {
  const [rootKey, intermediateKey, leafKey, rogueKey] = await Promise.all([
    writeKey(dir, 'root'),
    writeKey(dir, 'intermediate'),
    writeKey(dir, 'leaf'),
    writeKey(dir, 'rogue'),
  ]);
  const cnf = await writeOpensslConfig(dir);
  const openssl = async (...args: string[]) => {
    await run('openssl', args, { cwd: dir });
  };
  const now = Date.now();
  const longValid = { from: now - DAY_MS, to: now + 365 * DAY_MS };

  // Each call makes a CSR for `key` and has `issuer` (or the key itself) sign it.
  const issue = async (name: string, { key, subject, ext, issuer, from, to }: CertSpec): Promise<string> => {
    await openssl('req', '-new', '-key', key.file, '-subj', subject, '-out', `${name}.csr`);
    const signer = issuer
      ? ['-cert', issuer.cert, '-keyfile', issuer.key]
      : ['-selfsign', '-keyfile', key.file];
    const dates = ['-startdate', asn1Time(from), '-enddate', asn1Time(to)];
    const files = ['-in', `${name}.csr`, '-out', `${name}.pem`];
    const command = ['ca', '-batch', '-notext', '-config', cnf, '-extensions', ext];
    await openssl(...command, ...signer, ...dates, ...files);
    return readPem(join(dir, `${name}.pem`));
  };

  const leafSubject = '/CN=echo-api.amazon.com';
  const rootPem = await issue('root', {
    key: rootKey,
    subject: '/CN=Hearth Test Root CA',
    ext: 'v3_root',
    ...longValid,
  });
  const root = { cert: 'root.pem', key: rootKey.file };
  const intermediatePem = await issue('intermediate', {
    key: intermediateKey,
    subject: '/CN=Hearth Test Intermediate CA',
    ext: 'v3_intermediate',
    issuer: root,
    ...longValid,
  });
  const intermediate = { cert: 'intermediate.pem', key: intermediateKey.file };
  const leaf = (name: string, ext: string, from: number, to: number) =>
    issue(name, { key: leafKey, subject: leafSubject, ext, issuer: intermediate, from, to });

  const validLeaf = await leaf('leaf', 'v3_leaf', longValid.from, longValid.to);
  const expiredLeaf = await leaf('expired', 'v3_leaf', now - 60 * DAY_MS, now - 30 * DAY_MS);
  const notYetValidLeaf = await leaf('not-yet-valid', 'v3_leaf', now + 30 * DAY_MS, now + 60 * DAY_MS);
  const wrongSanLeaf = await leaf('wrong-san', 'v3_leaf_wrong_san', longValid.from, longValid.to);
  const noSanLeaf = await leaf('no-san', 'v3_leaf_no_san', longValid.from, longValid.to);
  const wildcardLeaf = await leaf('wildcard-san', 'v3_leaf_wildcard', longValid.from, longValid.to);
  const selfSigned = await issue('self-signed', {
    key: leafKey,
    subject: leafSubject,
    ext: 'v3_leaf',
    ...longValid,
  });

  // Same name as the trusted root, different key: trust must rest on keys, not names.
  const rogueRootPem = await issue('rogue-root', {
    key: rogueKey,
    subject: '/CN=Hearth Test Root CA',
    ext: 'v3_root',
    ...longValid,
  });
  const rogueIntermediate = await issue('rogue-intermediate', {
    key: intermediateKey,
    subject: '/CN=Hearth Test Intermediate CA',
    ext: 'v3_intermediate',
    issuer: { cert: 'rogue-root.pem', key: rogueKey.file },
    ...longValid,
  });
  const rogueLeaf = await issue('rogue-leaf', {
    key: leafKey,
    subject: leafSubject,
    ext: 'v3_leaf',
    issuer: { cert: 'rogue-intermediate.pem', key: intermediateKey.file },
    ...longValid,
  });
  // The issuing leaf has no keyUsage, so only its CA:FALSE says it must not sign certificates.
  const plainLeaf = await leaf('plain-leaf', 'v3_leaf_plain', longValid.from, longValid.to);
  const leafIssuedLeaf = await issue('leaf-issued', {
    key: rogueKey,
    subject: leafSubject,
    ext: 'v3_leaf',
    issuer: { cert: 'plain-leaf.pem', key: leafKey.file },
    ...longValid,
  });

  const chains: Record<AlexaTestChain, string> = {
    valid: validLeaf + intermediatePem,
    validWithRoot: validLeaf + intermediatePem + rootPem,
    expired: expiredLeaf + intermediatePem,
    notYetValid: notYetValidLeaf + intermediatePem,
    wrongSan: wrongSanLeaf + intermediatePem,
    noSan: noSanLeaf + intermediatePem,
    wildcardSan: wildcardLeaf + intermediatePem,
    selfSigned,
    untrustedRoot: rogueLeaf + rogueIntermediate + rogueRootPem,
    swapped: intermediatePem + validLeaf,
    missingIntermediate: validLeaf + rootPem,
    issuedByLeaf: leafIssuedLeaf + plainLeaf + intermediatePem,
  };
  const signingKey = (chain: AlexaTestChain): KeyObject =>
    chain === 'issuedByLeaf' ? rogueKey.key : leafKey.key;

  const chainUrl = (chain: AlexaTestChain = 'valid') =>
    `https://s3.amazonaws.com/echo.api/hearth-test-${chain}.pem`;
  const byUrl = new Map(
    Object.entries(chains).map(([chain, pem]) => [chainUrl(chain as AlexaTestChain), pem]),
  );
  const fetchCertChain = async (url: string): Promise<string> => {
    const pem = byUrl.get(url);
    if (pem === undefined) throw new Error(`HTTP 403 for ${url}`);
    return pem;
  };

  return {
    rootPem,
    leafKey: leafKey.key,
    chains,
    chainUrl,
    fetchCertChain,
    verifierOptions: () => ({ fetchCertChain, trustedRoots: [rootPem] }),
    signAlexaRequest(body, { chain = 'valid', certUrl = chainUrl(chain) } = {}) {
      const signature = createSign('RSA-SHA256').update(body, 'utf8').sign(signingKey(chain), 'base64');
      return { SignatureCertChainUrl: certUrl, 'Signature-256': signature };
    },
  };
}

type KeyFile = { file: string; key: KeyObject };
type CertSpec = {
  key: KeyFile;
  subject: string;
  ext: string;
  issuer?: { cert: string; key: string };
  from: number;
  to: number;
};

/** Node's key generation is in-process and parallel, quicker than one openssl process per key. */
async function writeKey(dir: string, name: string): Promise<KeyFile> {
  const { privateKey } = await generateRsaKey('rsa', { modulusLength: 2048 });
  const file = join(dir, `${name}.key`);
  await writeFile(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return { file, key: privateKey };
}

async function readPem(file: string): Promise<string> {
  const pem = (await readFile(file, 'utf8')).trim();
  return `${pem}\n`;
}

/** GeneralizedTime, which `openssl ca -startdate/-enddate` accepts for any year. */
function asn1Time(ms: number): string {
  return `${new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

/** `openssl ca` is used (not `x509 -req`) because only it sets arbitrary start and end dates on OpenSSL 3.0. */
async function writeOpensslConfig(dir: string): Promise<string> {
  await writeFile(join(dir, 'index.txt'), '');
  await writeFile(join(dir, 'serial'), '1000\n');
  const cnf = join(dir, 'ca.cnf');
  await writeFile(
    cnf,
    `[ ca ]
default_ca = test_ca

[ test_ca ]
dir = ${dir}
database = $dir/index.txt
new_certs_dir = $dir
serial = $dir/serial
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none

[ policy_any ]
commonName = supplied

[ v3_root ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[ v3_intermediate ]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ v3_leaf ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:echo-api.amazon.com

[ v3_leaf_plain ]
basicConstraints = critical, CA:FALSE
subjectKeyIdentifier = hash
subjectAltName = DNS:echo-api.amazon.com

[ v3_leaf_wrong_san ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
subjectAltName = DNS:echo-api.example.com, DNS:amazon.com

[ v3_leaf_no_san ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment

[ v3_leaf_wildcard ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
subjectAltName = DNS:*.amazon.com
`,
  );
  return cnf;
}
