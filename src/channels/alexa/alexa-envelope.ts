import type { RequestEnvelope } from 'ask-sdk-model';
import { z } from 'zod';
import { sessionBoundsProblem } from '../../runtime/turn.js';

const slotSchema = z.object({
  name: z.string(),
  value: z.string().optional(),
  resolutions: z
    .object({
      resolutionsPerAuthority: z
        .array(
          z.object({
            status: z.object({ code: z.string() }),
            values: z
              .array(z.object({ value: z.object({ name: z.string(), id: z.string().optional() }) }))
              .optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});
export type AlexaSlot = z.infer<typeof slotSchema>;

/**
 * The part of Alexa's request envelope hearth reads, checked before any
 * handler runs. Only these fields are kept in the parsed copy (the rest is
 * not copied at all); ask-sdk gets the envelope as it came.
 */
export const alexaEnvelopeSchema = z.object({
  version: z.string(),
  session: z
    .looseObject({
      new: z.boolean().optional(),
      attributes: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  context: z.object({
    System: z.object({
      application: z.object({ applicationId: z.string().min(1) }),
      user: z.object({ userId: z.string().optional(), accessToken: z.string().optional() }).optional(),
      device: z.object({ supportedInterfaces: z.record(z.string(), z.unknown()).optional() }).optional(),
    }),
  }),
  request: z.object({
    type: z.string().min(1),
    requestId: z.string().optional(),
    timestamp: z.string(),
    locale: z.string().optional(),
    dialogState: z.enum(['STARTED', 'IN_PROGRESS', 'COMPLETED']).optional(),
    /**
     * A skill event's details (`AlexaSkillEvent.*`): the account-linked event's access
     * token. Other requests' bodies, whatever their shape, are no reason to refuse them.
     */
    body: z
      .object({ accessToken: z.string().optional().catch(undefined) })
      .optional()
      .catch(undefined),
    intent: z
      .looseObject({
        name: z.string().min(1).max(200),
        slots: z.record(z.string(), slotSchema).optional(),
      })
      .optional(),
  }),
});
export type AlexaEnvelope = z.infer<typeof alexaEnvelopeSchema>;

/**
 * The envelope as ask-sdk gets it. ask-sdk copies the session attributes through
 * JSON.stringify, which a deep enough nesting runs off the end of the stack (a 500);
 * attributes beyond the session bounds, which the turn ignores anyway (it starts
 * afresh), are handed to it as `{}`.
 */
export function envelopeForSdk(json: unknown): RequestEnvelope {
  const envelope = json as RequestEnvelope;
  const attributes = envelope.session?.attributes;
  if (!envelope.session || attributes === undefined || sessionBoundsProblem(attributes) === undefined) {
    return envelope;
  }
  return { ...envelope, session: { ...envelope.session, attributes: {} } };
}
