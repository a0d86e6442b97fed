/** Run a replay file against the real runtime and report each turn against its expectation. */

import type { ConsentGate } from '../../runtime/consent-gate.js';
import { createConversation, type TurnResult } from '../../runtime/conversation.js';
import { checkReply } from '../../runtime/reply-expectation.js';
import type { SkillDefinition } from '../../runtime/skill-definition.js';
import type { HouseholdLookup } from './household-lookup.js';
import type { ReplayFile, ReplayTurn } from './replay-file.js';

export type TurnOutcome = { index: number; input: string; result: TurnResult; failures: string[] };

function describe(turn: ReplayTurn): string {
  if ('launch' in turn) return '(launch)';
  if ('say' in turn) return turn.say;
  const slots = Object.entries(turn.send.slots ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return `/send ${turn.send.intent}${slots ? ` ${slots}` : ''}`;
}

/** Play every turn in order; failures do not stop the dialog (later turns still report). */
export async function runReplay(
  skill: SkillDefinition,
  replay: ReplayFile,
  deps: { consent: ConsentGate; lookupHousehold: HouseholdLookup },
): Promise<TurnOutcome[]> {
  const household = await deps.lookupHousehold(replay.household, replay.locale);
  const fixed = replay.now ? new Date(replay.now) : undefined;
  const chat = createConversation(skill, {
    locale: replay.locale,
    consent: deps.consent,
    ...(household ? { household } : {}),
    ...(fixed ? { now: () => fixed } : {}),
  });
  const outcomes: TurnOutcome[] = [];
  for (const [index, turn] of replay.turns.entries()) {
    const result =
      'launch' in turn
        ? await chat.launch()
        : 'say' in turn
          ? await chat.say(turn.say)
          : await chat.send(turn.send.intent, turn.send.slots);
    outcomes.push({
      index,
      input: describe(turn),
      result,
      failures: turn.expect ? checkReply(result, turn.expect) : [],
    });
  }
  return outcomes;
}
