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
