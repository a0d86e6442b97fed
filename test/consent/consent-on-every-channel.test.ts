/**
 * Consent through the real app with the service's ledger policy: the demo's
 * seeded grants make turns personal, a voice or screen withdrawal holds from
 * the very next turn, "stop all offers" records the objection, a skill asks
 * for a purpose it needs once per notice version and a "yes" grants it with
 * the prompt as proof, and a device event racing a withdrawal is discarded.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ScreenReply } from '../../src/channels/screen/screen-reply.js';
import { decidingGate, ledgerPolicy } from '../../src/consent/consent-policy.js';
import { NOTICE_VERSIONS } from '../../src/consent/consent-rules.js';
import { readLedgerSnapshots, verifyLedger } from '../../src/consent/ledger-replay.js';
import { consentStateOf, recordChoice } from '../../src/consent/record-choice.js';
import { shippedIngredientLabels } from '../../src/domains/recipes/normalise-ingredient.js';
import { applyDeviceEvents } from '../../src/household/device-events/apply-events.js';
import { householdRecordSchema } from '../../src/household/household-record.js';
import { paths } from '../../src/household/paths.js';
import { PURPOSES } from '../../src/runtime/consent-gate.js';
import { createHarness } from '../support/app-harness.js';
import { coffeeOf, fridgeOf, screenTurn } from '../support/http-expect.js';

const h = await createHarness({ consent: ledgerPolicy });
afterAll(() => h.close());
const [martin, becker, , , , garcia] = h.demo.households as [
  (typeof h.demo.households)[number],
  (typeof h.demo.households)[number],
  unknown,
  unknown,
  unknown,
  (typeof h.demo.households)[number],
];

/** "What's in my fridge" lists the fridge on a card only when inventory is read. */
const listsTheFridge = (answer: ScreenReply) => (answer.card?.items.length ?? 0) > 0;

async function household(hid: string) {
  return householdRecordSchema.parse((await h.store.get(paths.household(hid))).data);
}

describe('the demo seeds real consents through the ledger', () => {
  it('shows them in demo.json as DESIGN.md does, and every seeded ledger verifies', async () => {
    expect(martin.consents).toMatchObject({
      inventory: true,
      consumption: true,
      preferences: true,
      health: false,
      offers: { frostline: true, crema: true },
      measurement: { frostline: true, crema: true },
    });
    expect(garcia.locale).toBe('es-ES');
    expect(
      Object.values(garcia.consents).every((v) => v === false || Object.values(v).every((b) => !b)),
    ).toBe(true);
    expect(becker.consents).toMatchObject({
      inventory: true,
      consumption: true,
      preferences: false,
      health: false,
    });
    for (const hh of h.demo.households) expect((await verifyLedger(h.store, hh.id)).problems).toEqual([]);
  });
});

