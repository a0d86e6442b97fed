import { z } from 'zod';

/**
 * `skillChannels/{skillId}`: how each platform reaches a skill in this
 * deployment — the Alexa application id and the headers Dialogflow's
 * fulfillment settings send. Deployment data, not brand-authored code: the
 * demo seeds it into the store; production sets HEARTH_SKILL_CHANNELS or
 * writes the documents at deploy.
 */
export const skillChannelsSchema = z.object({
  alexaApplicationId: z.string().min(1).optional(),
  dialogflowHeaders: z.record(z.string().min(1), z.string().min(1)).optional(),
});
export type SkillChannels = z.infer<typeof skillChannelsSchema>;

/**
 * The same, as an operator writes it in configuration: unknown keys (a typo
 * such as `alexaApplicationID`) and empty entries are errors, since a skill
 * whose settings come from configuration never falls back to the store's.
 */
export const configuredSkillChannelsSchema = skillChannelsSchema
  .strict()
  .refine((v) => v.alexaApplicationId !== undefined || v.dialogflowHeaders !== undefined, {
    message: 'give alexaApplicationId, dialogflowHeaders or both',
  });

/** Where a skill's channel settings live in the store. */
export const skillChannelsPath = (skillId: string) => `skillChannels/${skillId}`;
