/**
 * The export (GDPR art. 15 and 20) of a demo household on a real SQLite file:
 * everything held about it (ledger, receipts in the Kantara shape, context,
 * devices, links, events), nothing of another household, and no credential.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerPolicy } from '../../src/consent/consent-policy.js';
import { paths } from '../../src/household/paths.js';
import { CONSENT_RECEIPT_VERSION, consentReceiptSchema } from '../../src/privacy/consent-receipt.js';
import type { HouseholdExport } from '../../src/privacy/household-export.js';
import { bearer, createHarness, type Harness } from '../support/app-harness.js';
import { expectProblem } from '../support/http-expect.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ consent: ledgerPolicy });
});
afterAll(() => h.close());

const exportOf = (hid: string, token: string) =>
  h.app.request(`/v1/households/${hid}/export`, { headers: bearer(token) });

/** Every credential demo.json hands out: tokens, secrets, credentials, sign-in links. */
function credentials(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return /token|secret|credential|signinurl/i.test(key) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => credentials(v, key));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) =>
      credentials(v, /token|secret|credential|signinurl/i.test(k) ? k : key || ''),
    );
  return [];
}

async function exported(hh: { id: string; token: string }): Promise<{ body: HouseholdExport; text: string }> {
  const response = await exportOf(hh.id, hh.token);
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const text = await response.text();
  return { body: JSON.parse(text) as HouseholdExport, text };
}

