/**
 * The consent properties on the Firestore emulator, fewer runs (each costs
 * round trips to the emulator): choices made all at once (Firestore retries
 * the transactions that lose) never fork the ledger, the state is its replay
 * and the policy the model's; and turns through the HTTP app carry only
 * granted data of their own household. See consent-properties.test.ts.
 */
import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  gateCase,
  ledgerCase,
  type PropertyBench,
  propertyBench,
  runGateCase,
  runLedgerCase,
} from '../support/consent-runs.js';
import { openTestFirestoreStore } from '../support/firestore.js';

const LEDGER_RUNS = 300;
const GATE_RUNS = 50;

let bench: PropertyBench;
beforeAll(async () => {
  const { store } = await openTestFirestoreStore();
  bench = await propertyBench({ store });
});
afterAll(() => bench.h.close());

describe('the consent ledger and gate on Firestore', () => {
  test.prop(
    [
      ledgerCase(
        fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
      ),
    ],
    {
      numRuns: LEDGER_RUNS,
    },
  )(
    `${LEDGER_RUNS} runs, mostly concurrent choices: the ledger verifies, the state is its replay, the policy grants the model's purposes`,
    (c) => runLedgerCase(bench, c),
    600_000,
  );

  test.prop([gateCase], { numRuns: GATE_RUNS })(
    `${GATE_RUNS} runs: replies, cards, sessions and logs carry only granted data of their own household; used is granted`,
    (c) => runGateCase(bench, c),
    600_000,
  );
});
