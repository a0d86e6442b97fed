import { z } from '@hono/zod-openapi';
import { LOCALES } from '../../runtime/locales.js';
import { type Reply, sessionBoundsProblem } from '../../runtime/turn.js';
import type { Understood } from '../../runtime/understood.js';

/**
 * Session state as the OpenAPI document shows it: opaque JSON the screen returns
 * unchanged with its next turn. Bounded here (depth first, so nothing recurses
 * into a hostile body) so that an oversized session is a 400, not a silent reset.
 */
export const ScreenSessionSchema = z
  .record(z.string(), z.unknown())
  .superRefine((session, ctx) => {
    const problem = sessionBoundsProblem(session);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .openapi('ScreenSession', {
    description: 'Opaque conversation state: send back the `session` of the previous reply, unchanged.',
  });

const CardItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  subtitle: z.string().optional(),
  badges: z.array(z.string()).optional(),
});

const CardActionSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    intent: z.string(),
    slots: z.record(z.string(), z.string()).optional(),
  })
  .openapi('ScreenCardAction', { description: 'Tapping it sends the turn `{ intent, slots }`.' });

const UnderstoodSchema = z
  .object({
    intent: z.string().openapi({
      description: 'The intent the text was matched to; `AMAZON.FallbackIntent` when none',
      example: 'ReorderIntent',
    }),
    slots: z.record(z.string(), z.string()).openapi({
      description: 'Slot values as ids (the resolved value, numbers as digits, when a value has none)',
      example: { quantity: '50', variety: 'ristretto' },
    }),
    confidence: z.number().min(0).max(1).openapi({
      description: "The matcher's confidence, 0 to 1 (two decimals); 0 when nothing matched",
      example: 0.92,
    }),
  })
  .openapi('ScreenUnderstood', {
    description:
      'What a turn sent as `{ text }` was understood as; absent for tapped actions and the home card.',
  });

/** The screen `Reply` of DESIGN.md ("Payloads outside tests rely on"). */
export const ScreenReplySchema = z
  .object({
    locale: z.enum(LOCALES),
    text: z.string(),
    speech: z.string().optional().openapi({ description: 'What a screen with a speaker says (plain text)' }),
    card: z
      .object({ title: z.string(), items: z.array(CardItemSchema), actions: z.array(CardActionSchema) })
      .optional(),
    suggestions: z.array(z.string()).openapi({ description: 'Things to say next; send one as `{ text }`' }),
    session: ScreenSessionSchema.optional(),
    endSession: z.boolean(),
    understood: UnderstoodSchema.optional(),
  })
  .openapi('ScreenReply');
export type ScreenReply = z.infer<typeof ScreenReplySchema>;

/**
 * Renders a runtime Reply as the screen payload: no SSML, reprompts or purposes used leave the service.
 * `understood` is what typed text was matched to (only `{ text }` turns have one).
 */
export function toScreenReply(reply: Reply, understood?: Understood): ScreenReply {
  const keepSession = !reply.endSession && Object.keys(reply.session).length > 0;
  return {
    locale: reply.locale,
    text: reply.text,
    ...(reply.speech ? { speech: reply.speech } : {}),
    ...(reply.card ? { card: reply.card } : {}),
    suggestions: reply.suggestions,
    ...(keepSession ? { session: reply.session } : {}),
    endSession: reply.endSession,
    ...(understood ? { understood } : {}),
  };
}
