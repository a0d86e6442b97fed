/**
 * The consent API on a real SQLite file seeded with the demo (and its concurrency
 * on both stores): the state and the ledger as the household sees them, grants
 * and withdrawals through the ledger's transaction, every bad input refused with
 * its code and nothing appended, and a withdrawal holding from the very next turn.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerPolicy } from '../../src/consent/consent-policy.js';
import { NOTICE_VERSIONS } from '../../src/consent/consent-rules.js';
import type { ConsentView } from '../../src/consent/consents-view.js';
import { verifyLedger } from '../../src/consent/ledger-replay.js';
import { bearer, createHarness, type Harness } from '../support/app-harness.js';
import { openTestFirestoreStore } from '../support/firestore.js';
import { expectProblem, expectScreenReply, fridgeOf } from '../support/http-expect.js';

type Household = Harness['demo']['households'][number];
type Entry = { id: string; seq: number; purpose: string; action: string; prevHash: string; hash: string };
type Choice = {
  purpose: string;
  brandId?: string;
  granted: boolean;
  changed: boolean;
  entry: string | null;
  state: { purposes: ConsentView[] };
};

const consentsOf = (h: Harness, hh: Pick<Household, 'id' | 'token'>, token = hh.token) =>
  h.app.request(`/v1/households/${hh.id}/consents`, { headers: bearer(token) });
const ledgerOf = (h: Harness, hh: Pick<Household, 'id' | 'token'>, token = hh.token) =>
  h.app.request(`/v1/households/${hh.id}/consents/ledger`, { headers: bearer(token) });
const put = (
  h: Harness,
  hh: Pick<Household, 'id' | 'token'>,
  purpose: string,
  body: unknown,
  token = hh.token,
) =>
  h.app.request(`/v1/households/${hh.id}/consents/${purpose}`, {
    method: 'PUT',
    headers: bearer(token, true),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function ledger(h: Harness, hh: Household): Promise<{ entries: Entry[]; verified: boolean }> {
  const response = await ledgerOf(h, hh);
  expect(response.status).toBe(200);
  return (await response.json()) as { entries: Entry[]; verified: boolean };
}

async function choose(h: Harness, hh: Household, purpose: string, body: object): Promise<Choice> {
  const response = await put(h, hh, purpose, body);
  expect(response.status).toBe(200);
  return (await response.json()) as Choice;
}

const find = (purposes: ConsentView[], purpose: string, brandId?: string) =>
  purposes.find((p) => p.purpose === purpose && p.brandId === brandId)!;

describe('the consent API on SQLite', () => {
  let h: Harness;
  const brands = () => [...new Set(h.demo.skills.map((s) => s.brandId))];
  beforeAll(async () => {
    h = await createHarness({ consent: ledgerPolicy, deviceRateLimit: { burst: 1_000 } });
  });
  afterAll(() => h.close());

  it('shows every purpose, per brand for offers and measurement, as demo.json summarises them', async () => {
    const hh = h.demo.households[0]!;
    const response = await consentsOf(h, hh);
    expect(response.status).toBe(200);
    const { purposes } = (await response.json()) as { purposes: ConsentView[] };
    expect(purposes).toHaveLength(6 + 2 * brands().length);
    for (const view of purposes) {
      const summary = hh.consents[view.purpose];
      const expected = typeof summary === 'object' ? summary[view.brandId!] : summary;
      expect(view.granted, `${view.purpose} ${view.brandId ?? ''}`).toBe(expected);
      expect(view.currentNoticeVersion).toBe(NOTICE_VERSIONS[view.purpose]);
      expect(view.stale).toBe(false);
      expect(view.noticeVersion === null).toBe(view.entry === null);
    }
    expect(find(purposes, 'inventory').granted).toBe(true);
    expect(find(purposes, 'health')).toMatchObject({ granted: false, noticeVersion: null, at: null });
    const none = (await (
      await consentsOf(h, h.demo.households.find((x) => x.locale === 'es-ES')!)
    ).json()) as {
      purposes: ConsentView[];
    };
    expect(none.purposes.every((p) => !p.granted && p.entry === null)).toBe(true);
  });

  it('lists the ledger in order, chained and verified', async () => {
    const hh = h.demo.households[0]!;
    const { entries, verified } = await ledger(h, hh);
    expect(verified).toBe(true);
    // inventory, consumption, preferences, and offers and measurement for every brand.
    expect(entries).toHaveLength(3 + 2 * brands().length);
    entries.forEach((entry, i) => {
      expect(entry.seq).toBe(i + 1);
      expect(entry.id).toBe(`e${String(i + 1).padStart(10, '0')}`);
      expect(entry.prevHash).toBe(i === 0 ? '0'.repeat(64) : entries[i - 1]!.hash);
    });
  });

  it('withdraws, repeats without appending, and grants again; each change one entry', async () => {
    const hh = h.demo.households[1]!;
    const before = (await ledger(h, hh)).entries.length;
    const withdrawn = await choose(h, hh, 'inventory', { granted: false, noticeVersion: 1 });
    expect(withdrawn).toMatchObject({ purpose: 'inventory', granted: false, changed: true });
    expect(find(withdrawn.state.purposes, 'inventory')).toMatchObject({
      granted: false,
      entry: withdrawn.entry,
    });
    const again = await choose(h, hh, 'inventory', { granted: false, noticeVersion: 1 });
    expect(again).toMatchObject({ granted: false, changed: false, entry: null });
    const regranted = await choose(h, hh, 'inventory', { granted: true, noticeVersion: 1 });
    expect(regranted).toMatchObject({ granted: true, changed: true });
    const offers = await choose(h, hh, 'offers', { granted: false, noticeVersion: 1, brandId: brands()[0] });
    expect(offers).toMatchObject({ purpose: 'offers', brandId: brands()[0], granted: false, changed: true });
    const { entries, verified } = await ledger(h, hh);
    expect(verified).toBe(true);
    expect(entries.slice(before).map((e) => [e.purpose, e.action])).toEqual([
      ['inventory', 'withdraw'],
      ['inventory', 'grant'],
      ['offers', 'withdraw'],
    ]);
    const last = (await ledger(h, hh)).entries.at(-1) as Entry & {
      channel: string;
      proof: { input: string };
    };
    expect(last).toMatchObject({
      channel: 'api',
      proof: { input: expect.stringContaining('PUT consents/offers') },
    });
  });

  it('refuses bad choices with their code, and appends nothing', async () => {
    const hh = h.demo.households[2]!;
    const other = h.demo.households[3]!;
    const before = await ledger(h, hh);
    const cases: [Response, number, string][] = [
      [await put(h, hh, 'gossip', { granted: true, noticeVersion: 1 }), 404, 'unknown_purpose'],
      [await put(h, hh, 'constructor', { granted: false, noticeVersion: 1 }), 404, 'unknown_purpose'],
      [
        await put(h, hh, 'offers', { granted: true, noticeVersion: 1, brandId: 'nobody' }),
        404,
        'unknown_brand',
      ],
      [await put(h, hh, 'offers', { granted: true, noticeVersion: 1 }), 400, 'brand_required'],
      [await put(h, hh, 'measurement', { granted: false, noticeVersion: 1 }), 400, 'brand_required'],
      [
        await put(h, hh, 'inventory', { granted: true, noticeVersion: 1, brandId: brands()[0] }),
        400,
        'brand_not_applicable',
      ],
      [await put(h, hh, 'inventory', { granted: true, noticeVersion: 0 }), 400, 'validation_failed'],
      [await put(h, hh, 'inventory', { granted: true, noticeVersion: 2 }), 400, 'unknown_notice_version'],
      [await put(h, hh, 'inventory', { granted: false, noticeVersion: 2 }), 400, 'unknown_notice_version'],
      [await put(h, hh, 'inventory', { granted: 'yes', noticeVersion: 1 }), 400, 'validation_failed'],
      [await put(h, hh, 'inventory', { granted: true, noticeVersion: 1.5 }), 400, 'validation_failed'],
      [await put(h, hh, 'inventory', { noticeVersion: 1 }), 400, 'validation_failed'],
      [await put(h, hh, 'inventory', '{"granted": true,'), 400, 'invalid_json'],
      [
        await put(h, hh, 'offers', { granted: true, noticeVersion: 1, brandId: '../x' }),
        400,
        'validation_failed',
      ],
      // Another household's id with this token: existence is not revealed.
      [await put(h, other, 'inventory', { granted: false, noticeVersion: 1 }, hh.token), 404, 'not_found'],
      [await consentsOf(h, other, hh.token), 404, 'not_found'],
      [await ledgerOf(h, other, hh.token), 404, 'not_found'],
      // A device's token is not the household's.
      [
        await put(h, hh, 'inventory', { granted: false, noticeVersion: 1 }, hh.devices[0]!.token),
        401,
        'unauthorized',
      ],
      [await consentsOf(h, hh, hh.devices[0]!.token), 401, 'unauthorized'],
    ];
    for (const [response, status, code] of cases) await expectProblem(response, status, code);
    const sent = await h.app.request(`/v1/households/${hh.id}/consents/inventory`, {
      method: 'PUT',
      headers: { ...bearer(hh.token), 'content-type': 'text/plain' },
      body: 'granted=false',
    });
    await expectProblem(sent, 415, 'unsupported_media_type');
    expect(await ledger(h, hh)).toEqual(before);
    expect(await ledger(h, other)).toMatchObject({ verified: true });
  });

  it('makes the very next screen turn non-personal after a withdrawal', async () => {
    const hh = h.demo.households[0]!;
    const fridge = fridgeOf(hh);
    const turn = () =>
      h.app.request(`/v1/screens/${fridge.id}/turns`, {
        method: 'POST',
        headers: bearer(fridge.token, true),
        body: JSON.stringify({ intent: 'WhatsInMyFridgeIntent' }),
      });
    const personal = await expectScreenReply(await turn());
    expect(personal.card?.items.map((i) => i.id)).toContain('zucchini');
    await choose(h, hh, 'inventory', { granted: false, noticeVersion: 1 });
    const after = await expectScreenReply(await turn());
    expect(after.card?.items ?? []).toEqual([]);
    expect(after.text).not.toBe(personal.text);
    await choose(h, hh, 'inventory', { granted: true, noticeVersion: 1 });
    expect((await expectScreenReply(await turn())).card?.items.map((i) => i.id)).toContain('zucchini');
  });

  it('documents the routes and their problem codes in /openapi.json', async () => {
    const doc = (await (await h.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      info: { description: string };
    };
    expect(Object.keys(doc.paths['/v1/households/{hid}/consents']!)).toEqual(['get']);
    expect(Object.keys(doc.paths['/v1/households/{hid}/consents/ledger']!)).toEqual(['get']);
    expect(Object.keys(doc.paths['/v1/households/{hid}/consents/{purpose}']!.put!.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '404', '409', '503']),
    );
    for (const code of ['unknown_purpose', 'unknown_brand', 'stale_notice', 'brand_required'])
      expect(doc.info.description).toContain(`\`${code}\``);
  });
});

/**
 * Twenty grants and withdrawals of one purpose at once: each answers 200 (or 503
 * when contention outlasts the store's retries, never 500), the chain never forks,
 * and the state is the last entry's.
 */
