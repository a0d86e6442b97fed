import process from 'node:process';
import { verifyLedger } from '../consent/ledger-replay.js';
import { paths } from '../household/paths.js';
import { SAFE_ID } from '../ids/safe-id.js';
import { commandArgs, usageError, withConfiguredStore } from './operator-command.js';

const USAGE = 'hearth consent verify <household-id>';

/**
 * `hearth consent verify <household>`: reads the household's consent ledger from
 * the configured store and checks it (`verifyLedger`: every entry's hash, the
 * chain, no gap, the head, and the state on the household document against the
 * replay). Intact: one line on stdout, exit code 0. Otherwise each problem on
 * its own line and exit code 1; an unknown household is one line and exit code 1.
 */
export async function run(args: string[]): Promise<number> {
  const parsed = commandArgs('consent', USAGE, args, {});
  if (typeof parsed === 'number') return parsed;
  const [action, id, ...rest] = parsed.positionals;
  if (action !== 'verify' || id === undefined || rest.length > 0)
    return usageError('consent', USAGE, 'expected "verify <household-id>"');

  return withConfiguredStore('consent', { create: false }, async ({ store }) => {
    // An id no store path can hold names no household either: the same answer as an unknown one.
    if (!SAFE_ID.test(id) || !(await store.get(paths.household(id))).exists) {
      process.stderr.write(
        `hearth consent: no household ${JSON.stringify(id.slice(0, 80))} in the ${store.kind} store\n`,
      );
      return 1;
    }
    const check = await verifyLedger(store, id);
    if (check.ok) {
      process.stdout.write(`ok: ${check.entries} entries, chain intact, state = replay\n`);
      return 0;
    }
    for (const problem of check.problems) process.stdout.write(`problem: ${problem}\n`);
    process.stderr.write(
      `hearth consent: the ledger of ${id} has ${check.problems.length} problem(s) in ${check.entries} entries\n`,
    );
    return 1;
  });
}
