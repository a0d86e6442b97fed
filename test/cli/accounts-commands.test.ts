import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { consumeSigninCode } from '../../src/accounts/signin-codes.js';
import { createTokenSigner } from '../../src/auth/token-signer.js';
import { householdRecordSchema } from '../../src/household/household-record.js';
import type { DocumentStore } from '../../src/store/document-store.js';
import { builtCli, refusal, withDataDirStore } from '../support/built-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'hearth-accounts-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hearth = builtCli(dir);
const withStore = <T>(use: (store: DocumentStore) => Promise<T>): Promise<T> => withDataDirStore(dir, use);

const codeOf = (url: string) => url.split('/').at(-1)!;

describe('npx hearth household create', () => {
  it('creates a household and prints its id and a sign-in link under the configured base URL', async () => {
    const { stdout } = await hearth(
      ['household', 'create', '--locale', 'fr-FR', '--time-zone', 'Europe/Paris', '--name', 'Famille Leroy'],
      { HOST: '127.0.0.1', PORT: '3456' },
    );
    const id = stdout.match(/^created household (hh_\S+)$/m)?.[1];
    const url = stdout.match(/sign-in link \(works once, until \S+\): (\S+)$/m)?.[1];
    expect(id).toBeDefined();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:3456\/signin\/[A-Za-z0-9_-]{43}$/);
    await withStore(async (store) => {
      const record = householdRecordSchema.parse((await store.get(`households/${id}`)).data);
      expect(record).toMatchObject({
        name: 'Famille Leroy',
        locale: 'fr-FR',
        timeZone: 'Europe/Paris',
        auth: { household: 1, links: {}, devices: {} },
      });
      expect(await consumeSigninCode(store, codeOf(url!))).toEqual({ kind: 'household', householdId: id });
    });
  });

  it('takes the base URL from HEARTH_PUBLIC_URL', async () => {
    const { stdout } = await hearth(
      ['household', 'create', '--locale', 'en-GB', '--time-zone', 'Europe/London'],
      {
        HEARTH_PUBLIC_URL: 'https://hearth.example.org/',
      },
    );
    expect(stdout).toMatch(/: https:\/\/hearth\.example\.org\/signin\/[A-Za-z0-9_-]{43}\n$/);
  });

  it.each([
    [['household'], /expected "create"/],
    [['household', 'create', '--time-zone', 'UTC'], /--locale: one of en-US/],
    [['household', 'create', '--locale', 'xx', '--time-zone', 'UTC'], /--locale/],
    [['household', 'create', '--locale', 'en-US'], /--time-zone/],
    [['household', 'create', '--locale', 'en-US', '--time-zone', 'Mars/Olympus'], /--time-zone/],
    [['household', 'create', '--locale', 'en-US', '--time-zone', 'UTC', '--name', ' '], /--name/],
    [['household', 'create', '--locale', 'en-US', '--time-zone', 'UTC', '--devices', '3'], /Unknown option/],
  ])('refuses %j with one line, the usage and exit code 2', async (args, message) => {
    const { code, stdout, stderr } = await refusal(hearth(args));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/\nusage: hearth household create /);
  });
});

