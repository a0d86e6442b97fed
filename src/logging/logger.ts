import { type Logger, pino } from 'pino';

export type { Logger };

/**
 * Field names that may carry credentials or personal data. Logs should never
 * be handed such values in the first place; redaction is the safety net.
 */
const SENSITIVE_KEYS = [
  'authorization',
  'cookie',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'clientSecret',
  'credential',
  'code',
  'password',
  'email',
  'postcode',
  'allergens',
  'diet',
];

/** Builds the JSON logger; tokens, sign-in codes and personal fields are redacted at any depth up to two levels. */
export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  const paths = SENSITIVE_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);
  return pino(
    {
      level: options.level,
      base: { service: 'hearth' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}
