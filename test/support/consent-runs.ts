/**
 * The runs of the consent properties, the same on both stores: the bench they
 * run on (an app with the ledger policy over a pool of households with
 * markers), what a run is made of, and what each run checks.
 */
import { fc } from '@fast-check/vitest';
import type { pino } from 'pino';
import { expect } from 'vitest';
import type { AppDeps } from '../../src/app.js';
import { ledgerPolicy } from '../../src/consent/consent-policy.js';
import { readLedgerSnapshots } from '../../src/consent/ledger-replay.js';
import { UNCONFIGURED_CONTROLLER } from '../../src/privacy/consent-receipt.js';
import { householdExport } from '../../src/privacy/household-export.js';
import { PURPOSES } from '../../src/runtime/consent-gate.js';
import { LOCALES, type Locale } from '../../src/runtime/locales.js';
import { createHarness, type Harness } from './app-harness.js';
import {
  createBareHousehold,
  createPropertyHousehold,
  demoPropertyHouseholds,
  type PropertyHousehold,
} from './consent-households.js';
import { MARKED_PURPOSES, markersIn } from './consent-markers.js';
import {
  type ChoiceStep,
  ConsentModel,
  checkLedger,
  choiceStep,
  choiceStepOf,
  recordAtOnce,
  recordInTurn,
} from './consent-model.js';
import {
  asksConsent,
  expectOnlyGranted,
  expectUsedGranted,
  keptLogger,
  markerShown,
  pipelineTurn,
  sendTurn,
  type TurnCase,
  turnCase,
} from './consent-turns.js';

/** The domain clock of the bench (the demo's expiry dates and the markers' are relative to it). */
const NOW = new Date('2026-11-20T09:00:00Z');

export type PropertyBench = {
  h: Harness;
  /** The demo's households (numbered 0 to 6), then one created per locale. */
  pool: PropertyHousehold[];
  logger: pino.Logger;
  /** Every line the app and the pipeline logged since the run began. */
  lines: string[];
  /** The number the next household created by a run gets. */
  next: number;
};

/** The bench: the demo seeded on `store` (a fresh SQLite file when absent), markers everywhere. */
export async function propertyBench(given: Partial<AppDeps> = {}): Promise<PropertyBench> {
  const { logger, lines } = keptLogger();
  const h = await createHarness({
    consent: ledgerPolicy,
    logger,
    // The rate limits have their own tests: here they would refuse turns by the machine's speed.
    deviceRateLimit: { perSecond: 1_000_000, burst: 1_000_000 },
    ...given,
  });
  const pool = await demoPropertyHouseholds(h, NOW);
  for (const locale of LOCALES)
    pool.push(await createPropertyHousehold(h.store, h.deps.signer, { n: pool.length, locale, now: NOW }));
  return { h, pool, logger, lines, next: 100 };
}

/** A household of the pool (undefined: one created for the run, `locale` its language). */
const householdPick = (freshWeight: number, poolWeight: number) =>
  fc.record({
    pick: fc.oneof(
      { arbitrary: fc.constant<number | undefined>(undefined), weight: freshWeight },
      { arbitrary: fc.nat({ max: 13 }), weight: poolWeight },
    ),
    locale: fc.constantFrom(...LOCALES),
  });

export type LedgerCase = { pick?: number; locale: Locale; steps: ChoiceStep[]; atOnce: boolean };

/**
 * A ledger run: a household (mostly a fresh one, whose ledger stays short;
 * sometimes one of the pool, whose ledger grows run after run) and choices
 * made one after the other or all at once (`atOnce`).
 */
export const ledgerCase = (atOnce: fc.Arbitrary<boolean>): fc.Arbitrary<LedgerCase> =>
  fc
    .record({
      household: householdPick(6, 1),
      steps: fc.array(choiceStep, { minLength: 1, maxLength: 6 }),
      atOnce,
    })
    .map(({ household: { pick, locale }, ...rest }) => ({
      ...(pick === undefined ? {} : { pick }),
      locale,
      ...rest,
    }));

/** Every choice does what the model says, the ledger verifies, the state is its replay, the policy the model's. */
export async function runLedgerCase(bench: PropertyBench, c: LedgerCase): Promise<void> {
  const { store } = bench.h;
  const hid = c.pick === undefined ? await createBareHousehold(store, c.locale, NOW) : bench.pool[c.pick]!.id;
  const model = await ConsentModel.read(store, hid);
  if (c.atOnce) await recordAtOnce(store, hid, model, c.steps);
  else await recordInTurn(store, hid, model, c.steps);
  await checkLedger(store, hid, model);
}

