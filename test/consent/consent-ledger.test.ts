/**
 * The consent ledger on both stores: choices append chained entries and change
 * the household's state in the same transaction, repeats append nothing, bad
 * choices are refused with their code and change nothing, concurrent choices
 * never fork the chain, and any tampering with the stored ledger is detected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICE_VERSIONS } from '../../src/consent/consent-rules.js';
import type { ConsentChoiceInput } from '../../src/consent/ledger-append.js';
import { verifyLedger } from '../../src/consent/ledger-replay.js';
import { ConsentChoiceError, consentStateOf, recordChoice } from '../../src/consent/record-choice.js';
import { householdRecordSchema } from '../../src/household/household-record.js';
import { paths } from '../../src/household/paths.js';
import type { DocumentStore } from '../../src/store/document-store.js';
import { STORE_ADAPTERS } from '../support/store-adapters.js';

const choice = (over: Partial<ConsentChoiceInput> = {}): ConsentChoiceInput => ({
  purpose: 'inventory',
  action: 'grant',
  noticeVersion: NOTICE_VERSIONS.inventory,
  channel: 'api',
  actor: { kind: 'household', id: null },
  at: '2026-12-05T10:00:00.000Z',
  proof: { input: 'PUT consents/inventory', noticeId: null, noticeText: null, locale: null, skillId: null },
  ...over,
});

async function seedHousehold(store: DocumentStore, hid: string) {
  await store.set(paths.household(hid), {
    locale: 'fr-FR',
    timeZone: 'Europe/Paris',
    createdAt: '2026-12-01T00:00:00.000Z',
    auth: { household: 1, links: {}, devices: {} },
  });
  await store.set(paths.brand('frostline'), {
    name: 'Frostline',
    skillId: 'fridge-chef',
    tokenGeneration: 1,
  });
}

async function stateOf(store: DocumentStore, hid: string) {
  return consentStateOf(householdRecordSchema.parse((await store.get(paths.household(hid))).data));
}

describe.each(STORE_ADAPTERS)('the consent ledger on %s', (_name, open) => {
  let store: DocumentStore;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, close } = await open());
  });
  afterAll(async () => close());

  it('appends grants and withdrawals, chains them, and keeps the state equal to their replay', async () => {
    await seedHousehold(store, 'h1');
    const granted = await recordChoice(store, 'h1', choice());
    expect(granted.changed).toBe(true);
    expect(granted.entry?.record.seq).toBe(1);
    const again = await recordChoice(store, 'h1', choice());
    expect(again.changed).toBe(false);
    await recordChoice(store, 'h1', choice({ purpose: 'offers', brandId: 'frostline' }));
    await recordChoice(store, 'h1', choice({ action: 'withdraw' }));
    const state = await stateOf(store, 'h1');
    expect(state.consents.inventory?.granted).toBe(false);
    expect(state.consents['offers:frostline']?.granted).toBe(true);
    const check = await verifyLedger(store, 'h1');
    expect(check.problems).toEqual([]);
    expect(check.entries).toBe(3);
  });

  it('refuses bad choices with their code and appends nothing', async () => {
    await seedHousehold(store, 'h2');
    const codes: string[] = [];
    for (const bad of [
      choice({ purpose: 'offers' }),
      choice({ brandId: 'frostline' }),
      choice({ purpose: 'offers', brandId: 'nobody' }),
      choice({ noticeVersion: NOTICE_VERSIONS.inventory + 1 }),
      choice({
        proof: { input: 'yes', noticeId: 'ntc_forged', noticeText: null, locale: null, skillId: null },
      }),
    ]) {
      const error = await recordChoice(store, 'h2', bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConsentChoiceError);
      codes.push((error as ConsentChoiceError).code);
    }
    expect(codes).toEqual([
      'brand_required',
      'brand_not_applicable',
      'unknown_brand',
      'unknown_notice_version',
      'notice_not_served',
    ]);
    expect((await verifyLedger(store, 'h2')).entries).toBe(0);
    const gone = await recordChoice(store, 'nobody-home', choice()).catch((e: unknown) => e);
    expect((gone as ConsentChoiceError).code).toBe('household_gone');
    expect((await store.get(paths.household('nobody-home'))).exists).toBe(false);
  });

  it('serialises concurrent grants and withdrawals into one unbroken chain', async () => {
    await seedHousehold(store, 'h3');
    const choices = Array.from({ length: 12 }, (_, i) =>
      choice({
        purpose: i % 3 === 0 ? 'consumption' : 'inventory',
        action: i % 2 === 0 ? 'grant' : 'withdraw',
      }),
    );
    await Promise.all(choices.map((c) => recordChoice(store, 'h3', c)));
    const check = await verifyLedger(store, 'h3');
    expect(check.problems).toEqual([]);
    expect(check.entries).toBeGreaterThan(0);
  });

  it('detects an edited entry, a deleted one, and a state that is not the replay', async () => {
    await seedHousehold(store, 'h4');
    await recordChoice(store, 'h4', choice());
    await recordChoice(store, 'h4', choice({ purpose: 'consumption' }));
    await recordChoice(store, 'h4', choice({ action: 'withdraw' }));
    expect((await verifyLedger(store, 'h4')).ok).toBe(true);
    const second = paths.consentLedgerEntry('h4', 'e0000000002');
    const original = (await store.get(second)).data!;

    await store.set(second, { ...original, action: 'withdraw' });
    expect((await verifyLedger(store, 'h4')).problems.join('\n')).toMatch(/does not match its hash/);

    await store.delete(second);
    expect((await verifyLedger(store, 'h4')).problems.join('\n')).toMatch(/missing|chain/);

    await store.set(second, original);
    expect((await verifyLedger(store, 'h4')).ok).toBe(true);
    await store.merge(paths.household('h4'), { consents: { inventory: { granted: true } } });
    expect((await verifyLedger(store, 'h4')).problems.join('\n')).toMatch(/not the replay/);
  });
});
