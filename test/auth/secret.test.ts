import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSecret } from '../../src/auth/secret.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hearth-secret-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const secretFile = () => path.join(dir, 'secret');

describe('resolveSecret', () => {
  it('prefers the configured secret', async () => {
    expect(await resolveSecret({ configured: 'c'.repeat(40), dataDir: dir })).toBe('c'.repeat(40));
  });

  it('generates one secret into the data dir, readable by its owner only, and keeps it', async () => {
    const first = await resolveSecret({ dataDir: dir });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(secretFile()).mode & 0o077).toBe(0);
    expect(await resolveSecret({ dataDir: dir })).toBe(first);
  });

  it('waits for a secret another process is still writing', async () => {
    writeFileSync(secretFile(), '', { mode: 0o600 });
    const full = 'w'.repeat(43);
    setTimeout(() => writeFileSync(secretFile(), `${full}\n`), 60);
    expect(await resolveSecret({ dataDir: dir })).toBe(full);
  });

  it.each(['', 'short\n'])(
    'fails naming the file when it stays shorter than 32 characters (%j)',
    async (content) => {
      writeFileSync(secretFile(), content, { mode: 0o600 });
      await expect(resolveSecret({ dataDir: dir })).rejects.toThrow(secretFile());
      // Nothing replaced it: a secret someone else owns is never overwritten.
      expect(readFileSync(secretFile(), 'utf8')).toBe(content);
    },
  );

  it('gives every one of several concurrent starts the same full secret', async () => {
    const secrets = await Promise.all(Array.from({ length: 8 }, () => resolveSecret({ dataDir: dir })));
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]!.length).toBeGreaterThanOrEqual(32);
  });
});
