/**
 * The recorder of grant uses: nothing written on the caller's path, one write per grant
 * and process (then at most daily), a failure logged without personal data and tried
 * again on the next use, a bounded memory.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { paths } from '../../src/household/paths.js';
import { createGrantUseRecorder, GRANT_USE_EVERY_MS } from '../../src/linking/grant-use.js';
import type { DocumentStore } from '../../src/store/document-store.js';
import { openTempSqliteStore } from '../support/temp-sqlite.js';

let store: DocumentStore;
let dispose: () => Promise<void>;
let recordings: number;
let failNext: boolean;
/** The store the recorder writes to: counts its recordings, fails one when asked. */
let counting: DocumentStore;
const warnings: { details: Record<string, unknown>; message: string }[] = [];
const log = {
  warn: (details: Record<string, unknown>, message: string) => warnings.push({ details, message }),
};

const HID = 'hh_recorder';
const user = { platform: 'alexa', skillId: 'fridge-chef', userId: 'amzn1.ask.account.PRIVATE' } as const;

beforeEach(async () => {
  ({ store, dispose } = await openTempSqliteStore('hearth-grant-use-'));
  recordings = 0;
  failNext = false;
  warnings.length = 0;
  // Each recording starts with one read of the grant (and the index): count those reads.
  const getAll = (paths: readonly string[]) => {
    recordings++;
    if (failNext) {
      failNext = false;
      return Promise.reject(new Error(`store down for ${user.userId}`));
    }
    return store.getAll(paths);
  };
  counting = new Proxy(store, {
    get: (target, key) => {
      if (key === 'getAll') return getAll;
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  for (const grantId of ['g1', 'g2', 'g3']) {
    await store.set(paths.link(HID, grantId), {
      clientId: 'fridge-chef-alexa',
      platform: 'alexa',
      skillId: 'fridge-chef',
      createdAt: '2026-11-20T09:00:00.000Z',
    });
  }
});
afterEach(() => dispose());

describe('createGrantUseRecorder', () => {
  it("writes nothing on the caller's path, then once per grant however often it is used", async () => {
    const recorder = createGrantUseRecorder({ store: counting, now: () => 1_000 });
    recorder.note({ householdId: HID, grantId: 'g1', user }, log);
    recorder.note({ householdId: HID, grantId: 'g1', user }, log);
    expect(recordings).toBe(0);
    await recorder.settled();
    recorder.note({ householdId: HID, grantId: 'g1', user }, log);
    await recorder.settled();
    expect(recordings).toBe(1);
    expect((await store.get(paths.link(HID, 'g1'))).data?.platformUser).toMatch(/^oauth\//);
  });

  it('records a grant again once a day has passed', async () => {
    let now = 1_000;
    const recorder = createGrantUseRecorder({ store: counting, now: () => now });
    recorder.note({ householdId: HID, grantId: 'g1' }, log);
    await recorder.settled();
    now += GRANT_USE_EVERY_MS - 1;
    recorder.note({ householdId: HID, grantId: 'g1' }, log);
    await recorder.settled();
    expect(recordings).toBe(1);
    now += 1;
    recorder.note({ householdId: HID, grantId: 'g1' }, log);
    await recorder.settled();
    expect(recordings).toBe(2);
    expect((await store.get(paths.link(HID, 'g1'))).data?.lastUsedAt).toBe(new Date(now).toISOString());
  });

  it('logs a failure without the user id and tries again on the next use', async () => {
    const recorder = createGrantUseRecorder({ store: counting, now: () => 1_000 });
    failNext = true;
    recorder.note({ householdId: HID, grantId: 'g1', user }, log);
    await recorder.settled();
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings)).not.toContain(user.userId);
    recorder.note({ householdId: HID, grantId: 'g1', user }, log);
    await recorder.settled();
    expect(recordings).toBe(2);
    expect((await store.get(paths.link(HID, 'g1'))).data?.platformUser).toMatch(/^oauth\//);
  });

  it('forgets the oldest grants past its bound, and records them again', async () => {
    const recorder = createGrantUseRecorder({ store: counting, now: () => 1_000, maxRemembered: 2 });
    for (const grantId of ['g1', 'g2', 'g3', 'g3', 'g2']) recorder.note({ householdId: HID, grantId }, log);
    await recorder.settled();
    expect(recordings).toBe(3);
    recorder.note({ householdId: HID, grantId: 'g1' }, log);
    await recorder.settled();
    expect(recordings).toBe(4);
  });
});
