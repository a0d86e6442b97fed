import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/app-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('GET /docs/assets/:file', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'package.json'])(
    'answers 404 for %s, which is not one of the served assets',
    async (file) => {
      expect((await h.app.request(`/docs/assets/${file}`)).status).toBe(404);
    },
  );
});

describe('GET /openapi.json', () => {
  it('lists the pairing and device routes with their problem codes', async () => {
    const doc = (await (await h.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      info: { description: string };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/pairing',
        '/v1/pairing/{pairingId}',
        '/v1/households/{hid}/pairings',
        '/v1/households/{hid}/devices',
      ]),
    );
    expect(Object.keys(doc.paths['/v1/households/{hid}/pairings']!.post!.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '404', '429']),
    );
    expect(doc.info.description).toContain('`pairing_code_invalid`');
    expect(doc.info.description).toContain('`pairing_kind_not_allowed`');
  });
});
