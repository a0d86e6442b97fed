import { X509Certificate } from 'node:crypto';
import { refuse, type VerifyFailure } from './verify-result.js';

const ECHO_API_HOST = 'echo-api.amazon.com';
const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** A chain that passed every check, with the window in which that stays true. */
export type VerifiedChain = {
  leaf: X509Certificate;
  /** Latest notBefore and earliest notAfter over the chain and its anchor, in ms. */
  validFromMs: number;
  validToMs: number;
};

/** Parses trusted roots once; unparsable entries are skipped since one bad root must not disable the rest. */
export function parseTrustedRoots(pems: readonly string[]): X509Certificate[] {
  const roots: X509Certificate[] = [];
  for (const pem of pems) {
    try {
      roots.push(new X509Certificate(pem));
    } catch {
      // Skipped on purpose, see above.
    }
  }
  return roots;
}

/** Splits a PEM bundle into certificates, leaf first as Amazon serves it. */
export function parsePemChain(pem: string): X509Certificate[] | VerifyFailure {
  const blocks = pem.match(PEM_CERT);
  if (!blocks) return refuse('cert_invalid', 'certificate chain holds no PEM certificate');
  try {
    return blocks.map((block) => new X509Certificate(block));
  } catch {
    return refuse('cert_invalid', 'certificate chain holds an unparsable certificate');
  }
}

/**
 * Checks Amazon's certificate rules: the leaf is issued for echo-api.amazon.com,
 * every certificate is valid at `nowMs`, each is signed by the next, and the
 * chain ends in (or is issued by) a trusted root.
 */
export function verifyCertChain(
  chain: readonly X509Certificate[],
  roots: readonly X509Certificate[],
  nowMs: number,
): VerifiedChain | VerifyFailure {
  const leaf = chain[0];
  if (!leaf) return refuse('cert_invalid', 'certificate chain is empty');
  // Exact SAN match only: a wildcard like *.amazon.com or a CN is not what Amazon signs with.
  if (leaf.checkHost(ECHO_API_HOST, { subject: 'never', wildcards: false }) === undefined) {
    return refuse('cert_san_mismatch', `signing certificate is not issued for ${ECHO_API_HOST}`);
  }
  if (leaf.publicKey.asymmetricKeyType !== 'rsa') {
    return refuse('cert_invalid', 'signing certificate does not hold an RSA key');
  }

  const path = trustPath(chain, roots);
  if (!Array.isArray(path)) return path;

  let validFromMs = Number.NEGATIVE_INFINITY;
  let validToMs = Number.POSITIVE_INFINITY;
  for (const [index, cert] of path.entries()) {
    const from = Date.parse(cert.validFrom);
    const to = Date.parse(cert.validTo);
    const which = index === 0 ? 'signing certificate' : `certificate ${index} of the chain`;
    if (Number.isNaN(from) || Number.isNaN(to))
      return refuse('cert_invalid', `${which} has unreadable dates`);
    if (nowMs > to) return refuse('cert_expired', `${which} expired at ${cert.validTo}`);
    if (nowMs < from) return refuse('cert_not_yet_valid', `${which} is valid only from ${cert.validFrom}`);
    validFromMs = Math.max(validFromMs, from);
    validToMs = Math.min(validToMs, to);
  }
  return { leaf, validFromMs, validToMs };
}

/**
 * Walks from the leaf towards a trusted root and returns the certificates the
 * trust rests on (ending with the root). Certificates after the anchor are
 * ignored, which is how a bundle that also carries a cross-signed root still works.
 */
function trustPath(
  chain: readonly X509Certificate[],
  roots: readonly X509Certificate[],
): X509Certificate[] | VerifyFailure {
  const path: X509Certificate[] = [];
  for (const [index, cert] of chain.entries()) {
    // Anything that signs another certificate must be a CA: a leaf must not mint leaves.
    if (index > 0 && !cert.ca) {
      return refuse('cert_untrusted', `certificate ${index} of the chain is not a CA`);
    }
    path.push(cert);
    const trusted = roots.find((root) => root.fingerprint256 === cert.fingerprint256);
    if (trusted) return path;
    const issuer = roots.find((root) => root.ca && issuedBy(cert, root));
    if (issuer) {
      path.push(issuer);
      return path;
    }
    const next = chain[index + 1];
    if (!next) break;
    if (!issuedBy(cert, next)) {
      return refuse(
        'cert_untrusted',
        `certificate ${index} of the chain is not signed by certificate ${index + 1}`,
      );
    }
  }
  return refuse('cert_untrusted', 'certificate chain does not lead to a trusted root');
}

/** Name match (with key identifiers) and a signature check: both, since names alone are forgeable. */
function issuedBy(subject: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
  } catch {
    return false;
  }
}