describe('GET /v1/households/:hid/export', () => {
  it("holds the first demo household's ledger, receipts, context, devices and links", async () => {
    const hh = h.demo.households[0]!;
    // A link used on its platform carries the path of the hash of the platform's user id: never exported.
    const [link] = await h.store.query({ collection: paths.links(hh.id) });
    await h.store.merge(link!.path, { platformUser: 'oauth/pu_secrethashofplatformuser' });
    const { body, text } = await exported(hh);

    expect(body.schema).toBe('hearth.household-export/1');
    expect(body.household).toMatchObject({
      id: hh.id,
      name: hh.name,
      locale: 'fr-FR',
      timeZone: hh.timeZone,
    });
    expect(body.ledgerVerified).toBe(true);
    expect(body.ledger.length).toBeGreaterThan(0);
    expect(body.ledger.map((e) => e.seq)).toEqual(body.ledger.map((_, i) => i + 1));
    expect(body.consents.find((c) => c.purpose === 'inventory' && !c.brandId)?.granted).toBe(true);

    expect(body.consentReceipts).toHaveLength(body.ledger.length);
    body.consentReceipts.forEach(({ entry, receipt }, i) => {
      const parsed = consentReceiptSchema.parse(receipt);
      expect(entry).toBe(body.ledger[i]!.id);
      expect(parsed).toMatchObject({
        version: CONSENT_RECEIPT_VERSION,
        jurisdiction: 'FR',
        consentReceiptID: body.ledger[i]!.hash,
        piiPrincipalId: hh.id,
        consentTimestamp: Math.floor(Date.parse(body.ledger[i]!.at) / 1000),
        policyUrl: 'http://localhost/privacy',
      });
      expect(parsed.services[0]!.purposes[0]!.consentType).toBe('EXPLICIT');
    });
    const offers = body.consentReceipts.find(
      (r) => body.ledger.find((e) => e.id === r.entry)?.purpose === 'offers',
    );
    expect(offers!.receipt.services[0]!.purposes[0]!.purpose).toMatch(/^Personalized offers from [A-Z]/);
    expect(body.noticesServed.length).toBe(body.ledger.length);

    expect(body.context.inventory).toMatchObject({
      items: expect.arrayContaining([expect.objectContaining({ ingredient: 'zucchini' })]),
    });
    expect(body.context.consumption).toBeDefined();
    expect(body.devices.map((d) => d.id).sort()).toEqual(hh.devices.map((d) => d.id).sort());
    expect(body.links.length).toBeGreaterThan(0);
    expect(body.links.every((l) => l.inForce)).toBe(true);
    for (const key of ['events', 'commands', 'orders', 'proposals', 'offers'] as const)
      expect(Array.isArray(body[key])).toBe(true);

    const secrets = credentials(h.demo);
    // Household, link and device tokens of every household, brand tokens, clients' secrets, makers' credentials.
    expect(secrets.length).toBeGreaterThan(5 * h.demo.households.length);
    for (const secret of secrets) expect(text).not.toContain(secret);
    for (const other of h.demo.households.slice(1)) expect(text).not.toContain(other.id);
    expect(text).not.toContain('pu_secrethashofplatformuser');
    expect(text).not.toMatch(/"(auth|generation|platformUser|secretHash|tokenGeneration)"/);
  });

  it('shows a choice made since as its entry and receipt, and the events a device sent', async () => {
    const hh = h.demo.households[1]!;
    const fridge = hh.devices.find((d) => d.kind === 'fridge')!;
    const withdrawn = await h.app.request(`/v1/households/${hh.id}/consents/consumption`, {
      method: 'PUT',
      headers: bearer(hh.token, true),
      body: JSON.stringify({ granted: false, noticeVersion: 1 }),
    });
    expect(withdrawn.status).toBe(200);
    const sent = await h.app.request(`/v1/devices/${fridge.id}/events`, {
      method: 'POST',
      headers: bearer(fridge.token, true),
      body: JSON.stringify({
        events: [
          {
            eventId: 'export-1',
            type: 'inventory.item_added',
            // The harness's domain clock: events are dated against it.
            at: '2026-11-20T08:59:00.000Z',
            ingredient: 'leek',
            quantity: 2,
            unit: 'piece',
            expiresOn: '2026-11-25',
          },
        ],
      }),
    });
    expect(sent.status, await sent.clone().text()).toBe(202);
    const { body } = await exported(hh);
    const last = body.consentReceipts.at(-1)!;
    expect(last.action).toBe('withdraw');
    expect(last.receipt.collectionMethod).toMatch(/^API/);
    expect(last.receipt.services[0]!.purposes[0]!.termination).toMatch(/^Not given: withdrawn at /);
    expect(body.ledger.at(-1)).toMatchObject({ purpose: 'consumption', action: 'withdraw', channel: 'api' });
    expect(body.events).toEqual(
      expect.arrayContaining([expect.objectContaining({ eventId: 'export-1', deviceId: fridge.id })]),
    );
  });

  it('holds the delivery address the household set, in full, and null once it removed it', async () => {
    const hh = h.demo.households[2]!;
    const { body } = await exported(hh);
    expect(body.deliveryAddress).toMatchObject({
      name: 'Emily Johnson',
      line1: '350 Riverside Drive',
      line2: 'Apt 4B',
      postalCode: '10025',
      city: 'New York',
      country: 'US',
    });
    // Contract data, not a consent purpose: not among the context documents.
    expect(Object.keys(body.context)).not.toContain('deliveryAddress');
    const removed = await h.app.request(`/v1/households/${hh.id}/delivery-address`, {
      method: 'DELETE',
      headers: bearer(hh.token),
    });
    expect(removed.status).toBe(204);
    expect((await exported(hh)).body.deliveryAddress).toBeNull();
  });

  it("answers 404 for another household's id and 401 to a device token", async () => {
    const [mine, theirs] = [h.demo.households[2]!, h.demo.households[3]!];
    await expectProblem(await exportOf(theirs.id, mine.token), 404, 'not_found');
    await expectProblem(await exportOf(mine.id, mine.devices[0]!.token), 401, 'unauthorized');
    await expectProblem(await exportOf(mine.id, 'not-a-token'), 401, 'unauthorized');
  });

  it('is documented in /openapi.json', async () => {
    const doc = (await (await h.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths['/v1/households/{hid}/export']!)).toEqual(['get']);
    expect(doc.components.schemas.HouseholdExport).toBeDefined();
  });
});
