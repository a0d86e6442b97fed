/**
 * `hearth/testing`: how a brand tests its skill, in vitest or any runner: a
 * conversation through the real runtime, and expectations on its replies.
 */

export { type ConsentGate, noConsentGate } from '../runtime/consent-gate.js';
export type { Conversation, ConversationOptions, TurnResult } from '../runtime/conversation.js';
export { conversation, expectReply, type ReplyExpectation } from '../runtime/testing.js';
export type { Understood } from '../runtime/understood.js';
