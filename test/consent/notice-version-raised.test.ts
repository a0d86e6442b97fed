/**
 * What raising a notice version does, through the API: every notice is at
 * version 1 today, so this file raises inventory's to 2 the way a release would
 * (NOTICE_VERSIONS is the one place versions live; this test file runs in a
 * process of its own, so no other file sees the change). Grants made on version 1
 * become stale and read as not granted; a grant on 1 is refused as stale (409);
 * a withdrawal on 1 still succeeds; a grant on 2 confirms again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerPolicy } from '../../src/consent/consent-policy.js';
import { NOTICE_VERSIONS } from '../../src/consent/consent-rules.js';
import type { ConsentView } from '../../src/consent/consents-view.js';
import { verifyLedger } from '../../src/consent/ledger-replay.js';
import type { Purpose } from '../../src/runtime/consent-gate.js';
import { bearer, createHarness, type Harness } from '../support/app-harness.js';
import { expectProblem } from '../support/http-expect.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ consent: ledgerPolicy });
  // The demo was seeded on version 1; from now on the inventory notice is at version 2.
  (NOTICE_VERSIONS as Record<Purpose, number>).inventory = 2;
});
afterAll(async () => {
  (NOTICE_VERSIONS as Record<Purpose, number>).inventory = 1;
  await h.close();
});

const inventoryOf = async (hh: { id: string; token: string }) => {
  const response = await h.app.request(`/v1/households/${hh.id}/consents`, { headers: bearer(hh.token) });
  const { purposes } = (await response.json()) as { purposes: ConsentView[] };
  return purposes.find((p) => p.purpose === 'inventory')!;
};
const put = (hh: { id: string; token: string }, body: object) =>
  h.app.request(`/v1/households/${hh.id}/consents/inventory`, {
    method: 'PUT',
    headers: bearer(hh.token, true),
    body: JSON.stringify(body),
  });

describe('a raised notice version', () => {
  it('makes older grants stale and not granted, refuses grants on the old version, and takes them on the new', async () => {
    const hh = h.demo.households[0]!;
    expect(await inventoryOf(hh)).toMatchObject({
      granted: false,
      stale: true,
      noticeVersion: 1,
      currentNoticeVersion: 2,
    });
    await expectProblem(await put(hh, { granted: true, noticeVersion: 1 }), 409, 'stale_notice');
    await expectProblem(await put(hh, { granted: true, noticeVersion: 3 }), 400, 'unknown_notice_version');
    const confirmed = await put(hh, { granted: true, noticeVersion: 2 });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ granted: true, changed: true });
    expect(await inventoryOf(hh)).toMatchObject({ granted: true, stale: false, noticeVersion: 2 });
    expect((await verifyLedger(h.store, hh.id)).ok).toBe(true);
  });

  it('takes a withdrawal on the old version, as easily as the grant was given', async () => {
    const hh = h.demo.households[1]!;
    expect(await inventoryOf(hh)).toMatchObject({ granted: false, stale: true });
    const withdrawn = await put(hh, { granted: false, noticeVersion: 1 });
    expect(withdrawn.status).toBe(200);
    expect(await withdrawn.json()).toMatchObject({ granted: false, changed: true });
    expect(await inventoryOf(hh)).toMatchObject({ granted: false, stale: false, noticeVersion: 1 });
    expect((await verifyLedger(h.store, hh.id)).ok).toBe(true);
  });
});
