import type * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { hashSecret, randomSecret } from '../../../src/ids/secret-hash.js';
import { createHarness, type Harness } from '../../support/app-harness.js';
import { discover, link } from '../../support/oauth-client.js';

const secret = randomSecret();
const configured = {
  clientId: 'fridge-chef-alexa-prod',
  platform: 'alexa' as const,
  skillId: 'fridge-chef',
  secretHash: hashSecret(secret),
  redirectUris: ['https://pitangui.amazon.com/api/skill/link/PRODVENDOR'],
  pkceRequired: true,
};

describe('HEARTH_OAUTH_CLIENTS', () => {
  it('reads a JSON array of clients, keyed by client id', () => {
    const config = loadConfig({ HEARTH_OAUTH_CLIENTS: JSON.stringify([configured]) });
    expect(config.oauthClients).toEqual({ [configured.clientId]: configured });
    expect(loadConfig({}).oauthClients).toEqual({});
  });

  it.each([
    ['not JSON', '[{'],
    ['an object', JSON.stringify(configured)],
    ['a clear secret', JSON.stringify([{ ...configured, secretHash: undefined, secret: 'abc' }])],
    [
      'an http redirect URI',
      JSON.stringify([{ ...configured, redirectUris: ['http://pitangui.amazon.com/x'] }]),
    ],
    ['a skill client without a skill', JSON.stringify([{ ...configured, skillId: undefined }])],
    ['a Google Home client with a skill', JSON.stringify([{ ...configured, platform: 'google' }])],
    ['a client id with a slash', JSON.stringify([{ ...configured, clientId: 'a/b' }])],
    ['the same client twice', JSON.stringify([configured, configured])],
  ])('refuses %s, naming the variable and never showing its value', (_name, value) => {
    expect(() => loadConfig({ HEARTH_OAUTH_CLIENTS: value })).toThrow(ConfigError);
    try {
      loadConfig({ HEARTH_OAUTH_CLIENTS: value });
    } catch (error) {
      expect((error as Error).message).toMatch(/^HEARTH_OAUTH_CLIENTS: /);
      expect((error as Error).message).not.toContain(configured.secretHash.slice(0, 10));
      expect((error as Error).message).not.toContain('got');
    }
  });
});

describe('configured clients in the app', () => {
  let h: Harness;
  let as: oauth.AuthorizationServer;
  beforeAll(async () => {
    h = await createHarness({ oauthClients: { [configured.clientId]: configured } });
    as = await discover(h);
  });
  afterAll(() => h.close());

  it('link like stored ones, and are never written to the store', async () => {
    const client = { ...configured, clientSecret: secret };
    const tokens = await link(h, as, { client, householdId: h.demo.households[0]!.id });
    expect(tokens.access_token).toMatch(/^hth1\./);
    expect((await h.store.get(`oauthClients/${configured.clientId}`)).exists).toBe(false);
  });

  it('win over a stored client of the same id', async () => {
    await h.store.set(`oauthClients/${configured.clientId}`, {
      platform: 'alexa',
      skillId: 'coffee-companion',
      secretHash: hashSecret('stored-secret'),
      redirectUris: ['https://evil.example/cb'],
      pkceRequired: false,
      createdAt: new Date().toISOString(),
    });
    const client = { ...configured, clientSecret: secret };
    await expect(link(h, as, { client, householdId: h.demo.households[0]!.id })).resolves.toBeDefined();
    const wrong = { ...configured, clientSecret: 'stored-secret', redirectUris: ['https://evil.example/cb'] };
    await expect(link(h, as, { client: wrong, householdId: h.demo.households[0]!.id })).rejects.toThrow();
  });
});