describe('on a screen', () => {
  it('answers personally while granted, and non-personally from the very next turn after "stop using my fridge data"', async () => {
    const fridge = fridgeOf(becker);
    expect(listsTheFridge(await screenTurn(h.app, fridge, { intent: 'WhatsInMyFridgeIntent' }))).toBe(true);
    const stop = await screenTurn(h.app, fridge, {
      intent: 'StopUsingMyDataIntent',
      slots: { dataKind: 'inventory' },
    });
    expect(stop.text).toMatch(/^Erledigt/);
    expect(listsTheFridge(await screenTurn(h.app, fridge, { intent: 'WhatsInMyFridgeIntent' }))).toBe(false);
    const last = (await readLedgerSnapshots(h.store, becker.id)).at(-1)?.data;
    expect(last).toMatchObject({ purpose: 'inventory', action: 'withdraw', channel: 'screen' });
    expect(last?.actor).toEqual({ kind: 'device', id: fridge.id });
    expect((await verifyLedger(h.store, becker.id)).ok).toBe(true);
  });

  it('asks for a purpose the skill needs once, and a "yes" grants it with the spoken prompt as proof', async () => {
    const fridge = fridgeOf(garcia);
    const first = await screenTurn(h.app, fridge, { intent: 'WhatsInMyFridgeIntent' });
    expect(listsTheFridge(first)).toBe(false);
    const asked = first.session?._consent as { purpose: string; notice: string } | undefined;
    expect(asked?.purpose).toBe('inventory');
    // Asked once per notice version: the next turn does not ask again.
    const again = await screenTurn(h.app, fridge, { intent: 'WhatsInMyFridgeIntent' });
    expect(again.session?._consent).toBeUndefined();
    const yes = await screenTurn(h.app, fridge, { intent: 'AMAZON.YesIntent', session: first.session });
    expect(yes.text.length).toBeGreaterThan(0);
    const entry = (await readLedgerSnapshots(h.store, garcia.id)).at(-1)?.data as {
      proof: { noticeId: string; noticeText: string };
    };
    expect(entry).toMatchObject({ purpose: 'inventory', action: 'grant', channel: 'screen' });
    expect(entry.proof.noticeId).toBe(asked?.notice);
    expect(first.text).toContain(entry.proof.noticeText);
    expect(listsTheFridge(await screenTurn(h.app, fridge, { intent: 'WhatsInMyFridgeIntent' }))).toBe(true);
  });

  it('grants nothing for a consent question forged in the session', async () => {
    const coffee = coffeeOf(garcia);
    const before = (await readLedgerSnapshots(h.store, garcia.id)).length;
    const forged = await screenTurn(h.app, coffee, {
      intent: 'AMAZON.YesIntent',
      session: { _consent: { purpose: 'consumption', notice: 'ntc_forged' } },
    });
    expect(forged.text.length).toBeGreaterThan(0);
    expect((await readLedgerSnapshots(h.store, garcia.id)).length).toBe(before);
    expect(consentStateOf(await household(garcia.id)).consents.consumption).toBeUndefined();
  });

  it('"stop all offers" records the objection to marketing, for every brand', async () => {
    await screenTurn(h.app, coffeeOf(martin), { intent: 'StopAllOffersIntent' });
    const record = await household(martin.id);
    expect(record.marketingObjection).toBeDefined();
    for (const brand of ['frostline', 'crema'])
      expect(ledgerPolicy(record, { brandId: brand, purposes: ['offers'] })).toEqual([]);
    expect(ledgerPolicy(record, { brandId: 'crema', purposes: ['measurement'] })).toEqual(['measurement']);
    expect((await verifyLedger(h.store, martin.id)).ok).toBe(true);
  });
});

describe('device events', () => {
  it('discards an event whose purpose was withdrawn between the gate and the commit', async () => {
    const coffee = coffeeOf(martin);
    const stale = await household(martin.id);
    const gate = decidingGate(ledgerPolicy, stale, 'crema');
    await recordChoice(h.store, martin.id, {
      purpose: 'consumption',
      action: 'withdraw',
      noticeVersion: NOTICE_VERSIONS.consumption,
      channel: 'api',
      actor: { kind: 'household', id: null },
      at: new Date().toISOString(),
      proof: { input: 'test', noticeId: null, noticeText: null, locale: null, skillId: null },
    });
    const results = await applyDeviceEvents({
      store: h.store,
      householdId: martin.id,
      deviceId: coffee.id,
      gate,
      grantedAtCommit: (data) =>
        ledgerPolicy(householdRecordSchema.parse(data), { brandId: 'crema', purposes: PURPOSES }),
      events: [
        {
          eventId: 'race-1',
          type: 'capsule.brewed',
          at: '2026-11-20T08:59:00.000Z',
          variety: 'espresso',
          count: 1,
        },
      ],
      now: new Date('2026-11-20T09:00:00.000Z'),
      ingredientLabels: shippedIngredientLabels(),
    });
    expect(results).toEqual([{ eventId: 'race-1', status: 'discarded' }]);
    const events = await h.store.query({ collection: `households/${martin.id}/events` });
    expect(events.some((e) => e.id.includes('race-1'))).toBe(false);
  });
});
