/**
 * `GET`/`PUT`/`DELETE /v1/households/:hid/delivery-address` on the app with the demo seeded
 * (a real SQLite file): the household reads, sets and removes its address; bad input is a
 * 400 problem with a stable code and writes nothing; another household's token, a device
 * token or none are refused as on the neighbouring routes; nothing of it reaches the log.
 */
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { paths } from '../../src/household/paths.js';
import { bearer, createHarness, type Harness } from '../support/app-harness.js';
import { coffeeOf, expectProblem } from '../support/http-expect.js';

let h: Harness;
let logged: string[];
beforeEach(async () => {
  logged = [];
  const stream = { write: (line: string) => void logged.push(line) };
  h = await createHarness({ logger: pino({ level: 'debug' }, stream) });
});
afterEach(async () => h.close());

const url = (hid: string) => `/v1/households/${hid}/delivery-address`;
const get = (hid: string, token?: string) => h.app.request(url(hid), { headers: token ? bearer(token) : {} });
const put = (hid: string, token: string, body: unknown) =>
  h.app.request(url(hid), {
    method: 'PUT',
    headers: bearer(token, true),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const del = (hid: string, token: string) =>
  h.app.request(url(hid), { method: 'DELETE', headers: bearer(token) });

const BERLIN = {
  name: 'Anna Schulz',
  line1: 'Kastanienallee 7',
  line2: 'Hinterhaus, 3. OG',
  postalCode: '10435',
  city: 'Berlin',
  country: 'de',
};

describe('the delivery address through the API', () => {
  it('answers the seeded address, replaces it with a PUT (trimmed, country upper case), and removes it', async () => {
    const hh = h.demo.households.find((x) => x.locale === 'fr-FR')!;
    const seeded = await get(hh.id, hh.token);
    expect(seeded.status).toBe(200);
    expect(await seeded.json()).toMatchObject({
      line1: '12 rue des Lilas',
      postalCode: '75011',
      city: 'Paris',
    });

    const saved = await put(hh.id, hh.token, { ...BERLIN, city: '  Berlin ' });
    expect(saved.status).toBe(200);
    const body = (await saved.json()) as Record<string, unknown>;
    expect(body).toEqual({ ...BERLIN, country: 'DE', updatedAt: expect.any(String) });
    expect(await (await get(hh.id, hh.token)).json()).toEqual(body);

    expect((await del(hh.id, hh.token)).status).toBe(204);
    await expectProblem(await get(hh.id, hh.token), 404, 'no_delivery_address');
    expect((await h.store.get(paths.deliveryAddress(hh.id))).exists).toBe(false);
    // Removing what is gone is done already.
    expect((await del(hh.id, hh.token)).status).toBe(204);
    // The address reached no log line (the access log did write lines).
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toMatch(/Kastanienallee|Anna Schulz|rue des Lilas/);
  });

  it.each([
    ['a missing city', { ...BERLIN, city: undefined }],
    ['an empty street line', { ...BERLIN, line1: '   ' }],
    ['a street line of numbers only', { ...BERLIN, line1: '12' }],
    ['a country that is not ISO 3166-1 alpha-2', { ...BERLIN, country: 'DEU' }],
    ['a user-assigned country code', { ...BERLIN, country: 'XX' }],
    ['a postal code with symbols', { ...BERLIN, postalCode: '10435;' }],
    ['a line break in the name', { ...BERLIN, name: 'Anna\nSchulz' }],
    ['a name of 101 characters', { ...BERLIN, name: 'A'.repeat(101) }],
    ['an unknown field', { ...BERLIN, doorCode: '1234' }],
    ['a number for a line', { ...BERLIN, line1: 12 }],
  ])('answers 400 validation_failed for %s, and keeps the address as it was', async (_what, body) => {
    const hh = h.demo.households.find((x) => x.locale === 'de-DE')!;
    const before = (await h.store.get(paths.deliveryAddress(hh.id))).data;
    const problem = await expectProblem(await put(hh.id, hh.token, body), 400, 'validation_failed');
    expect(problem.errors?.length).toBeGreaterThan(0);
    expect((await h.store.get(paths.deliveryAddress(hh.id))).data).toEqual(before);
  });

  it('answers 400 invalid_json to a body that is not JSON', async () => {
    const hh = h.demo.households[0]!;
    await expectProblem(await put(hh.id, hh.token, '{"name":'), 400, 'invalid_json');
  });

  it("answers 404 to another household's token, 401 without a token or with a device token, and changes nothing", async () => {
    const [mine, theirs] = [h.demo.households[0]!, h.demo.households[1]!];
    const before = (await h.store.get(paths.deliveryAddress(theirs.id))).data;
    await expectProblem(await get(theirs.id, mine.token), 404, 'not_found');
    await expectProblem(await put(theirs.id, mine.token, BERLIN), 404, 'not_found');
    await expectProblem(await del(theirs.id, mine.token), 404, 'not_found');
    await expectProblem(await get(theirs.id), 401, 'unauthorized');
    expect((await get(theirs.id, coffeeOf(theirs).token)).status).toBe(401);
    expect((await h.store.get(paths.deliveryAddress(theirs.id))).data).toEqual(before);
  });

  it('is documented in /openapi.json with its problem codes', async () => {
    const doc = (await (await h.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      info: { description: string };
    };
    const route = doc.paths['/v1/households/{hid}/delivery-address']!;
    expect(Object.keys(route).sort()).toEqual(['delete', 'get', 'put']);
    expect(Object.keys(route.get!.responses)).toEqual(expect.arrayContaining(['200', '401', '404']));
    expect(Object.keys(route.put!.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '404']));
    expect(Object.keys(route.delete!.responses)).toEqual(expect.arrayContaining(['204', '401', '404']));
    expect(doc.info.description).toContain('`no_delivery_address`');
  });
});
