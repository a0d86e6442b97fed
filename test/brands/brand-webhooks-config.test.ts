import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DEMO_WEBHOOKS_FILE,
  demoBrandWebhooks,
  resolveBrandWebhooks,
} from '../../src/brands/demo-brand-webhooks.js';
import { loadConfig } from '../../src/config.js';
import { dueOutboxQuery } from '../../src/outbox/outbox-record.js';

const SECRET = 'a-brand-secret-of-more-than-32-chars!';

describe('HEARTH_BRAND_WEBHOOKS', () => {
  const env = (value: string) => ({
    HEARTH_SECRET: 'x'.repeat(32),
    HEARTH_DEMO: 'false',
    HEARTH_BRAND_WEBHOOKS: value,
  });

  it('reads {brandId: {url, secret}} into the config', () => {
    const config = loadConfig(
      env(JSON.stringify({ crema: { url: 'https://crema.example/hooks', secret: SECRET } })),
    );
    expect(config.brandWebhooks).toEqual({ crema: { url: 'https://crema.example/hooks', secret: SECRET } });
    expect(loadConfig({ HEARTH_SECRET: 'x'.repeat(32), HEARTH_DEMO: 'false' }).brandWebhooks).toEqual({});
  });

  it.each([
    ['not JSON', '{crema'],
    ['a short secret', JSON.stringify({ crema: { url: 'https://crema.example/', secret: 'short-secret' } })],
    ['a URL that is not http(s)', JSON.stringify({ crema: { url: 'ftp://crema.example/', secret: SECRET } })],
    ['a brand id that is not kebab-case', JSON.stringify({ Crema: { secret: SECRET } })],
    ['an unknown field', JSON.stringify({ crema: { secret: SECRET, token: 'x' } })],
  ])('refuses %s, naming the variable and never showing its value', (_what, value) => {
    let message = '';
    try {
      loadConfig(env(value));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^HEARTH_BRAND_WEBHOOKS: /);
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain('short-secret');
  });
});

describe('the demo brand webhooks file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hearth-webhooks-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is generated once, private, with a secret per demo brand and no URL, and kept across starts', async () => {
    const first = await demoBrandWebhooks({ dataDir: dir, brandIds: ['frostline', 'crema'] });
    expect(Object.keys(first)).toEqual(['frostline', 'crema']);
    expect(first.crema?.url).toBeUndefined();
    expect(first.crema?.secret.length).toBeGreaterThanOrEqual(32);
    expect(first.crema?.secret).not.toBe(first.frostline?.secret);
    const file = path.join(dir, DEMO_WEBHOOKS_FILE);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(await demoBrandWebhooks({ dataDir: dir, brandIds: ['frostline', 'crema'] })).toEqual(first);
  });

  it('agrees on one file when two starts race to create it', async () => {
    const [a, b] = await Promise.all([
      demoBrandWebhooks({ dataDir: dir, brandIds: ['crema'] }),
      demoBrandWebhooks({ dataDir: dir, brandIds: ['crema'] }),
    ]);
    expect(a).toEqual(b);
  });

  it('takes a URL a developer added, and the configuration wins per brand', async () => {
    const generated = await demoBrandWebhooks({ dataDir: dir, brandIds: ['frostline', 'crema'] });
    const file = path.join(dir, DEMO_WEBHOOKS_FILE);
    const edited = { ...generated, crema: { ...generated.crema, url: 'http://127.0.0.1:4000/orders' } };
    writeFileSync(file, JSON.stringify(edited));
    const configured = { frostline: { url: 'https://frostline.example/hooks', secret: SECRET } };
    const resolved = await resolveBrandWebhooks({
      configured,
      demo: true,
      dataDir: dir,
      demoBrandIds: ['crema'],
    });
    expect(resolved).toEqual({ crema: edited.crema, frostline: configured.frostline });
    // Outside demo mode, the configuration alone; no file is read or made.
    const other = mkdtempSync(path.join(tmpdir(), 'hearth-webhooks-'));
    try {
      expect(
        await resolveBrandWebhooks({ configured, demo: false, dataDir: other, demoBrandIds: ['crema'] }),
      ).toBe(configured);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('names a broken file without showing the secrets in it', async () => {
    const file = path.join(dir, DEMO_WEBHOOKS_FILE);
    writeFileSync(file, JSON.stringify({ crema: { secret: 'too-short-secret' } }), { mode: 0o600 });
    await expect(demoBrandWebhooks({ dataDir: dir, brandIds: ['crema'] })).rejects.toThrow(
      /brand-webhooks\.json: crema\.secret/,
    );
    await expect(demoBrandWebhooks({ dataDir: dir, brandIds: ['crema'] })).rejects.not.toThrow(/too-short/);
    writeFileSync(file, '{');
    await expect(demoBrandWebhooks({ dataDir: dir, brandIds: ['crema'] })).rejects.toThrow(/not JSON/);
    expect(readFileSync(file, 'utf8')).toBe('{');
  });
});

describe('firestore.indexes.json', () => {
  const indexes = z
    .object({
      indexes: z.array(
        z.object({
          collectionGroup: z.string(),
          queryScope: z.string(),
          fields: z.array(z.object({ fieldPath: z.string(), order: z.string() })),
        }),
      ),
    })
    .parse(JSON.parse(readFileSync('firestore.indexes.json', 'utf8'))).indexes;

  it('has the composite index the due-entries query needs: equality fields, then the range and order field', () => {
    const query = dueOutboxQuery('crema', new Date(), 10);
    const group = query.collection.split('/').at(-1);
    const equality = (query.where ?? []).filter((w) => w.op === '==').map((w) => w.field);
    const range = (query.where ?? []).filter((w) => w.op !== '==').map((w) => w.field);
    expect(new Set(range).size).toBe(1);
    expect(query.orderBy?.map((o) => o.field)).toEqual(range);
    expect(indexes).toContainEqual({
      collectionGroup: group,
      queryScope: 'COLLECTION',
      fields: [...equality, ...range].map((fieldPath) => ({ fieldPath, order: 'ASCENDING' })),
    });
  });
});
