import process from 'node:process';
import { parseArgs } from 'node:util';
import { LINK_PLATFORMS } from '../auth/token-claims.js';
import { hashSecret, randomSecret } from '../ids/secret-hash.js';
import { type ConfiguredOAuthClient, configuredOAuthClientSchema } from '../linking/oauth/oauth-clients.js';

const USAGE = `usage: hearth oauth-client add --platform alexa|dialogflow|google [--skill <id>]
         [--alexa-vendor <vendor id>] [--google-project <project id>] [--redirect-uri <url>]...
         [--pkce] [--client-id <id>]`;

/** The redirect URIs Alexa uses for a vendor (one per region) and Google for a project (and its sandbox). */
function platformRedirects(values: { 'alexa-vendor'?: string; 'google-project'?: string }): string[] {
  const vendor = values['alexa-vendor'];
  const project = values['google-project'];
  return [
    ...(vendor
      ? ['pitangui.amazon.com', 'layla.amazon.com', 'alexa.amazon.co.jp'].map(
          (host) => `https://${host}/api/skill/link/${encodeURIComponent(vendor)}`,
        )
      : []),
    ...(project
      ? ['oauth-redirect', 'oauth-redirect-sandbox'].map(
          (host) => `https://${host}.googleusercontent.com/r/${encodeURIComponent(project)}`,
        )
      : []),
  ];
}

/**
 * A new client from the command's arguments: its secret (to give the
 * platform's console, once) and its HEARTH_OAUTH_CLIENTS entry, which holds
 * only the secret's hash. Throws a one-line message on bad arguments.
 */
export function newOAuthClient(args: string[]): { secret: string; entry: ConfiguredOAuthClient } {
  const [action, ...rest] = args;
  if (action !== 'add') throw new Error(action ? `unknown action "${action}"` : 'expected an action: add');
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      platform: { type: 'string' },
      skill: { type: 'string' },
      'client-id': { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      'alexa-vendor': { type: 'string' },
      'google-project': { type: 'string' },
      pkce: { type: 'boolean' },
    },
  });
  const platform = values.platform;
  if (!platform || !(LINK_PLATFORMS as readonly string[]).includes(platform)) {
    throw new Error(`--platform: expected ${LINK_PLATFORMS.join(', ')}`);
  }
  const secret = randomSecret();
  const parsed = configuredOAuthClientSchema.safeParse({
    clientId: values['client-id'] ?? (values.skill ? `${values.skill}-${platform}` : 'google-home'),
    platform,
    ...(values.skill ? { skillId: values.skill } : {}),
    secretHash: hashSecret(secret),
    redirectUris: [...platformRedirects(values), ...(values['redirect-uri'] ?? [])],
    pkceRequired: values.pkce ?? false,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.') || 'client'}: ${issue?.message ?? 'invalid'}`);
  }
  return { secret, entry: parsed.data };
}

/**
 * `hearth oauth-client add …`: registers nothing by itself. It prints a new
 * client's secret once (for the Alexa or Google console) and the entry to
 * add to HEARTH_OAUTH_CLIENTS, which holds only the secret's hash.
 */
export async function run(args: string[]): Promise<number> {
  let created: ReturnType<typeof newOAuthClient>;
  try {
    created = newOAuthClient(args);
  } catch (error) {
    process.stderr.write(`hearth oauth-client: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { secret, entry } = created;
  process.stdout.write(
    `client id:     ${entry.clientId}\nclient secret: ${secret}\n` +
      '(shown once: give it to the platform now; hearth keeps only its hash)\n\n' +
      `add to HEARTH_OAUTH_CLIENTS (a JSON array):\n${JSON.stringify(entry)}\n`,
  );
  return 0;
}
