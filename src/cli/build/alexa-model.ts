/**
 * The Alexa interaction model of one skill in one locale
 * (`interactionModel.languageModel`, plus `dialog` and `prompts` for required
 * slots). Built-in intents carry no samples: Amazon supplies them, and
 * AMAZON.FallbackIntent may not have any.
 */
import { isBuiltInIntent, type SkillDefinition, type Translate } from '../../runtime/skill-definition.js';
import { type SkillModel, uniqueSamples } from '../../runtime/skill-model.js';

/** Prompt id of a required slot's elicitation. */
export function elicitationPromptId(intent: string, slot: string): string {
  return `Elicit.Intent-${intent}.IntentSlot-${slot}`;
}

/** Build the interaction model JSON for `model` (one locale), prompts translated with `t`. */
export function buildAlexaModel(skill: SkillDefinition, model: SkillModel, t: Translate): unknown {
  const intents = model.intents.map((intent) => ({
    name: intent.name,
    samples: isBuiltInIntent(intent.name) ? [] : uniqueSamples(intent),
    slots: Object.entries(intent.slots).map(([name, slot]) => ({
      name,
      type: slot.type,
      ...(slot.required ? { samples: [`{${name}}`] } : {}),
    })),
  }));
  const types = Object.entries(model.types)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, values]) => ({
      name,
      values: values.map((v) => ({ id: v.id, name: { value: v.value, synonyms: v.synonyms ?? [] } })),
    }));
  const withRequired = model.intents.filter((i) => Object.values(i.slots).some((s) => s.required));
  const dialog = withRequired.length
    ? {
        // The runtime asks for missing slots itself (same on every channel); Alexa lets it.
        delegationStrategy: 'SKILL_RESPONSE',
        intents: withRequired.map((intent) => ({
          name: intent.name,
          confirmationRequired: false,
          prompts: {},
          slots: Object.entries(intent.slots).map(([name, slot]) => ({
            name,
            type: slot.type,
            confirmationRequired: false,
            elicitationRequired: slot.required === true,
            prompts: slot.required ? { elicitation: elicitationPromptId(intent.name, name) } : {},
          })),
        })),
      }
    : undefined;
  const prompts = withRequired.flatMap((intent) =>
    Object.entries(intent.slots)
      .filter(([, slot]) => slot.required)
      .map(([name, slot]) => ({
        id: elicitationPromptId(intent.name, name),
        variations: [{ type: 'PlainText', value: t(slot.prompt ?? 'help.reprompt') }],
      })),
  );
  return {
    interactionModel: {
      languageModel: {
        invocationName: model.invocationName?.value ?? skill.id.replace(/-/g, ' '),
        intents,
        types,
      },
      ...(dialog ? { dialog, prompts } : {}),
    },
  };
}
