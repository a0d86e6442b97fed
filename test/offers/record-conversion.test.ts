import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/household/paths.js';
import { type OfferLogRecord, offerLogRecordSchema } from '../../src/offers/offer-log-record.js';
import { proposalOfferId, recordOrderConversion } from '../../src/offers/record-conversion.js';
import type { DocData } from '../../src/store/document-store.js';
import { openStore } from '../../src/store/open-store.js';
import { offerLogRecord } from '../support/offer-log-fixture.js';

const dir = mkdtempSync(path.join(tmpdir(), 'hearth-conversion-'));
const store = await openStore({ kind: 'sqlite', file: path.join(dir, 'hearth.db') });
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const HID = 'hh_conversion';
const ORDER_AT = new Date('2026-11-20T10:00:00.000Z');
const hoursBefore = (h: number) => new Date(ORDER_AT.getTime() - h * 3600_000).toISOString();

async function put(record: OfferLogRecord) {
  await store.set(paths.record(HID, 'offerLog', record.offerId), record as unknown as DocData);
}
async function get(offerId: string) {
  return offerLogRecordSchema.parse((await store.get(paths.record(HID, 'offerLog', offerId))).data);
}

describe('an order converts the offers of its variety within the attribution window', () => {
  it('converts shown and control-group offers of the variety, accepts the proposal it confirms, and nothing else', async () => {
    const decaf = {
      product: { variety: 'decaf' },
      brandId: 'crema',
      campaignId: 'decaf-evening',
      week: '2026-W47',
    };
    await put(offerLogRecord({ ...decaf, offerId: 'shown', at: hoursBefore(20) }));
    await put(
      offerLogRecord({
        ...decaf,
        offerId: 'control',
        at: hoursBefore(30),
        decision: 'suppressed',
        reason: 'controlGroup',
        control: true,
      }),
    );
    await put(
      offerLogRecord({
        ...decaf,
        offerId: 'capped',
        at: hoursBefore(2),
        decision: 'suppressed',
        reason: 'frequencyCap',
      }),
    );
    await put(offerLogRecord({ ...decaf, offerId: 'too-old', at: hoursBefore(73) }));
    await put(
      offerLogRecord({
        ...decaf,
        offerId: 'other-variety',
        at: hoursBefore(1),
        product: { variety: 'ristretto' },
      }),
    );
    await put(
      offerLogRecord({
        ...decaf,
        offerId: proposalOfferId('prp_1'),
        kind: 'reorder',
        campaignId: 'reorder',
        at: hoursBefore(0.1),
        product: { variety: 'ristretto' },
      }),
    );
    const changed = await recordOrderConversion(store, HID, {
      variety: 'decaf',
      proposalId: 'prp_1',
      at: ORDER_AT,
    });
    expect(changed).toBe(3);
    expect((await get('shown')).convertedAt).toBe(ORDER_AT.toISOString());
    expect((await get('control')).convertedAt).toBe(ORDER_AT.toISOString());
    const accepted = await get(proposalOfferId('prp_1'));
    expect([accepted.acceptedAt, accepted.convertedAt]).toEqual([
      ORDER_AT.toISOString(),
      ORDER_AT.toISOString(),
    ]);
    for (const id of ['capped', 'too-old', 'other-variety'])
      expect((await get(id)).convertedAt).toBeUndefined();
    // A second order converts nothing again.
    expect(await recordOrderConversion(store, HID, { variety: 'decaf', at: ORDER_AT })).toBe(0);
  });
});
