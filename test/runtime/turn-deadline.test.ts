import { describe, expect, it } from 'vitest';
import fridgeChef from '../../skills/fridge-chef/skill.js';
import { loadDefaultLanguage } from '../../src/runtime/default-language.js';
import { type HouseholdRead, runTurn, type TurnRequest } from '../../src/runtime/run-turn.js';
import type { SkillDefinition } from '../../src/runtime/skill-definition.js';
import { TURN_DEADLINE_MS } from '../../src/runtime/turn-budget.js';
import { capturingLogger } from '../support/store-faults.js';

const language = loadDefaultLanguage();
const t = (locale: 'fr-FR' | 'de-DE', key: string) => language.translator('fridge-chef', locale)(key);
const never = new Promise<never>(() => undefined);
/**
 * The deadline itself is enforced by timers inside hearth; what the tests bound
 * is wall-clock time on a shared 2-core machine, so they allow for timer lag.
 * That the deadline path was taken is shown by the reply (non-personal, apology).
 */
const WALL_CLOCK_BOUND_MS = TURN_DEADLINE_MS + 1000;

const household = { id: 'hh_x', locale: 'fr-FR' as const, timeZone: 'Europe/Paris' };
const nothingGranted: HouseholdRead = async () => ({
  status: 'ok',
  household,
  context: { granted: [], documents: {} },
});

function frenchTurn(intent: string, read: HouseholdRead = nothingGranted): TurnRequest {
  return {
    channel: 'test',
    locale: 'fr-FR',
    household: read,
    intent,
    slots: {},
    session: {},
    now: new Date('2026-11-20T09:00:00Z'),
  };
}

describe('the turn pipeline under faults and deadlines', () => {
  it('answers non-personally, in the turn language, when the household read never answers', async () => {
    const { logger, lines } = capturingLogger();
    const started = performance.now();
    const { reply, household: status } = await runTurn(
      fridgeChef,
      frenchTurn('WhatsInMyFridgeIntent', () => never),
      {
        language,
        logger,
      },
    );
    expect(performance.now() - started).toBeLessThan(WALL_CLOCK_BOUND_MS);
    expect(status).toBe('unavailable');
    expect(reply.used).toEqual([]);
    expect(reply.locale).toBe('fr-FR');
    expect(reply.speech).toBe(t('fr-FR', 'fridge.noAccess'));
    expect(lines.some((l) => l.msg === 'household read too slow or failed; answering non-personally')).toBe(
      true,
    );
  });

  it('answers non-personally when the household read fails', async () => {
    const { logger } = capturingLogger();
    const failing: HouseholdRead = () => Promise.reject(new Error('UNAVAILABLE'));
    const { reply } = await runTurn(fridgeChef, frenchTurn('WhatsInMyFridgeIntent', failing), {
      language,
      logger,
    });
    expect(reply.used).toEqual([]);
    expect(reply.speech).toBe(t('fr-FR', 'fridge.noAccess'));
  });

  it('apologises in the turn language when a handler throws, and logs the error with the request id', async () => {
    const broken: SkillDefinition = {
      ...fridgeChef,
      intents: {
        ...fridgeChef.intents,
        WhatCanICookIntent: {
          handle: () => {
            throw new Error('recipe index exploded');
          },
        },
      },
    };
    const { logger, lines } = capturingLogger();
    const { reply } = await runTurn(
      broken,
      { ...frenchTurn('WhatCanICookIntent'), requestId: 'req-boom' },
      { language, logger },
    );
    expect(reply.speech).toBe(t('fr-FR', 'errors.apology'));
    const logged = lines.find((l) => l.msg === 'skill handler failed');
    expect(logged).toMatchObject({ requestId: 'req-boom', intent: 'WhatCanICookIntent' });
  });

  it('apologises within the deadline when a handler hangs', async () => {
    const stuck: SkillDefinition = {
      ...fridgeChef,
      intents: { ...fridgeChef.intents, WhatCanICookIntent: { handle: () => never } },
    };
    const { logger, lines } = capturingLogger();
    const started = performance.now();
    const { reply } = await runTurn(
      stuck,
      { ...frenchTurn('WhatCanICookIntent'), locale: 'de-DE' },
      { language, logger },
    );
    expect(performance.now() - started).toBeLessThan(WALL_CLOCK_BOUND_MS);
    expect(reply.speech).toBe(t('de-DE', 'errors.apology'));
    expect(lines.some((l) => l.msg === 'turn overran its deadline; apologising')).toBe(true);
  });

  it('counts what the channel spent before the turn against the deadline', async () => {
    const stuck: SkillDefinition = {
      ...fridgeChef,
      intents: { ...fridgeChef.intents, WhatCanICookIntent: { handle: () => never } },
    };
    const started = performance.now();
    // The request arrived 1.5 s ago: half a second is left.
    const { reply } = await runTurn(
      stuck,
      { ...frenchTurn('WhatCanICookIntent'), startedAt: performance.now() - 1500 },
      { language },
    );
    expect(performance.now() - started).toBeLessThan(1500);
    expect(reply.speech).toBe(t('fr-FR', 'errors.apology'));
  });
});
