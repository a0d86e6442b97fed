import { describe, expect, it } from 'vitest';
import { createSkillChannels } from '../../src/channels/skill-channels.js';
import { ProblemError } from '../../src/http/problem.js';
import type { DocSnapshot, DocumentStore } from '../../src/store/document-store.js';

type Mode = 'answer' | 'hang' | 'fail';

/** Only `get` is used by the lookup; the rest of the port is not needed here. */
function fakeStore(data: Record<string, unknown>) {
  let mode: Mode = 'answer';
  let reads = 0;
  const store = {
    get: (path: string): Promise<DocSnapshot> => {
      reads += 1;
      if (mode === 'hang') return new Promise(() => undefined);
      if (mode === 'fail') return Promise.reject(new Error('UNAVAILABLE'));
      return Promise.resolve({
        path,
        id: path.split('/').at(-1)!,
        exists: true,
        data: data as DocSnapshot['data'],
      });
    },
  } as unknown as DocumentStore;
  return {
    store,
    setMode: (m: Mode) => {
      mode = m;
    },
    reads: () => reads,
  };
}

describe('skill channel settings', () => {
  const stored = { alexaApplicationId: 'amzn1.ask.skill.stored' };

  it('prefers what the deployment configures, without reading the store', async () => {
    const fake = fakeStore(stored);
    const lookup = createSkillChannels({
      configured: { 'fridge-chef': { alexaApplicationId: 'amzn1.configured' } },
    });
    expect(await lookup(fake.store, 'fridge-chef')).toEqual({ alexaApplicationId: 'amzn1.configured' });
    expect(fake.reads()).toBe(0);
    expect(await lookup(fake.store, 'coffee-companion')).toEqual(stored);
  });

  it('reads the store once per TTL', async () => {
    let now = 0;
    const fake = fakeStore(stored);
    const lookup = createSkillChannels({ now: () => now });
    await lookup(fake.store, 'fridge-chef');
    now += 29_000;
    await lookup(fake.store, 'fridge-chef');
    expect(fake.reads()).toBe(1);
    now += 2_000;
    await lookup(fake.store, 'fridge-chef');
    expect(fake.reads()).toBe(2);
  });

  it.each(['hang', 'fail'] as const)(
    'answers a stale value at once when a re-read finds the store %s',
    async (mode) => {
      let now = 0;
      const fake = fakeStore(stored);
      const lookup = createSkillChannels({ now: () => now, budgetMs: 50 });
      await lookup(fake.store, 'fridge-chef');
      now += 60_000;
      fake.setMode(mode);
      expect(await lookup(fake.store, 'fridge-chef')).toEqual(stored);
      expect(fake.reads()).toBe(2); // the re-read was started, in the background
    },
  );

  it('answers 503 within its budget when it never knew the settings and the store does not answer', async () => {
    const fake = fakeStore(stored);
    fake.setMode('hang');
    const lookup = createSkillChannels({ budgetMs: 50 });
    const started = performance.now();
    await expect(lookup(fake.store, 'fridge-chef')).rejects.toSatisfy(
      (error) => error instanceof ProblemError && error.code === 'store_unavailable',
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('abandons a read that hangs past its budget: the next request reads afresh once the store is back', async () => {
    let now = 0;
    const fake = fakeStore(stored);
    fake.setMode('hang');
    const lookup = createSkillChannels({ now: () => now, budgetMs: 50 });
    await expect(lookup(fake.store, 'fridge-chef')).rejects.toBeInstanceOf(ProblemError);
    fake.setMode('answer');
    now += 51;
    expect(await lookup(fake.store, 'fridge-chef')).toEqual(stored);
    expect(fake.reads()).toBe(2);
  });
});
