import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consumeSigninCode } from '../../src/accounts/signin-codes.js';
import { createTokenSigner } from '../../src/auth/token-signer.js';
import { buildDemoFile, writeDemoFile } from '../../src/demo/demo-file.js';
import { resetDemo, seedDemo } from '../../src/demo/seed-demo.js';
import { secretMatches } from '../../src/ids/secret-hash.js';
import { revokeGrant } from '../../src/linking/grants.js';
import type { DocumentStore } from '../../src/store/document-store.js';
import { openStore } from '../../src/store/open-store.js';
import { TEST_SECRET } from '../support/app-harness.js';

let dir: string;
let store: DocumentStore;
const now = new Date('2026-11-20T09:00:00Z');
const signer = createTokenSigner({ secret: TEST_SECRET });

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hearth-demo-'));
  store = await openStore({ kind: 'sqlite', file: path.join(dir, 'hearth.db') });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo seed', () => {
  it('seeds households in several locales, each with a fridge and a coffee machine, and two brands', async () => {
    expect(await seedDemo({ store, now })).toBe(true);
    const demo = await buildDemoFile({ store, signer, baseUrl: 'http://127.0.0.1:3000' });
    expect(demo.households.length).toBeGreaterThanOrEqual(3);
    expect(demo.households.map((h) => h.locale)).toEqual(expect.arrayContaining(['fr-FR', 'de-DE']));
    for (const hh of demo.households) {
      expect(hh.devices.map((d) => d.kind).sort()).toEqual(['coffee-machine', 'fridge']);
      expect(hh.devices.find((d) => d.kind === 'fridge')?.skillId).toBe('fridge-chef');
      expect(hh.devices.find((d) => d.kind === 'coffee-machine')?.skillId).toBe('coffee-companion');
      expect(hh.alexaUserId).toMatch(/^amzn1\.ask\.account\./);
      expect(signer.verify(hh.alexaAccessToken!, ['link']).ok).toBe(true);
    }
    expect(demo.brands).toHaveLength(2);
    expect(demo.skills.map((s) => s.id).sort()).toEqual(['coffee-companion', 'fridge-chef']);
  });

  it('links every household to every demo client through real grants, one token per skill and platform', async () => {
    await seedDemo({ store, now });
    const demo = await buildDemoFile({ store, signer, baseUrl: 'http://127.0.0.1:3000' });
    for (const hh of demo.households) {
      const { alexa, dialogflow, google } = hh.linkTokens;
      const grants = await store.query({ collection: `households/${hh.id}/links` });
      expect(grants).toHaveLength(5);
      for (const [platform, skillId, token] of [
        ['alexa', 'fridge-chef', alexa['fridge-chef']],
        ['alexa', 'coffee-companion', alexa['coffee-companion']],
        ['dialogflow', 'fridge-chef', dialogflow['fridge-chef']],
        ['dialogflow', 'coffee-companion', dialogflow['coffee-companion']],
        ['google', undefined, google],
      ] as const) {
        const check = signer.verify(token!, ['link']);
        expect(check.ok && check.claims).toMatchObject({ householdId: hh.id, platform });
        expect(check.ok && check.claims.skillId).toBe(skillId);
        // The token is of a grant the store holds, under the client the demo registered.
        const grantId = check.ok ? check.claims.grantId : '';
        const grant = grants.find((g) => g.id === grantId);
        expect(grant?.data).toMatchObject({ platform, clientId: check.ok ? check.claims.clientId : '' });
        // Demo credentials live a day (wall clock).
        expect(check.ok && check.claims.exp - check.claims.iat).toBe(24 * 3600);
      }
      expect(hh.alexaAccessToken).toBe(alexa['fridge-chef']);
      expect(hh.googleHomeToken).toBe(google);
    }
  });

  it('lists the OAuth clients per skill with secrets that match what the store holds (only their hash)', async () => {
    await seedDemo({ store, now });
    const demo = await buildDemoFile({ store, signer, baseUrl: 'http://127.0.0.1:3000' });
    const clients = [...demo.skills.flatMap((s) => s.oauthClients), ...demo.googleHome.oauthClients];
    expect(clients.map((c) => c.clientId).sort()).toEqual([
      'coffee-companion-alexa',
      'coffee-companion-dialogflow',
      'fridge-chef-alexa',
      'fridge-chef-dialogflow',
      'google-home',
    ]);
    for (const client of clients) {
      const stored = (await store.get(`oauthClients/${client.clientId}`)).data!;
      expect(JSON.stringify(stored)).not.toContain(client.clientSecret);
      expect(secretMatches(client.clientSecret, String(stored.secretHash))).toBe(true);
      expect(stored.redirectUris).toEqual(client.redirectUris);
    }
    const alexa = clients.find((c) => c.clientId === 'fridge-chef-alexa')!;
    expect(alexa.pkceRequired).toBe(true);
    expect(alexa.redirectUris.map((u) => new URL(u).host)).toEqual([
      'pitangui.amazon.com',
      'layla.amazon.com',
      'alexa.amazon.co.jp',
    ]);
    await resetDemo(store);
    expect(await store.query({ collection: 'oauthClients' })).toHaveLength(0);
  });

  it('leaves a grant the household revoked out of demo.json, and keeps its other links', async () => {
    await seedDemo({ store, now });
    const before = (await buildDemoFile({ store, signer, baseUrl: 'http://127.0.0.1:3000' })).households[0]!;
    const check = signer.verify(before.linkTokens.alexa['fridge-chef']!, ['link']);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(await revokeGrant(store, { householdId: before.id, grantId: check.claims.grantId })).toBe(true);
    const after = (await buildDemoFile({ store, signer, baseUrl: 'http://127.0.0.1:3000' })).households[0]!;
    expect(after.linkTokens.alexa['fridge-chef']).toBeUndefined();
    expect(after.alexaAccessToken).toBeUndefined();
    expect(after.linkTokens.alexa['coffee-companion']).toBeDefined();
    expect(after.googleHomeToken).toBeDefined();
  });

  it('does not seed twice, and keeps what the first seed stored', async () => {
    await seedDemo({ store, now });
    const first = await buildDemoFile({ store, signer, baseUrl: 'http://127.0.0.1:3000' });
    expect(await seedDemo({ store, now })).toBe(false);
    const second = await buildDemoFile({ store, signer, baseUrl: 'http://127.0.0.1:3000' });
    expect(second.households.map((h) => h.id)).toEqual(first.households.map((h) => h.id));
  });

  it('gives every household and brand a fresh one-time sign-in link at every build', async () => {
    await seedDemo({ store, now });
    const first = await buildDemoFile({ store, signer, baseUrl: 'http://127.0.0.1:3000' });
    const second = await buildDemoFile({ store, signer, baseUrl: 'http://127.0.0.1:3000' });
    const codeOf = (url: string) => {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/signin\/[A-Za-z0-9_-]{43}$/);
      return url.split('/').at(-1)!;
    };
    for (const [i, hh] of first.households.entries()) {
      expect(second.households[i]!.signInUrl).not.toBe(hh.signInUrl);
      expect(await consumeSigninCode(store, codeOf(hh.signInUrl))).toEqual({
        kind: 'household',
        householdId: hh.id,
      });
    }
    for (const brand of second.brands) {
      expect(await consumeSigninCode(store, codeOf(brand.signInUrl))).toEqual({
        kind: 'brand',
        brandId: brand.id,
      });
    }
  });

  it('seeds exactly once when two seeds race', async () => {
    const results = await Promise.all([seedDemo({ store, now }), seedDemo({ store, now })]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.query({ collection: 'households' })).toHaveLength(
      (await buildDemoFile({ store, signer, baseUrl: 'http://127.0.0.1:3000' })).households.length,
    );
  });

  it('starts over after a reset, with new households', async () => {
    await seedDemo({ store, now });
    const before = await buildDemoFile({ store, signer, baseUrl: 'http://127.0.0.1:3000' });
    await resetDemo(store);
    expect(await store.query({ collection: 'households' })).toHaveLength(0);
    expect(await seedDemo({ store, now })).toBe(true);
    const after = await buildDemoFile({ store, signer, baseUrl: 'http://127.0.0.1:3000' });
    expect(after.households[0]!.id).not.toBe(before.households[0]!.id);
    expect(await store.query({ collection: 'households' })).toHaveLength(after.households.length);
  });

  it('resets only what the demo seeded: other households, brands and channel settings survive', async () => {
    await seedDemo({ store, now });
    const demo = await buildDemoFile({ store, signer, baseUrl: 'http://127.0.0.1:3000' });
    const real = {
      'households/hh_real': { name: 'Real', locale: 'fr-FR', timeZone: 'Europe/Paris' },
      'households/hh_real/context/inventory': { items: [] },
      'households/hh_real/devices/dev_real': { kind: 'fridge' },
      'brands/real-brand': { name: 'Real brand' },
      'brands/real-brand/outbox/o1': { kind: 'order' },
      'applianceMakers/real-maker': { name: 'Real maker' },
      'skillChannels/real-skill': { alexaApplicationId: 'amzn1.ask.skill.real' },
      'oauth/grant1': { householdId: 'hh_real' },
      'audit/aud1': { type: 'erasure' },
      'reports/real-brand': { cells: [] },
    };
    for (const [docPath, data] of Object.entries(real)) await store.set(docPath, data);

    await resetDemo(store);

    for (const [docPath, data] of Object.entries(real)) {
      expect((await store.get(docPath)).data, docPath).toEqual(data);
    }
    for (const hh of demo.households) expect((await store.get(`households/${hh.id}`)).exists).toBe(false);
    expect(await store.query({ collection: `households/${demo.households[0]!.id}/devices` })).toEqual([]);
    for (const brand of demo.brands) expect((await store.get(`brands/${brand.id}`)).exists).toBe(false);
    for (const skill of demo.skills)
      expect((await store.get(`skillChannels/${skill.id}`)).exists).toBe(false);
    expect((await store.get('meta/demo')).exists).toBe(false);
    expect(await seedDemo({ store, now })).toBe(true);
  });

  it('never overwrites channel settings a deployment wrote, and a reset leaves them', async () => {
    const mine = {
      alexaApplicationId: 'amzn1.ask.skill.deployed',
      dialogflowHeaders: { 'x-key': 'deployed' },
    };
    await store.set('skillChannels/fridge-chef', mine);
    expect(await seedDemo({ store, now })).toBe(true);
    expect((await store.get('skillChannels/fridge-chef')).data).toEqual(mine);
    // The skill the deployment did not configure gets the demo's settings.
    expect((await store.get('skillChannels/coffee-companion')).exists).toBe(true);
    const demo = await buildDemoFile({ store, signer, baseUrl: 'http://127.0.0.1:3000' });
    expect(demo.skills.find((s) => s.id === 'fridge-chef')?.alexaApplicationId).toBe(mine.alexaApplicationId);

    await resetDemo(store);
    expect((await store.get('skillChannels/fridge-chef')).data).toEqual(mine);
    expect((await store.get('skillChannels/coffee-companion')).exists).toBe(false);
  });

  it('resets nothing without a demo marker, and ignores marker entries that are not ids', async () => {
    await store.set('households/hh_real', { name: 'Real' });
    await resetDemo(store);
    expect((await store.get('households/hh_real')).exists).toBe(true);
    await store.set('meta/demo', { households: ['hh_real/../x', 'hh_real/context/inventory'], brands: [] });
    await resetDemo(store);
    expect((await store.get('households/hh_real')).exists).toBe(true);
  });

  it('labels fridge items with dates in the household time zone', async () => {
    await seedDemo({ store, now });
    const demo = await buildDemoFile({ store, signer, baseUrl: 'http://127.0.0.1:3000' });
    const paris = demo.households.find((h) => h.locale === 'fr-FR')!;
    const inventory = await store.get(`households/${paris.id}/context/inventory`);
    const items = inventory.data?.items as { ingredient: string; expiresOn: string }[];
    expect(items.find((i) => i.ingredient === 'milk')?.expiresOn).toBe('2026-11-22');
  });

  it('writes demo.json atomically, readable by its owner only, leaving no temp file', async () => {
    await seedDemo({ store, now });
    const demo = await buildDemoFile({ store, signer, baseUrl: 'http://127.0.0.1:3999' });
    const file = await writeDemoFile(dir, demo);
    expect(JSON.parse(readFileSync(file, 'utf8')).baseUrl).toBe('http://127.0.0.1:3999');
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('demo.json and configured channel settings', () => {
  it('shows what the service verifies against: configured settings win over the seeded ones', async () => {
    await seedDemo({ store, now });
    const configuredChannels = { 'fridge-chef': { alexaApplicationId: 'amzn1.ask.skill.configured' } };
    const demo = await buildDemoFile({ store, signer, baseUrl: 'http://127.0.0.1:3000', configuredChannels });
    const { oauthClients, ...fridgeChef } = demo.skills.find((s) => s.id === 'fridge-chef')!;
    expect(fridgeChef).toEqual({
      id: 'fridge-chef',
      brandId: 'frostline',
      alexaApplicationId: 'amzn1.ask.skill.configured',
    });
    expect(oauthClients.map((c) => c.platform)).toEqual(['alexa', 'dialogflow']);
    expect(demo.skills.find((s) => s.id === 'coffee-companion')?.alexaApplicationId).toMatch(
      /^amzn1\.ask\.skill\./,
    );
  });
});

describe('demo seed next to real data', () => {
  it('refuses to seed over a real brand with a demo brand id, naming it, and writes nothing', async () => {
    await store.set('brands/crema', { name: 'Crema (real)', tokenGeneration: 7 });
    await expect(seedDemo({ store, now })).rejects.toThrow(/^brands\/crema exists and is not the demo's/);
    expect((await store.get('brands/crema')).data).toEqual({ name: 'Crema (real)', tokenGeneration: 7 });
    expect(await store.query({ collection: 'households' })).toHaveLength(0);
  });
});
