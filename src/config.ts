import path from 'node:path';
import { z } from 'zod';
import { type BrandWebhooks, brandWebhooksSchema } from './brands/brand-webhooks.js';
import { configuredSkillChannelsSchema, type SkillChannels } from './channels/skill-channels-record.js';
import { isLoopbackHost } from './http/loopback-host.js';
import { type ConfiguredOAuthClient, configuredOAuthClientsSchema } from './linking/oauth/oauth-clients.js';

/** Thrown when the environment holds a bad value; the message is one line naming the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    error: 'expected true or false',
  })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

/**
 * A whole number from the environment. Digits only: `z.coerce.number` reads an
 * empty or blank value as 0, which for PORT silently means "any free port".
 */
const wholeNumber = (message: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${message} from ${min} to ${max}`);

/** Variables whose values are credentials: a config error names them but never shows them. */
const SECRET_VARIABLES = new Set([
  'HEARTH_SECRET',
  'HEARTH_SKILL_CHANNELS',
  'HEARTH_OAUTH_CLIENTS',
  'HEARTH_BRAND_WEBHOOKS',
]);

/** A variable holding JSON, parsed before its schema checks it. */
const jsonText = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'expected JSON' });
    return z.NEVER;
  }
});

const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: wholeNumber('expected a port number', 0, 65535).default(3000),
  HEARTH_DATA_DIR: z.string().min(1).default('.hearth'),
  HEARTH_STORE: z.enum(['sqlite', 'firestore'], { error: 'expected sqlite or firestore' }).default('sqlite'),
  HEARTH_DEMO: booleanFlag.optional(),
  HEARTH_NOW: z.iso.datetime({ offset: true, error: 'expected an ISO-8601 instant' }).optional(),
  HEARTH_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
  HEARTH_PUBLIC_URL: z.url({ error: 'expected an absolute URL' }).optional(),
  FIRESTORE_PROJECT_ID: z.string().min(1).optional(),
  GOOGLE_CLOUD_PROJECT: z.string().min(1).optional(),
  FIRESTORE_DATABASE_ID: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ALEXA_VERIFY_SIGNATURE: booleanFlag.default(true),
  REQUEST_TIMEOUT_MS: wholeNumber('expected a whole number of milliseconds', 100, 120_000).default(10_000),
  SHUTDOWN_GRACE_MS: wholeNumber('expected a whole number of milliseconds', 0, 120_000).default(10_000),
  HEARTH_SKILL_CHANNELS: jsonText
    .pipe(
      z.record(
        z.string().regex(/^[a-z][a-z0-9-]*$/, 'skill ids are kebab-case'),
        configuredSkillChannelsSchema,
        {
          error: 'expected {"<skill-id>": {"alexaApplicationId"?, "dialogflowHeaders"?}}',
        },
      ),
    )
    .optional(),
  HEARTH_OAUTH_CLIENTS: jsonText.pipe(configuredOAuthClientsSchema).optional(),
  HEARTH_BRAND_WEBHOOKS: jsonText.pipe(brandWebhooksSchema).optional(),
});

export type StoreConfig =
  | { kind: 'sqlite'; file: string }
  | { kind: 'firestore'; projectId: string; databaseId?: string };

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  store: StoreConfig;
  /**
   * Demo mode: seeds demo data, writes demo.json, serves demo pages, honours HEARTH_NOW, and
   * answers only requests whose Host is a loopback name or the base URL's host. On by default
   * only with the embedded store on a loopback HOST.
   */
  demo: boolean;
  /** Fixed domain clock (demo mode only); never used for signatures or token expiry. */
  fixedNow?: Date;
  /** Token signing secret; absent only in demo mode, where one is generated into the data dir. */
  secret?: string;
  publicUrl?: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  alexaVerifySignature: boolean;
  requestTimeoutMs: number;
  shutdownGraceMs: number;
  /** Per skill: the Alexa application id and Dialogflow verification headers of this deployment. */
  skillChannels: Record<string, SkillChannels>;
  /**
   * OAuth clients of the deployment by client id (HEARTH_OAUTH_CLIENTS: a JSON array; secrets
   * only as `hashSecret(secret)`); they win over clients stored under `oauthClients/`.
   */
  oauthClients: Record<string, ConfiguredOAuthClient>;
  /**
   * Each brand's order webhook URL and signing secret (HEARTH_BRAND_WEBHOOKS); in demo mode the
   * data dir's brand-webhooks.json supplies the demo brands this does not name.
   */
  brandWebhooks: BrandWebhooks;
}

/** Parses the environment into a typed config; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    // Secrets are never echoed, not even in part.
    const secret = SECRET_VARIABLES.has(variable);
    const shown =
      variable in env && !secret ? ` (got ${JSON.stringify(String(env[variable]).slice(0, 60))})` : '';
    throw new ConfigError(`${variable}: ${issue?.message ?? 'invalid value'}${shown}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.HEARTH_DATA_DIR);
  let store: StoreConfig;
  if (e.HEARTH_STORE === 'firestore') {
    const projectId = e.FIRESTORE_PROJECT_ID ?? e.GOOGLE_CLOUD_PROJECT;
    if (!projectId) {
      throw new ConfigError(
        'FIRESTORE_PROJECT_ID: required when HEARTH_STORE=firestore (or set GOOGLE_CLOUD_PROJECT)',
      );
    }
    store = {
      kind: 'firestore',
      projectId,
      ...(e.FIRESTORE_DATABASE_ID ? { databaseId: e.FIRESTORE_DATABASE_ID } : {}),
    };
  } else {
    store = { kind: 'sqlite', file: path.join(dataDir, 'hearth.db') };
  }
  const loopback = isLoopbackHost(e.HOST);
  // A demo listening beyond this machine must be asked for: its pages, tokens and generated
  // secret are for local work.
  const demo = e.HEARTH_DEMO ?? (store.kind === 'sqlite' && loopback);
  if (!demo && !e.HEARTH_SECRET) {
    const why =
      store.kind === 'sqlite' && e.HEARTH_DEMO === undefined
        ? `; demo mode is on by default only on a loopback HOST, not ${JSON.stringify(e.HOST.slice(0, 60))} (HEARTH_DEMO=true runs the demo there)`
        : '';
    throw new ConfigError(`HEARTH_SECRET: required outside demo mode (at least 32 random characters)${why}`);
  }
  // Unsigned Alexa requests are for a developer's own machine, never a deployment.
  if (!e.ALEXA_VERIFY_SIGNATURE && !(demo && loopback)) {
    throw new ConfigError(
      `ALEXA_VERIFY_SIGNATURE: false is only accepted in demo mode on a loopback HOST (127.0.0.0/8, ::1, localhost); here HOST is ${JSON.stringify(e.HOST.slice(0, 60))} and demo mode is ${demo ? 'on' : 'off'}`,
    );
  }
  if (e.HEARTH_NOW && !demo) {
    throw new ConfigError(
      'HEARTH_NOW: only honoured in demo mode (set HEARTH_DEMO=true or unset HEARTH_NOW)',
    );
  }
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir,
    store,
    demo,
    ...(e.HEARTH_NOW ? { fixedNow: new Date(e.HEARTH_NOW) } : {}),
    ...(e.HEARTH_SECRET ? { secret: e.HEARTH_SECRET } : {}),
    ...(e.HEARTH_PUBLIC_URL ? { publicUrl: e.HEARTH_PUBLIC_URL.replace(/\/$/, '') } : {}),
    logLevel: e.LOG_LEVEL,
    alexaVerifySignature: e.ALEXA_VERIFY_SIGNATURE,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    skillChannels: e.HEARTH_SKILL_CHANNELS ?? {},
    oauthClients: e.HEARTH_OAUTH_CLIENTS ?? {},
    brandWebhooks: e.HEARTH_BRAND_WEBHOOKS ?? {},
  };
}

/** The base URL people and devices use to reach this process. */
export function baseUrlOf(config: Pick<Config, 'host' | 'port' | 'publicUrl'>, boundPort?: number): string {
  if (config.publicUrl) return config.publicUrl;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const shownHost = host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host;
  return `http://${shownHost}:${boundPort ?? config.port}`;
}
