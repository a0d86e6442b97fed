/**
 * The consent gate's properties on SQLite (fast-check; a failure prints its
 * seed). The ledger: random households and random sequences of grants,
 * withdrawals, objections and bad choices, one after the other or all at once,
 * always give the state the rules give, a ledger that verifies, a
 * household state equal to its replay, and a policy that grants exactly that.
 * The gate: after such a sequence, a random turn of either skill through the
 * real HTTP app (screens, and Alexa for the demo's households) and through the
 * pipeline in process carries no data of a purpose not granted, nothing of
 * another household, no household data in any log line, and `used` only
 * granted purposes. The household data are markers (test/support/consent-markers.ts).
 */
import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { isPerBrand, NOTICE_VERSIONS } from '../../src/consent/consent-rules.js';
import { PURPOSES } from '../../src/runtime/consent-gate.js';
import { createBareHousehold } from '../support/consent-households.js';
import { type ChoiceStep, ConsentModel, checkLedger, recordStep } from '../support/consent-model.js';
import {
  gateCase,
  ledgerCase,
  type PropertyBench,
  propertyBench,
  runExportCase,
  runGateCase,
  runLedgerCase,
} from '../support/consent-runs.js';

const LEDGER_RUNS = 10_000;
const GATE_RUNS = 5000;
const EXPORT_RUNS = 1000;

/** One bench per describe: the ledger runs leave thousands of households and long ledgers behind them. */
function benchPerDescribe(): { readonly bench: PropertyBench } {
  const holder = {} as { bench: PropertyBench };
  beforeAll(async () => {
    holder.bench = await propertyBench();
  });
  afterAll(() => holder.bench.h.close());
  return holder;
}

describe('the consent ledger on SQLite', () => {
  const on = benchPerDescribe();
  test.prop([ledgerCase(fc.boolean())], { numRuns: LEDGER_RUNS })(
    `${LEDGER_RUNS} runs: every choice does what the rules say, the ledger verifies, the state is its replay, the policy grants the model's purposes`,
    (c) => runLedgerCase(on.bench, c),
    600_000,
  );

  test.prop(
    [
      fc.constantFrom(...PURPOSES),
      fc.oneof(fc.integer({ min: -3, max: 0 }), fc.double({ min: 0.01, max: 0.99, noNaN: true })),
    ],
    { numRuns: 200 },
  )(
    '200 runs: a withdrawal on a notice version that never existed (0, negative, fractional) leaves a ledger that verifies',
    async (purpose, noticeVersion) => {
      const { store } = on.bench.h;
      const hid = await createBareHousehold(store, 'fr-FR', new Date());
      const model = await ConsentModel.read(store, hid);
      const step: ChoiceStep = {
        purpose,
        ...(isPerBrand(purpose) ? { brandId: 'frostline' } : {}),
        action: 'grant',
        noticeVersion: NOTICE_VERSIONS[purpose],
        channel: 'api',
        forgedNotice: false,
      };
      expect(await recordStep(store, hid, step)).toEqual({ changed: true });
      await checkLedger(store, hid, model);
      // Refused as no such version, or recorded as a withdrawal the ledger reads back: never an entry it cannot.
      const outcome = await recordStep(store, hid, { ...step, action: 'withdraw', noticeVersion });
      expect([{ error: 'unknown_notice_version' }, { changed: true }]).toContainEqual(outcome);
      await checkLedger(store, hid, model);
    },
  );
});

describe('the consent gate on SQLite, through the HTTP app', () => {
  const on = benchPerDescribe();
  test.prop([gateCase], { numRuns: GATE_RUNS })(
    `${GATE_RUNS} runs: replies, cards, sessions and logs carry only granted data of their own household; used is granted`,
    (c) => runGateCase(on.bench, c),
    600_000,
  );
});

describe('exports on SQLite', () => {
  const on = benchPerDescribe();
  test.prop([gateCase], { numRuns: EXPORT_RUNS })(
    `${EXPORT_RUNS} runs: a household's export carries nothing of another household, its ledger verifies, no log line carries household data`,
    (c) => runExportCase(on.bench, c),
    600_000,
  );
});
