import { BUILT_IN_INTENTS, LAUNCH, type SkillDefinition } from '../src/runtime/skill-definition.js';
import { type SkillModel, valuesOfType } from '../src/runtime/skill-model.js';
import { intentRequest } from '../test/support/alexa-requests.js';

/** An intent of a skill and the Alexa `request` that asks for it. */
export interface IntentRequest {
  readonly intent: string;
  readonly request: Record<string, unknown>;
}

/** An Alexa slot filled with a value of its type, resolved (ER_SUCCESS_MATCH) as Alexa resolves a known value. */
function filledSlot(model: SkillModel, type: string): string | Record<string, unknown> | undefined {
  if (type === 'AMAZON.NUMBER') return '2';
  const value = valuesOfType(model, type)[0];
  if (!value) return undefined;
  return {
    value: value.value,
    confirmationStatus: 'NONE',
    resolutions: {
      resolutionsPerAuthority: [
        { status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: value.value, id: value.id } }] },
      ],
    },
  };
}

/**
 * Every turn a skill answers on Alexa: the LaunchRequest, the built-in intents and the
 * skill's own intents with every slot filled (a value of its type from the locale's model),
 * so that no turn stops early to ask for a slot.
 */
export function everyIntentRequest(skill: SkillDefinition, model: SkillModel): IntentRequest[] {
  const own = Object.entries(skill.intents).map(([intent, definition]) => {
    const slots: Record<string, string | Record<string, unknown>> = {};
    for (const [name, slot] of Object.entries(definition.slots ?? {})) {
      const value = filledSlot(model, slot.type);
      if (value !== undefined) slots[name] = value;
      else if (slot.required) throw new Error(`${skill.id} ${intent}: no value of ${slot.type} for ${name}`);
    }
    return { intent, request: intentRequest(intent, slots) };
  });
  return [
    { intent: LAUNCH, request: { type: 'LaunchRequest' } },
    ...BUILT_IN_INTENTS.map((intent) => ({ intent, request: intentRequest(intent) })),
    ...own,
  ];
}
