import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseUrlOf, ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('defaults to 127.0.0.1:3000 on the embedded store in .hearth, in demo mode', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 3000, demo: true });
    expect(config.store).toEqual({ kind: 'sqlite', file: path.resolve('.hearth', 'hearth.db') });
  });

  it('moves the data dir with HEARTH_DATA_DIR', () => {
    const config = loadConfig({ HEARTH_DATA_DIR: '/tmp/elsewhere' });
    expect(config.dataDir).toBe('/tmp/elsewhere');
    expect(config.store).toEqual({ kind: 'sqlite', file: '/tmp/elsewhere/hearth.db' });
  });

  it('uses Firestore with an explicit project, outside demo mode by default', () => {
    const secret = 'x'.repeat(40);
    const config = loadConfig({
      HEARTH_STORE: 'firestore',
      FIRESTORE_PROJECT_ID: 'p1',
      HEARTH_SECRET: secret,
    });
    expect(config.store).toEqual({ kind: 'firestore', projectId: 'p1' });
    expect(config.demo).toBe(false);
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT: /],
    [{ PORT: '70000' }, /^PORT: /],
    [{ PORT: '' }, /^PORT: expected a port number \(got ""\)$/],
    [{ PORT: ' ' }, /^PORT: expected a port number/],
    [{ PORT: '3000.5' }, /^PORT: expected a port number/],
    [{ SHUTDOWN_GRACE_MS: '' }, /^SHUTDOWN_GRACE_MS: expected a whole number/],
    [{ REQUEST_TIMEOUT_MS: '' }, /^REQUEST_TIMEOUT_MS: expected a whole number/],
    [{ HEARTH_STORE: 'postgres' }, /^HEARTH_STORE: expected sqlite or firestore/],
    [{ HEARTH_DEMO: 'maybe' }, /^HEARTH_DEMO: expected true or false/],
    [{ HEARTH_NOW: 'yesterday' }, /^HEARTH_NOW: expected an ISO-8601 instant/],
    [{ HEARTH_SECRET: 'short' }, /^HEARTH_SECRET: expected at least 32 characters/],
    [{ HEARTH_STORE: 'firestore', HEARTH_SECRET: 'x'.repeat(40) }, /^FIRESTORE_PROJECT_ID: required/],
    [{ HEARTH_DEMO: 'false' }, /^HEARTH_SECRET: required outside demo mode/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /],
  ])('rejects %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('takes PORT=0 (any free port) only when it is written out', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
    expect(loadConfig({ PORT: '8080' }).port).toBe(8080);
  });

  it('pins the domain clock with HEARTH_NOW in demo mode', () => {
    expect(loadConfig({ HEARTH_NOW: '2026-12-24T18:00:00+01:00' }).fixedNow?.toISOString()).toBe(
      '2026-12-24T17:00:00.000Z',
    );
  });

  it('builds the base URL from HOST and the bound port', () => {
    expect(baseUrlOf({ host: '127.0.0.1', port: 0 }, 4123)).toBe('http://127.0.0.1:4123');
    expect(baseUrlOf({ host: '::1', port: 3000 })).toBe('http://[::1]:3000');
    expect(baseUrlOf({ host: '0.0.0.0', port: 3000, publicUrl: 'https://hearth.example' })).toBe(
      'https://hearth.example',
    );
  });
});

describe('HEARTH_SKILL_CHANNELS', () => {
  it('gives each skill its Alexa application id and Dialogflow headers for this deployment', () => {
    const channels = {
      'fridge-chef': { alexaApplicationId: 'amzn1.ask.skill.1', dialogflowHeaders: { 'x-key': 'k1' } },
    };
    expect(loadConfig({ HEARTH_SKILL_CHANNELS: JSON.stringify(channels) }).skillChannels).toEqual(channels);
    expect(loadConfig({}).skillChannels).toEqual({});
  });

  it.each([
    ['not JSON', '{"fridge-chef":', /^HEARTH_SKILL_CHANNELS: expected JSON$/],
    ['a wrong shape', '{"fridge-chef":{"alexaApplicationId":""}}', /^HEARTH_SKILL_CHANNELS: /],
    ['a bad skill id', '{"Fridge Chef":{}}', /^HEARTH_SKILL_CHANNELS: /],
  ])('rejects %s without echoing the value (it holds secrets)', (_name, value, message) => {
    try {
      loadConfig({ HEARTH_SKILL_CHANNELS: value });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('got');
    }
  });

  it('never echoes a bad HEARTH_SECRET', () => {
    expect(() => loadConfig({ HEARTH_SECRET: 'short-but-secret' })).toThrow(
      /^HEARTH_SECRET: expected at least 32 characters$/,
    );
  });
});

