/**
 * `hearth consent verify` as the built CLI (`npm run build` first) on a real
 * SQLite file seeded with the demo: an intact ledger is one "ok" line and exit
 * code 0; an entry edited through the store API, or one deleted, is each problem
 * printed and exit code 1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerEntryId } from '../../src/consent/ledger-entry-record.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { householdRecordSchema } from '../../src/household/household-record.js';
import { paths } from '../../src/household/paths.js';
import type { DocumentStore } from '../../src/store/document-store.js';
import { builtCli, refusal, withDataDirStore } from '../support/built-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'hearth-consent-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = builtCli(dir);
const hearth = (...args: string[]) => cli(args);
const withStore = <T>(use: (store: DocumentStore) => Promise<T>): Promise<T> => withDataDirStore(dir, use);

/** Demo households with at least three ledger entries, and how many each has. */
let households: { id: string; count: number }[] = [];
beforeAll(async () => {
  households = await withStore(async (store) => {
    await seedDemo({ store, now: new Date('2026-11-20T09:00:00Z') });
    const snaps = await store.query({ collection: 'households' });
    return snaps.flatMap((snap) => {
      const count = householdRecordSchema.parse(snap.data).consentLedger?.count ?? 0;
      return count >= 3 ? [{ id: snap.id, count }] : [];
    });
  });
  expect(households.length).toBeGreaterThanOrEqual(2);
});

describe('npx hearth consent verify', () => {
  it('says ok with the count of entries when the ledger is intact', async () => {
    const [hh] = households;
    const { stdout } = await hearth('consent', 'verify', hh!.id);
    expect(stdout).toBe(`ok: ${hh!.count} entries, chain intact, state = replay\n`);
  });

  it('prints the problem and exits 1 when an entry was edited in the store', async () => {
    const [hh] = households;
    const entry = paths.consentLedgerEntry(hh!.id, ledgerEntryId(2));
    const original = await withStore(async (store) => {
      const data = (await store.get(entry)).data!;
      await store.set(entry, { ...data, action: data.action === 'grant' ? 'withdraw' : 'grant' });
      return data;
    });
    const failed = await refusal(hearth('consent', 'verify', hh!.id));
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(
      `problem: ${ledgerEntryId(2)}: its content does not match its hash (edited)`,
    );
    expect(failed.stdout).not.toMatch(/^ok:/m);
    expect(failed.stderr).toMatch(/problem\(s\) in \d+ entries\n$/);

    await withStore((store) => store.set(entry, original));
    expect((await hearth('consent', 'verify', hh!.id)).stdout).toMatch(/^ok: /);
  });

  it('prints the gap when an entry was deleted', async () => {
    const hh = households[1]!;
    await withStore((store) => store.delete(paths.consentLedgerEntry(hh.id, ledgerEntryId(1))));
    const failed = await refusal(hearth('consent', 'verify', hh.id));
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^problem: .*(missing|chain)/m);
    expect(failed.stdout).toContain(
      `the household counts ${hh.count} entries, the ledger has ${hh.count - 1}`,
    );
  });

  it.each([
    [['consent'], 2, /expected "verify <household-id>"/],
    [['consent', 'verify'], 2, /expected "verify <household-id>"/],
    [['consent', 'check', 'x'], 2, /expected "verify <household-id>"/],
    [['consent', 'verify', 'hh_nobody'], 1, /no household "hh_nobody" in the sqlite store/],
    [['consent', 'verify', '../etc'], 1, /no household/],
  ])('refuses %j with one line (exit %i)', async (args, code, message) => {
    const failed = await refusal(hearth(...args));
    expect(failed.code).toBe(code);
    expect(failed.stderr).toMatch(message);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
  });
});