export type GateCase = { pick?: number; locale: Locale; steps: ChoiceStep[]; turn: TurnCase };

/**
 * A gate run: a household (of the pool, or created for the run), choices
 * mostly of purposes whose documents the skills read (so that turns often have
 * something granted), then one turn.
 */
export const gateCase: fc.Arbitrary<GateCase> = fc
  .record({
    household: householdPick(1, 2),
    steps: fc.array(
      choiceStepOf(
        fc.oneof(
          { arbitrary: fc.constantFrom(...MARKED_PURPOSES), weight: 3 },
          { arbitrary: fc.constantFrom(...PURPOSES), weight: 1 },
        ),
      ),
      { maxLength: 6 },
    ),
    turn: turnCase,
  })
  .map(({ household: { pick, locale }, ...rest }) => ({
    ...(pick === undefined ? {} : { pick }),
    locale,
    ...rest,
  }));

/**
 * After the choices, the turn through the pipeline in process (`used` only
 * granted) and through the HTTP app, and the answer to the consent question
 * when the reply asks one: no reply carries data of a purpose not granted or of
 * another household, the data of a granted purpose shows where the skill
 * shows it, no log line carries household data, and the ledger stays sound
 * (turns withdraw, object and grant through it).
 */
/** The run's household (of the pool, or created for it), once the run's choices are recorded. */
async function householdAfterChoices(bench: PropertyBench, c: GateCase) {
  const { h } = bench;
  const hh =
    c.pick === undefined
      ? await createPropertyHousehold(h.store, h.deps.signer, { n: bench.next++, locale: c.locale, now: NOW })
      : bench.pool[c.pick]!;
  const model = await ConsentModel.read(h.store, hh.id);
  await recordInTurn(h.store, hh.id, model, c.steps);
  return { hh, model };
}

export async function runGateCase(bench: PropertyBench, c: GateCase): Promise<void> {
  const { h, lines, logger } = bench;
  const { hh, model } = await householdAfterChoices(bench, c);
  const { turn } = c;
  const brandId = h.deps.skills.find(turn.skillId)!.brandId;
  lines.length = 0;

  const { reply, declared } = await pipelineTurn(h, hh, turn, logger);
  expectUsedGranted(reply.used, declared, model.grantedFor(brandId));
  expectOnlyGranted(JSON.stringify(reply), hh.n, model, brandId, "the pipeline's reply");

  const first = await sendTurn(h, hh, turn);
  expect(first.status, first.text).toBe(200);
  expectOnlyGranted(first.text, hh.n, model, brandId, 'the reply');
  const shown = markerShown(turn, model, hh.n);
  if (shown) expect(first.text.toLowerCase()).toContain(shown);
  if (asksConsent(first.session)) {
    await checkLedger(h.store, hh.id, model);
    const intent = turn.answer === 'yes' ? 'AMAZON.YesIntent' : 'AMAZON.NoIntent';
    const second = await sendTurn(h, hh, { ...turn, intent, slots: {} }, first.session);
    expect(second.status, second.text).toBe(200);
    expectOnlyGranted(second.text, hh.n, model, brandId, "the answer's reply");
  }
  // The access log writes a line per request: the capture works, and no line holds household data.
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.filter((line) => markersIn(line).length > 0)).toEqual([]);
  await checkLedger(h.store, hh.id, model);
}

/**
 * An export run: the same household and choices as a gate run (its turn unused),
 * then the household's export (GDPR art. 15 and 20), which holds everything
 * about the household whatever it granted: its own markers may be there, never
 * another household's, no log line carries any, and the ledger it exports
 * verifies and is the one in the store.
 */
export async function runExportCase(bench: PropertyBench, c: GateCase): Promise<void> {
  const { h, lines } = bench;
  const { hh, model } = await householdAfterChoices(bench, c);
  lines.length = 0;
  const exported = await householdExport(h.store, hh.id, {
    brandIds: ['frostline', 'crema'],
    controller: UNCONFIGURED_CONTROLLER,
    policyUrl: 'http://127.0.0.1/privacy',
    now: NOW,
  });
  expect(exported).toBeDefined();
  const text = JSON.stringify(exported);
  expect(markersIn(text).filter((m) => m.household !== hh.n)).toEqual([]);
  for (const other of bench.pool) if (other.id !== hh.id) expect(text).not.toContain(other.id);
  expect(exported?.ledgerVerified).toBe(true);
  expect(exported?.ledger.length).toBe((await readLedgerSnapshots(h.store, hh.id)).length);
  expect(lines.filter((line) => markersIn(line).length > 0)).toEqual([]);
  await checkLedger(h.store, hh.id, model);
}
