/**
 * Test helpers for brands, framework-neutral (they throw plain Errors, so they
 * work in vitest or any runner):
 *
 *   const chat = conversation(fridgeChef, { locale: 'fr-FR' });
 *   expectReply(await chat.say("qu'est-ce que je peux cuisiner"), { intent: 'WhatCanICookIntent', says: 'frigo' });
 */
import {
  type Conversation,
  type ConversationOptions,
  createConversation,
  type TurnResult,
} from './conversation.js';
import { checkReply, type ReplyExpectation } from './reply-expectation.js';
import type { SkillDefinition } from './skill-definition.js';

export type { ReplyExpectation } from './reply-expectation.js';

/** A conversation for tests: channel `test`, a fixed clock unless `now` is given, no consent granted. */
export function conversation(skill: SkillDefinition, options: ConversationOptions): Conversation {
  const fixed = new Date('2025-06-02T17:00:00Z');
  return createConversation(skill, { channel: 'test', now: () => fixed, ...options });
}

/** Throw, listing every miss, unless the reply meets the expectation. Returns the result for chaining. */
export function expectReply(result: TurnResult, expected: ReplyExpectation): TurnResult {
  const failures = checkReply(result, expected);
  if (failures.length) {
    throw new Error(
      `reply did not meet the expectation:\n  - ${failures.join('\n  - ')}\n  speech: ${JSON.stringify(result.speech)}`,
    );
  }
  return result;
}
