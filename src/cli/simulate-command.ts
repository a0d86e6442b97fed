/**
 * `hearth simulate <skill> --locale <locale> [--household <id>] [--replay <file>]`:
 * talk to a skill in the terminal like `ask dialog`, or replay a scripted
 * dialog and exit 1 when an expectation is not met. Runs with the consent
 * gate that grants nothing: it names a household, never reads its data.
 */
import process from 'node:process';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { findSkill, SKILLS } from '../../skills/index.js';
import { type ConsentGate, noConsentGate } from '../runtime/consent-gate.js';
import { createConversation } from '../runtime/conversation.js';
import { isLocale, LOCALES, type Locale } from '../runtime/locales.js';
import type { HouseholdLookup } from './simulate/household-lookup.js';
import { renderReply } from './simulate/render-reply.js';
import { readReplayFile } from './simulate/replay-file.js';
import { runReplay } from './simulate/run-replay.js';
import { storeHouseholdLookup } from './simulate/store-household-lookup.js';

/** What the command depends on; the store-backed household lookup plugs in here. */
export type SimulateDeps = {
  lookupHousehold: HouseholdLookup;
  consent: ConsentGate;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  errors: NodeJS.WritableStream;
};

const USAGE = `usage: hearth simulate <skill> --locale <locale> [--household <id>]
       hearth simulate --replay <file.json> [--household <id>]
skills: ${SKILLS.map((s) => s.id).join(', ')}; locales: ${LOCALES.join(', ')}
in a conversation: type what you would say; /launch, /send <Intent> [slot=value ...], /session, /quit\n`;

async function replay(path: string, householdId: string | undefined, deps: SimulateDeps): Promise<number> {
  const file = readReplayFile(path);
  if (!file.ok) {
    deps.errors.write(`hearth simulate: ${file.error}\n`);
    return 2;
  }
  const skill = findSkill(file.replay.skill);
  if (!skill) {
    deps.errors.write(`hearth simulate: ${path}: unknown skill "${file.replay.skill}"\n`);
    return 2;
  }
  const spec = householdId ? { ...file.replay, household: householdId } : file.replay;
  const outcomes = await runReplay(skill, spec, deps);
  let failed = 0;
  for (const o of outcomes) {
    deps.output.write(
      `${o.failures.length ? '✗' : '✓'} > ${o.input}\n${renderReply(o.result, { showIntent: true })}\n`,
    );
    for (const f of o.failures) deps.output.write(`    ✗ ${f}\n`);
    if (o.failures.length) failed++;
  }
  deps.output.write(`\n${path}: ${outcomes.length - failed}/${outcomes.length} turns as expected\n`);
  return failed ? 1 : 0;
}

async function interactive(
  skillId: string,
  locale: Locale,
  householdId: string | undefined,
  deps: SimulateDeps,
): Promise<number> {
  const skill = findSkill(skillId);
  if (!skill) {
    deps.errors.write(`hearth simulate: unknown skill "${skillId}"\n${USAGE}`);
    return 2;
  }
  const household = await deps.lookupHousehold(householdId, locale);
  const chat = createConversation(skill, {
    locale,
    consent: deps.consent,
    ...(household ? { household } : {}),
  });
  deps.output.write(
    `${skill.id} (${locale})${household ? `, household ${household.id}` : ', no household'}; /quit to leave\n`,
  );
  deps.output.write(`${renderReply(await chat.launch(), { showIntent: true })}\n`);
  const lines = createInterface({ input: deps.input, terminal: false });
  deps.output.write('> ');
  for await (const line of lines) {
    const text = line.trim();
    if (text === '/quit' || text === '/exit') break;
    if (text === '/session') deps.output.write(`${JSON.stringify(chat.session)}\n`);
    else if (text === '/launch')
      deps.output.write(`${renderReply(await chat.launch(), { showIntent: true })}\n`);
    else if (text.startsWith('/send ')) {
      const [intent = '', ...pairs] = text.slice(6).trim().split(/\s+/);
      const slots = Object.fromEntries(
        pairs.map((p) => [p.split('=')[0] ?? '', p.split('=').slice(1).join('=')]),
      );
      deps.output.write(`${renderReply(await chat.send(intent, slots), { showIntent: true })}\n`);
    } else if (text) deps.output.write(`${renderReply(await chat.say(text), { showIntent: true })}\n`);
    deps.output.write('> ');
  }
  deps.output.write('\n');
  return 0;
}

/** Run the command. */
export async function run(args: string[], overrides: Partial<SimulateDeps> = {}): Promise<number> {
  const deps: SimulateDeps = {
    lookupHousehold: storeHouseholdLookup,
    consent: noConsentGate,
    input: process.stdin,
    output: process.stdout,
    errors: process.stderr,
    ...overrides,
  };
  let parsed: { values: { locale?: string; household?: string; replay?: string }; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { locale: { type: 'string' }, household: { type: 'string' }, replay: { type: 'string' } },
      strict: true,
    });
  } catch (error) {
    deps.errors.write(`hearth simulate: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.replay) return replay(values.replay, values.household, deps);
  const [skillId] = positionals;
  if (!skillId || !values.locale) {
    deps.errors.write(USAGE);
    return 2;
  }
  if (!isLocale(values.locale)) {
    deps.errors.write(`hearth simulate: unknown locale "${values.locale}" (${LOCALES.join(', ')})\n`);
    return 2;
  }
  return interactive(skillId, values.locale, values.household, deps);
}
