import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { newOAuthClient } from '../../src/cli/oauth-client-command.js';
import { loadConfig } from '../../src/config.js';
import { secretMatches } from '../../src/ids/secret-hash.js';

const run = promisify(execFile);
const hearth = (...args: string[]) =>
  run(process.execPath, ['dist/src/cli/main.js', ...args], { env: { PATH: process.env.PATH ?? '' } });

describe('hearth oauth-client add', () => {
  it('makes an Alexa client with its three regional redirect URIs, hashing the secret it shows', () => {
    const { secret, entry } = newOAuthClient([
      'add',
      '--platform',
      'alexa',
      '--skill',
      'fridge-chef',
      '--alexa-vendor',
      'M2ABC',
      '--pkce',
    ]);
    expect(entry).toMatchObject({
      clientId: 'fridge-chef-alexa',
      platform: 'alexa',
      skillId: 'fridge-chef',
      pkceRequired: true,
    });
    expect(entry.redirectUris).toEqual([
      'https://pitangui.amazon.com/api/skill/link/M2ABC',
      'https://layla.amazon.com/api/skill/link/M2ABC',
      'https://alexa.amazon.co.jp/api/skill/link/M2ABC',
    ]);
    expect(secretMatches(secret, entry.secretHash)).toBe(true);
    expect(JSON.stringify(entry)).not.toContain(secret);
    // What it prints is what HEARTH_OAUTH_CLIENTS takes.
    expect(loadConfig({ HEARTH_OAUTH_CLIENTS: JSON.stringify([entry]) }).oauthClients).toEqual({
      [entry.clientId]: entry,
    });
  });

  it('makes Google Home’s client from a project id', () => {
    const { entry } = newOAuthClient(['add', '--platform', 'google', '--google-project', 'my-home']);
    expect(entry).toMatchObject({ clientId: 'google-home', platform: 'google', pkceRequired: false });
    expect(entry.redirectUris).toEqual([
      'https://oauth-redirect.googleusercontent.com/r/my-home',
      'https://oauth-redirect-sandbox.googleusercontent.com/r/my-home',
    ]);
  });

  it.each([
    [['list']],
    [['add']],
    [['add', '--platform', 'siri', '--skill', 'x', '--redirect-uri', 'https://a.example/']],
    [['add', '--platform', 'alexa', '--alexa-vendor', 'V']],
    [['add', '--platform', 'dialogflow', '--skill', 'fridge-chef']],
    [['add', '--platform', 'alexa', '--skill', 'fridge-chef', '--redirect-uri', 'http://insecure.example/']],
    [['add', '--platform', 'alexa', '--skill', 'fridge-chef', '--alexa-vendor', 'V', '--bogus']],
  ])('refuses %j with one line', (args) => {
    expect(() => newOAuthClient(args)).toThrow(/^[^\n]+$/);
  });

  it('prints the secret once and the entry, as the built CLI', async () => {
    const { stdout } = await hearth(
      'oauth-client',
      'add',
      '--platform',
      'dialogflow',
      '--skill',
      'coffee-companion',
      '--google-project',
      'p1',
    );
    expect(stdout).toMatch(/^client id: {5}coffee-companion-dialogflow\nclient secret: [A-Za-z0-9_-]{43}\n/);
    const entry = JSON.parse(stdout.trim().split('\n').at(-1)!) as { secretHash: string };
    const secret = /client secret: (\S+)/.exec(stdout)![1]!;
    expect(secretMatches(secret, entry.secretHash)).toBe(true);
    await expect(hearth('oauth-client', 'add')).rejects.toMatchObject({ code: 2 });
  });
});
