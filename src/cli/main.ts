#!/usr/bin/env node
/**
 * `hearth` CLI entry: dispatches to one module per command. Each command module
 * exports `run(args: string[]): Promise<number>` (the exit code) and prints its
 * own errors as one clear line each, never a stack trace.
 */
import process from 'node:process';

type Command = { summary: string; load: () => Promise<{ run: (args: string[]) => Promise<number> }> };

const commands: Record<string, Command> = {
  validate: {
    summary: 'check skills and locales, report every problem',
    load: () => import('./validate-command.js'),
  },
  build: {
    summary: 'write interaction models (--check: fail when stale)',
    load: () => import('./build-command.js'),
  },
  simulate: {
    summary: 'talk to a skill in the terminal or replay a dialog',
    load: () => import('./simulate-command.js'),
  },
  seed: {
    summary: 'seed the demo data (--reset starts over; --cohort N adds synthetic households)',
    load: () => import('./seed-command.js'),
  },
  'oauth-client': {
    summary: 'a new account-linking client: its secret once, its HEARTH_OAUTH_CLIENTS entry',
    load: () => import('./oauth-client-command.js'),
  },
  household: {
    summary: 'create a household (prints its id and a sign-in link)',
    load: () => import('./household-command.js'),
  },
  brand: {
    summary: "create a brand for a skill (prints the brand's token once)",
    load: () => import('./brand-command.js'),
  },
  consent: {
    summary: "verify a household's consent ledger (hash chain, state = replay)",
    load: () => import('./consent-command.js'),
  },
  signin: {
    summary: 'print a one-time sign-in link of a household or a brand',
    load: () => import('./signin-command.js'),
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return `usage: hearth <command> [options]\n\n${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  // `hearth constructor` is an unknown command, not Object.prototype.constructor.
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`hearth: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const module = await command.load();
  return module.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`hearth: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