describe('npx hearth brand create', () => {
  it("prints the brand's token once and refuses the same id again", async () => {
    const { stdout } = await hearth([
      'brand',
      'create',
      '--id',
      'fresh-foods',
      '--name',
      'Fresh Foods',
      '--skill',
      'fridge-chef',
    ]);
    const token = stdout.match(/^token \(shown once, keep it secret\): (\S+)$/m)?.[1];
    expect(stdout).toMatch(/^created brand fresh-foods \(skill fridge-chef\)$/m);
    // Signed with the data dir's secret, as the service (demo mode) signs and checks.
    const signer = createTokenSigner({ secret: readFileSync(path.join(dir, 'secret'), 'utf8').trim() });
    const check = signer.verify(token ?? '', ['brand']);
    expect(check.ok && check.claims).toMatchObject({ kind: 'brand', brandId: 'fresh-foods', generation: 1 });
    await withStore(async (store) => {
      expect((await store.get('brands/fresh-foods')).data).toEqual({
        name: 'Fresh Foods',
        skillId: 'fridge-chef',
        tokenGeneration: 1,
      });
      // The token is not stored anywhere.
      for (const collection of ['brands', 'audit'])
        expect(JSON.stringify((await store.query({ collection })).map((s) => s.data))).not.toContain(token);
    });

    const again = await refusal(
      hearth(['brand', 'create', '--id', 'fresh-foods', '--name', 'Another', '--skill', 'coffee-companion']),
    );
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toBe('hearth brand: brand fresh-foods exists already: choose another id\n');
    await withStore(async (store) => {
      expect((await store.get('brands/fresh-foods')).data).toMatchObject({
        name: 'Fresh Foods',
        tokenGeneration: 1,
      });
    });
  });

  it.each([
    [['brand', 'create', '--name', 'X', '--skill', 'fridge-chef'], /--id/],
    [['brand', 'create', '--id', 'Bad Id', '--name', 'X', '--skill', 'fridge-chef'], /--id/],
    [['brand', 'create', '--id', '__proto__', '--name', 'X', '--skill', 'fridge-chef'], /--id/],
    [['brand', 'create', '--id', 'ok', '--skill', 'fridge-chef'], /--name/],
    [
      ['brand', 'create', '--id', 'ok', '--name', 'X', '--skill', 'no-such-skill'],
      /--skill: one of fridge-chef/,
    ],
  ])('refuses %j with exit code 2', async (args, message) => {
    const { code, stderr } = await refusal(hearth(args));
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});

describe('npx hearth signin', () => {
  it('prints a fresh sign-in link of a household or a brand, alone on stdout', async () => {
    const created = await hearth([
      'household',
      'create',
      '--locale',
      'de-DE',
      '--time-zone',
      'Europe/Berlin',
    ]);
    const id = created.stdout.match(/^created household (hh_\S+)$/m)![1]!;
    const household = await hearth(['signin', 'household', id], {
      HEARTH_PUBLIC_URL: 'https://hearth.example.org',
    });
    expect(household.stdout).toMatch(/^https:\/\/hearth\.example\.org\/signin\/[A-Za-z0-9_-]{43}\n$/);
    await hearth([
      'brand',
      'create',
      '--id',
      'crema-two',
      '--name',
      'Crema Two',
      '--skill',
      'coffee-companion',
    ]);
    const brand = await hearth(['signin', 'brand', 'crema-two']);
    await withStore(async (store) => {
      expect(await consumeSigninCode(store, codeOf(household.stdout.trim()))).toEqual({
        kind: 'household',
        householdId: id,
      });
      expect(await consumeSigninCode(store, codeOf(brand.stdout.trim()))).toEqual({
        kind: 'brand',
        brandId: 'crema-two',
      });
    });
  });

  it.each([
    ['household', 'hh_nobody'],
    ['brand', 'nobody'],
    ['household', '../brands/crema-two'],
    ['brand', 'constructor'],
  ])('says there is no %s %s, with exit code 1', async (kind, id) => {
    const { code, stdout, stderr } = await refusal(hearth(['signin', kind, id]));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^hearth signin: no ${kind} ".*" in the sqlite store\\n$`));
  });

  it('creates no store when there is none to look in', async () => {
    const empty = path.join(dir, 'empty');
    const { code, stderr } = await refusal(hearth(['signin', 'household', 'hh_x'], {}, empty));
    expect(code).toBe(1);
    expect(stderr).toMatch(/no store at .*hearth\.db/);
    expect(existsSync(path.join(empty, 'hearth.db'))).toBe(false);
  });

  it.each([
    [['signin']],
    [['signin', 'device', 'x']],
    [['signin', 'household']],
    [['signin', 'household', 'a', 'b']],
  ])('refuses %j with the usage and exit code 2', async (args) => {
    const { code, stderr } = await refusal(hearth(args));
    expect(code).toBe(2);
    expect(stderr).toMatch(/usage: hearth signin household <household-id> \| hearth signin brand <brand-id>/);
  });

  it('answers a bad configuration with one line and exit code 78', async () => {
    const { code, stderr } = await refusal(hearth(['signin', 'household', 'hh_x'], { PORT: 'abc' }));
    expect(code).toBe(78);
    expect(stderr).toMatch(/^hearth signin: configuration error: PORT/);
  });
});
