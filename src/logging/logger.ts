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

/**
 * A logger for lines whose fields are all named by the caller (the access log):
 * only top-level keys are redacted, which spares the deep walk that costs most
 * of a line. Never hand it objects from outside.
 */
export function namedFieldsLogger(logger: Logger): Logger {
  return logger.child({}, { redact: { paths: SENSITIVE_KEYS, censor: '[redacted]' } });
}

/** A child logger made on first use: most requests never log beyond their access line. */
export function lazyChild(logger: Logger, bindings: Record<string, unknown>): Logger {
  let child: Logger | undefined;
  const made = () => {
    child ??= logger.child(bindings);
    return child;
  };
  // Every access, reading or writing (`log.level = 'debug'`), goes to the child, never the shared root.
  return new Proxy(logger, {
    get(_target, prop) {
      const target = made();
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set(_target, prop, value) {
      return Reflect.set(made(), prop, value);
    },
  });
}
