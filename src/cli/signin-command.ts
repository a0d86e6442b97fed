import process from 'node:process';
import type { AccountSubject } from '../accounts/account-subject.js';
import { findAccount } from '../accounts/signed-in.js';
import { issueSigninLink } from '../accounts/signin-codes.js';
import { baseUrlOf } from '../config.js';
import { SAFE_ID } from '../ids/safe-id.js';
import { commandArgs, usageError, withConfiguredStore } from './operator-command.js';

const USAGE = 'hearth signin household <household-id> | hearth signin brand <brand-id>';

/**
 * `hearth signin household <id>` and `hearth signin brand <id>`: a fresh
 * one-time sign-in link, alone on stdout (so `$(npx hearth signin …)` works).
 * An unknown id is one line on stderr and exit code 1.
 */
export async function run(args: string[]): Promise<number> {
  const parsed = commandArgs('signin', USAGE, args, {});
  if (typeof parsed === 'number') return parsed;
  const [kind, id, ...rest] = parsed.positionals;
  if ((kind !== 'household' && kind !== 'brand') || id === undefined || rest.length > 0)
    return usageError('signin', USAGE, 'expected "household <id>" or "brand <id>"');
  const subject: AccountSubject = kind === 'household' ? { kind, householdId: id } : { kind, brandId: id };

  return withConfiguredStore('signin', { create: false }, async ({ config, store }) => {
    // An id no store path can hold names no account either: the same answer as an unknown one.
    const account = SAFE_ID.test(id) ? await findAccount(store, subject) : undefined;
    if (!account) {
      process.stderr.write(
        `hearth signin: no ${kind} ${JSON.stringify(id.slice(0, 80))} in the ${store.kind} store\n`,
      );
      return 1;
    }
    const link = await issueSigninLink(store, subject, baseUrlOf(config));
    process.stdout.write(`${link.signInUrl}\n`);
    process.stderr.write(`hearth signin: the link works once, until ${link.expiresAt}\n`);
    return 0;
  });
}