describe('HEARTH_SKILL_CHANNELS typos', () => {
  it.each([
    ['a misspelt field', '{"fridge-chef":{"alexaApplicationID":"amzn1.ask.skill.1"}}'],
    ['an empty entry', '{"fridge-chef":{}}'],
  ])('rejects %s instead of silently taking the skill offline', (_name, value) => {
    expect(() => loadConfig({ HEARTH_SKILL_CHANNELS: value })).toThrow(/^HEARTH_SKILL_CHANNELS: /);
  });
});

describe('demo mode and unsigned Alexa requests by HOST', () => {
  const secret = { HEARTH_SECRET: 'x'.repeat(40) };
  const firestore = { HEARTH_STORE: 'firestore', FIRESTORE_PROJECT_ID: 'p1', ...secret };
  const oneLine = (env: NodeJS.ProcessEnv): string => {
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).not.toContain('\n');
      return (error as Error).message;
    }
    throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
  };

  it.each(['127.0.0.1', '127.3.2.1', '::1', 'localhost', 'LOCALHOST', 'app.localhost'])(
    'is on by default on the embedded store on loopback HOST=%s',
    (HOST) => {
      expect(loadConfig({ HOST }).demo).toBe(true);
    },
  );

  it.each(['0.0.0.0', '::', '192.168.1.20', 'hearth.example.com', '::ffff:10.0.0.1'])(
    'is off by default on HOST=%s, so the token secret must be given',
    (HOST) => {
      expect(oneLine({ HOST })).toMatch(
        /^HEARTH_SECRET: required outside demo mode .*demo mode is on by default only on a loopback HOST/,
      );
      expect(loadConfig({ HOST, ...secret }).demo).toBe(false);
    },
  );

  it('stays on when HEARTH_DEMO=true is asked for on a non-loopback HOST (a demo in a container)', () => {
    expect(loadConfig({ HOST: '0.0.0.0', HEARTH_DEMO: 'true' }).demo).toBe(true);
  });

  it.each([
    ['127.0.0.1', {}],
    ['::1', {}],
    ['localhost', {}],
    ['127.0.0.1', { HEARTH_STORE: 'firestore', FIRESTORE_PROJECT_ID: 'p1', HEARTH_DEMO: 'true' }],
  ])('accepts ALEXA_VERIFY_SIGNATURE=false in demo mode on HOST=%s %j', (HOST, env) => {
    expect(loadConfig({ HOST, ALEXA_VERIFY_SIGNATURE: 'false', ...env }).alexaVerifySignature).toBe(false);
  });

  it.each([
    ['Firestore outside demo mode on loopback', { HOST: '127.0.0.1', ...firestore }],
    ['Firestore outside demo mode on any address', { HOST: '0.0.0.0', ...firestore }],
    ['the embedded store outside demo mode', { HEARTH_DEMO: 'false', ...secret }],
    ['an explicit demo on a non-loopback HOST', { HOST: '0.0.0.0', HEARTH_DEMO: 'true' }],
    ['the embedded store on a public address', { HOST: '203.0.113.7', ...secret }],
  ])('refuses ALEXA_VERIFY_SIGNATURE=false for %s, with one line naming it', (_name, env) => {
    expect(oneLine({ ...env, ALEXA_VERIFY_SIGNATURE: 'false' })).toMatch(
      /^ALEXA_VERIFY_SIGNATURE: false is only accepted in demo mode on a loopback HOST/,
    );
  });

  it('takes ALEXA_VERIFY_SIGNATURE=true everywhere', () => {
    expect(
      loadConfig({ ...firestore, HOST: '0.0.0.0', ALEXA_VERIFY_SIGNATURE: 'true' }).alexaVerifySignature,
    ).toBe(true);
  });
});
