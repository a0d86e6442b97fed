import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultLanguage } from '../../src/runtime/default-language.js';
import { renderSsml } from '../../src/runtime/ssml.js';
import { TURN_DEADLINE_MS } from '../../src/runtime/turn-budget.js';
import { openFirestoreStore } from '../../src/store/firestore/firestore-store.js';
import { alexaEnvelope, intentRequest } from '../support/alexa-requests.js';
import { getAlexaTestCa } from '../support/alexa-test-ca.js';
import { createHarness, type Harness } from '../support/app-harness.js';
import { clearFirestore, firestoreEmulator } from '../support/firestore.js';
import { grantingPolicy } from '../support/granting-gate.js';
import {
  countingPending,
  type FreezableProxy,
  type HeldSqliteLock,
  holdSqliteWriteLock,
  startFreezableProxy,
} from '../support/store-faults.js';

/**
 * Store outages mid-run: a Firestore backend that stops answering (a proxy of this test's
 * own in front of the shared emulator, frozen: connections taken, nothing answered), and a
 * SQLite file whose write lock another process holds. Every Alexa turn still gets a valid
 * Alexa reply within the turn's 2 s (non-personal, or the apology); once the store is back,
 * turns are personal again without a restart. The turns are personal because the consent
 * policy grants everything here (production grants nothing yet).
 *
 * The deadline itself is hearth's timers; the bound below allows for timer lag on a shared
 * 2-core machine. The worst latency measured is printed for the note.
 */
const REPLY_BOUND_MS = TURN_DEADLINE_MS + 500;
const OUTAGE_TURNS = 8;
const RECOVERY_BOUND_MS = 20_000;
/** A fridge-chef response as Alexa gets it (SSML). */
const ssml = (key: string, values?: Record<string, string | number>) =>
  renderSsml(loadDefaultLanguage().translator('fridge-chef', 'fr-FR')(key, values));

type AlexaBody = {
  version: string;
  response: { outputSpeech?: { ssml: string }; card?: { type: string } };
};

interface TurnResult {
  ms: number;
  status: number;
  body: AlexaBody;
  speech: string;
}

function turnSender(h: Harness) {
  const household = h.demo.households.find((x) => x.locale === 'fr-FR')!;
  const applicationId = h.demo.skills.find((s) => s.id === 'fridge-chef')!.alexaApplicationId!;
  return async (request: Record<string, unknown>, linked = true): Promise<TurnResult> => {
    const ca = await getAlexaTestCa();
    const body = JSON.stringify(
      alexaEnvelope({
        applicationId,
        locale: 'fr-FR',
        request,
        ...(linked ? { accessToken: household.alexaAccessToken } : {}),
      }),
    );
    const started = performance.now();
    const response = await h.app.request('/alexa/fridge-chef', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...ca.signAlexaRequest(body) },
      body,
    });
    const parsed = (await response.json()) as AlexaBody;
    return {
      ms: performance.now() - started,
      status: response.status,
      body: parsed,
      speech: parsed.response.outputSpeech?.ssml ?? '',
    };
  };
}

/** A valid Alexa reply for a linked household: 200, speech in SSML, no invitation to link. */
function expectValidLinkedReply(result: TurnResult): void {
  expect(result.status).toBe(200);
  expect(result.body.version).toBe('1.0');
  expect(result.speech).toMatch(/^<speak>[\s\S]+<\/speak>$/);
  expect(result.body.response.card?.type).not.toBe('LinkAccount');
}

function report(name: string, results: readonly TurnResult[], extra: Record<string, unknown> = {}): void {
  const worst = Math.max(...results.map((r) => r.ms));
  process.stderr.write(
    `[store-outage] ${name}: ${results.length} outage turns, worst latency ${Math.round(worst)} ms ${JSON.stringify(extra)}\n`,
  );
}

