import process from 'node:process';
import { canonicalTimeZone, createHousehold } from '../accounts/create-household.js';
import { issueSigninLink } from '../accounts/signin-codes.js';
import { baseUrlOf } from '../config.js';
import { isLocale, LOCALES } from '../runtime/locales.js';
import { commandArgs, usageError, withConfiguredStore } from './operator-command.js';

const USAGE = 'hearth household create --locale <locale> --time-zone <IANA zone> [--name <name>]';

/**
 * `hearth household create`: an operator creates a household (the same code as
 * `POST /v1/households`) and gets its id and a one-time sign-in link under the
 * service's base URL (HEARTH_PUBLIC_URL, else HOST and PORT).
 */
export async function run(args: string[]): Promise<number> {
  const usage = (message: string) => usageError('household', USAGE, message);
  const parsed = commandArgs('household', USAGE, args, {
    locale: { type: 'string' },
    'time-zone': { type: 'string' },
    name: { type: 'string' },
  });
  if (typeof parsed === 'number') return parsed;
  const { positionals, values } = parsed;
  if (positionals.length !== 1 || positionals[0] !== 'create') return usage('expected "create"');
  const { locale, 'time-zone': timeZone } = values;
  if (!locale || !isLocale(locale)) return usage(`--locale: one of ${LOCALES.join(', ')}`);
  if (!timeZone || !canonicalTimeZone(timeZone))
    return usage('--time-zone: an IANA time zone, e.g. Europe/Paris');
  const name = values.name?.trim();
  if (name !== undefined && (name.length === 0 || name.length > 120))
    return usage('--name: 1 to 120 characters');

  return withConfiguredStore('household', { create: true }, async ({ config, store }) => {
    const { id } = await createHousehold(
      store,
      { locale, timeZone, ...(name ? { name } : {}) },
      { kind: 'operator' },
    );
    const link = await issueSigninLink(store, { kind: 'household', householdId: id }, baseUrlOf(config));
    process.stdout.write(
      `created household ${id}\nsign-in link (works once, until ${link.expiresAt}): ${link.signInUrl}\n`,
    );
    return 0;
  });
}