describe.each([
  ['SQLite', () => createHarness({ consent: ledgerPolicy })],
  [
    'Firestore',
    async () => createHarness({ consent: ledgerPolicy, store: (await openTestFirestoreStore()).store }),
  ],
])('concurrent choices on %s', (_name, open) => {
  let h: Harness;
  beforeAll(async () => {
    h = await open();
  });
  afterAll(() => h.close());

  it('serialise into one verified chain whose last entry is the state', async () => {
    const hh = h.demo.households[2]!;
    const before = (await ledger(h, hh)).entries.length;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        put(h, hh, 'consumption', { granted: i % 2 === 1, noticeVersion: 1 }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(
      statuses.every((s) => s === 200 || s === 503),
      statuses.join(','),
    ).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    for (const r of responses.filter((x) => x.status === 503))
      await expectProblem(r, 503, 'store_unavailable');
    const check = await verifyLedger(h.store, hh.id);
    expect(check.problems).toEqual([]);
    const { entries, verified } = await ledger(h, hh);
    expect(verified).toBe(true);
    const appended = entries.slice(before);
    expect(appended.length).toBeGreaterThan(0);
    // Choices alternate: no entry repeats the state before it.
    appended.forEach((e, i) => {
      expect(e.purpose).toBe('consumption');
      if (i > 0) expect(e.action).not.toBe(appended[i - 1]!.action);
    });
    const { purposes } = (await (await consentsOf(h, hh)).json()) as { purposes: ConsentView[] };
    expect(find(purposes, 'consumption')).toMatchObject({
      granted: appended.at(-1)!.action === 'grant',
      entry: appended.at(-1)!.id,
    });
  });
});