async function poll<T>(attempt: () => Promise<T>, done: (value: T) => boolean, ms: number): Promise<T> {
  const deadline = performance.now() + ms;
  for (;;) {
    const value = await attempt();
    if (done(value) || performance.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('Firestore that stops answering mid-run (a frozen proxy of this test)', () => {
  let proxy: FreezableProxy;
  let h: Harness;
  let pending: () => number;

  beforeAll(async () => {
    const emulator = firestoreEmulator();
    await clearFirestore(emulator);
    proxy = await startFreezableProxy(emulator.host);
    // The client lets FIRESTORE_EMULATOR_HOST win over its settings: point it at the proxy
    // while this store is made, and back for everything else in this worker.
    const shared = process.env.FIRESTORE_EMULATOR_HOST;
    process.env.FIRESTORE_EMULATOR_HOST = proxy.host;
    const store = openFirestoreStore({
      projectId: emulator.projectId,
      emulatorHost: proxy.host,
      // Short call deadlines, so that the test sees hung calls end while still frozen.
      callTimeoutMs: 1000,
    });
    process.env.FIRESTORE_EMULATOR_HOST = shared;
    h = await createHarness({
      store,
      consent: grantingPolicy(),
      wrapStore: (s) => {
        const counted = countingPending(s);
        pending = counted.pending;
        return counted.store;
      },
    });
  }, 60_000);
  afterAll(async () => {
    proxy?.resume();
    await h?.close();
    await proxy?.close();
  });

  it('answers every turn within 2 s while frozen, turns are personal again after, and no call is left pending', async () => {
    const send = turnSender(h);
    const cook = intentRequest('WhatCanICookIntent');
    const personal = await send(cook);
    expectValidLinkedReply(personal);
    const anonymous = await send(cook, false);
    expect(personal.speech).not.toBe(anonymous.speech);

    proxy.freeze();
    const outage: TurnResult[] = [];
    // In pairs, as a skill's traffic would come: both kinds of turn, reads and a list addition.
    for (let i = 0; i < OUTAGE_TURNS / 2; i++) {
      outage.push(
        ...(await Promise.all([
          send(cook),
          send(intentRequest('AddToShoppingListIntent', { ingredient: `outage-${i}` })),
        ])),
      );
    }
    for (const result of outage) {
      expectValidLinkedReply(result);
      expect(result.ms).toBeLessThan(REPLY_BOUND_MS);
    }
    expect(outage.filter((_, i) => i % 2 === 0).every((r) => r.speech !== personal.speech)).toBe(true);
    expect((await h.app.request('/healthz')).status).toBe(200);

    // The turns answered; the calls they made are still waiting on the frozen backend.
    const pendingAtResume = pending();
    expect(pendingAtResume).toBeGreaterThan(0);

    proxy.resume();
    const resumedAt = performance.now();
    const back = await poll(
      () => send(cook),
      (r) => r.speech === personal.speech,
      RECOVERY_BOUND_MS,
    );
    expectValidLinkedReply(back);
    expect(back.speech).toBe(personal.speech);
    const recoveredMs = performance.now() - resumedAt;
    // Nothing is left pending once the backend answers again: no leaked call.
    const left = await poll(
      async () => pending(),
      (n) => n === 0,
      RECOVERY_BOUND_MS,
    );
    expect(left).toBe(0);
    const settledMs = performance.now() - resumedAt;
    report('firestore frozen', outage, {
      pendingAtResume,
      allSettledAfterResumeMs: Math.round(settledMs),
      personalAgainAfterResumeMs: Math.round(recoveredMs),
    });
  }, 120_000);
});

describe('SQLite with the write lock held by another process', () => {
  let h: Harness;
  let lock: HeldSqliteLock | undefined;

  beforeAll(async () => {
    h = await createHarness({ consent: grantingPolicy() });
  });
  afterAll(async () => {
    await lock?.release();
    await h?.close();
  });

  it('keeps /healthz quick and every turn answered within 2 s while locked; writes go through once released', async () => {
    const send = turnSender(h);
    const cook = intentRequest('WhatCanICookIntent');
    const personal = await send(cook);
    expectValidLinkedReply(personal);

    lock = await holdSqliteWriteLock(path.join(h.dir, 'hearth.db'));
    const outage: TurnResult[] = [];
    const health: number[] = [];
    for (let i = 0; i < OUTAGE_TURNS / 2; i++) {
      const add = send(intentRequest('AddToShoppingListIntent', { ingredient: `locked-${i}` }));
      const read = send(cook);
      // While a write waits for the lock, the process still answers at once.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = performance.now();
      expect((await h.app.request('/healthz')).status).toBe(200);
      health.push(performance.now() - started);
      outage.push(...(await Promise.all([read, add])));
    }
    for (const [i, result] of outage.entries()) {
      expectValidLinkedReply(result);
      expect(result.ms).toBeLessThan(REPLY_BOUND_MS);
      // Reads are not blocked by the writer (WAL): the cooking turns stay personal; the
      // additions cannot be written and get the apology, never a false "added".
      if (i % 2 === 0) expect(result.speech).toBe(personal.speech);
      else expect(result.speech).toBe(ssml('errors.apology'));
    }
    for (const ms of health) expect(ms).toBeLessThan(200);

    await lock.release();
    lock = undefined;
    const added = await send(intentRequest('AddToShoppingListIntent', { ingredient: 'after-lock' }));
    expectValidLinkedReply(added);
    expect(added.speech).toBe(ssml('shopping.added', { ingredient: 'after-lock' }));
    const household = h.demo.households.find((x) => x.locale === 'fr-FR')!;
    const preferences = await h.store.get(`households/${household.id}/context/preferences`);
    expect(preferences.data?.shoppingList).toContain('after-lock');
    report('sqlite locked', outage, { worstHealthzMs: Math.round(Math.max(...health)) });
  }, 60_000);
});
