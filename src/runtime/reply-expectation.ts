/**
 * Expectations on a turn's reply, shared by replay files and the vitest
 * helpers: which intent was understood, what is said and shown, whether the
 * session ends, which purposes were used.
 */
import { z } from 'zod';
import type { TurnResult } from './conversation.js';

const oneOrMany = z.union([z.string(), z.array(z.string())]);

export const replyExpectationSchema = z.strictObject({
  /** The intent the input was understood as. */
  intent: z.string().optional(),
  /** Slot ids (or values when unresolved) the turn carried. */
  slots: z.record(z.string(), z.string()).optional(),
  /** Substrings the speech must contain (case-insensitive). */
  says: oneOrMany.optional(),
  /** Substrings the speech must not contain (case-insensitive). */
  saysNot: oneOrMany.optional(),
  /** A regular expression the speech must match. */
  matches: z.string().optional(),
  /** Substrings the card (title or items) must contain. */
  card: z
    .strictObject({
      title: z.string().optional(),
      items: z.number().int().nonnegative().optional(),
      includes: oneOrMany.optional(),
    })
    .optional(),
  /** `false` to require that no card is shown. */
  hasCard: z.boolean().optional(),
  endSession: z.boolean().optional(),
  /** Exactly the purposes the reply read. */
  used: z.array(z.string()).optional(),
});
export type ReplyExpectation = z.infer<typeof replyExpectationSchema>;

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Every way `result` misses `expected` (empty when it meets it). */
export function checkReply(result: TurnResult, expected: ReplyExpectation): string[] {
  const failures: string[] = [];
  const speech = result.speech.toLowerCase();
  if (expected.intent !== undefined && result.intent !== expected.intent) {
    failures.push(`intent: expected ${expected.intent}, got ${result.intent}`);
  }
  for (const [name, want] of Object.entries(expected.slots ?? {})) {
    const got = result.slots[name];
    if (!got || (got.id ?? got.value) !== want)
      failures.push(`slot ${name}: expected ${want}, got ${got ? (got.id ?? got.value) : 'nothing'}`);
  }
  for (const s of list(expected.says))
    if (!speech.includes(s.toLowerCase())) failures.push(`speech does not contain "${s}"`);
  for (const s of list(expected.saysNot))
    if (speech.includes(s.toLowerCase())) failures.push(`speech contains "${s}"`);
  if (expected.matches !== undefined && !new RegExp(expected.matches, 'iu').test(result.speech)) {
    failures.push(`speech does not match /${expected.matches}/`);
  }
  if (expected.hasCard !== undefined && Boolean(result.card) !== expected.hasCard) {
    failures.push(expected.hasCard ? 'no card' : 'unexpected card');
  }
  if (expected.card) {
    const card = result.card;
    if (!card) failures.push('no card');
    else {
      if (expected.card.title !== undefined && card.title !== expected.card.title)
        failures.push(`card title: expected "${expected.card.title}", got "${card.title}"`);
      if (expected.card.items !== undefined && card.items.length !== expected.card.items)
        failures.push(`card items: expected ${expected.card.items}, got ${card.items.length}`);
      const shown = [card.title, ...card.items.map((i) => `${i.title} ${i.subtitle ?? ''}`)]
        .join(' ')
        .toLowerCase();
      for (const s of list(expected.card.includes))
        if (!shown.includes(s.toLowerCase())) failures.push(`card does not contain "${s}"`);
    }
  }
  if (expected.endSession !== undefined && result.endSession !== expected.endSession)
    failures.push(`endSession: expected ${expected.endSession}, got ${result.endSession}`);
  if (expected.used !== undefined) {
    const got = [...result.used].sort().join(',');
    const want = [...expected.used].sort().join(',');
    if (got !== want) failures.push(`used: expected [${want}], got [${got}]`);
  }
  return failures;
}
