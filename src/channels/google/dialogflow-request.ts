import { z } from 'zod';

/** The part of a Dialogflow ES webhook request hearth reads; anything else passes through. */
export const dialogflowRequestSchema = z.looseObject({
  session: z.string().min(1).max(500),
  queryResult: z.looseObject({
    queryText: z.string().max(5000).optional(),
    languageCode: z.string().min(2).max(20),
    parameters: z.record(z.string(), z.unknown()).optional(),
    intent: z.looseObject({ displayName: z.string().min(1).max(200) }),
    outputContexts: z
      .array(z.looseObject({ name: z.string(), parameters: z.record(z.string(), z.unknown()).optional() }))
      .optional(),
  }),
  originalDetectIntentRequest: z
    .looseObject({ payload: z.looseObject({ accessToken: z.string().optional() }).optional() })
    .optional(),
});
export type DialogflowRequest = z.infer<typeof dialogflowRequestSchema>;

/** The output context that carries hearth's session state between Dialogflow turns. */
export const SESSION_CONTEXT = 'hearth-session';
