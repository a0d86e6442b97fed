import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKILLS } from '../../skills/index.js';
import { preferencesDocumentSchema } from '../../src/household/context-documents.js';
import { loadDefaultLanguage } from '../../src/runtime/default-language.js';
import { defineIntent, defineSkill } from '../../src/runtime/skill-definition.js';
import { createSkillRegistry } from '../../src/runtime/skill-registry.js';
import { alexaEnvelope, intentRequest } from '../support/alexa-requests.js';
import { getAlexaTestCa } from '../support/alexa-test-ca.js';
import { createHarness, type Harness } from '../support/app-harness.js';
import { grantingPolicy } from '../support/granting-gate.js';

const t = (locale: 'en-US' | 'fr-FR', key: string, values: Record<string, string>) =>
  loadDefaultLanguage().translator('fridge-chef', locale)(key, values);

type AlexaResponse = { response: { outputSpeech?: { ssml: string } } };

async function askAlexa(
  h: Harness,
  skillId: string,
  locale: string,
  intent: string,
  token: string,
  slots = {},
) {
  const applicationId =
    h.demo.skills.find((s) => s.id === skillId)?.alexaApplicationId ?? 'amzn1.ask.skill.probe';
  const body = JSON.stringify(
    alexaEnvelope({ applicationId, locale, request: intentRequest(intent, slots), accessToken: token }),
  );
  const ca = await getAlexaTestCa();
  const response = await h.app.request(`/alexa/${skillId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...ca.signAlexaRequest(body) },
    body,
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as AlexaResponse).response.outputSpeech?.ssml ?? '';
}

const ingredient = (id: string, value: string) => ({
  ingredient: {
    name: 'ingredient',
    value,
    resolutions: {
      resolutionsPerAuthority: [
        { status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: value, id } }] },
      ],
    },
  },
});

describe('adding to the shopping list by voice', () => {
  let granted: Harness;
  let refused: Harness;
  beforeAll(async () => {
    granted = await createHarness({ consent: grantingPolicy(['preferences']) });
    refused = await createHarness();
  });
  afterAll(async () => {
    await granted.close();
    await refused.close();
  });

  async function listOf(h: Harness, hid: string) {
    const snap = await h.store.get(`households/${hid}/context/preferences`);
    return preferencesDocumentSchema.parse(snap.data ?? {}).shoppingList;
  }

  it('really adds the ingredient, by id, when preferences are granted, and says so only then', async () => {
    const fr = granted.demo.households.find((x) => x.locale === 'fr-FR')!;
    const ssml = await askAlexa(
      granted,
      'fridge-chef',
      'fr-FR',
      'AddToShoppingListIntent',
      fr.alexaAccessToken!,
      ingredient('egg', 'œufs'),
    );
    expect(ssml).toContain(t('fr-FR', 'shopping.added', { ingredient: 'œufs' }).replace(/'/g, '&apos;'));
    expect(await listOf(granted, fr.id)).toEqual(['egg']);
    const again = await askAlexa(
      granted,
      'fridge-chef',
      'fr-FR',
      'AddToShoppingListIntent',
      fr.alexaAccessToken!,
      ingredient('egg', 'œufs'),
    );
    expect(again).toContain(
      t('fr-FR', 'shopping.alreadyThere', { ingredient: 'œufs' }).replace(/'/g, '&apos;'),
    );
    expect(await listOf(granted, fr.id)).toEqual(['egg']);
  });

  it('writes nothing and says why when preferences are not granted', async () => {
    const en = refused.demo.households.find((x) => x.locale === 'en-US')!;
    const ssml = await askAlexa(
      refused,
      'fridge-chef',
      'en-US',
      'AddToShoppingListIntent',
      en.alexaAccessToken!,
      ingredient('milk', 'milk'),
    );
    expect(ssml).toContain(t('en-US', 'shopping.noAccess', { ingredient: 'milk' }).replace(/'/g, '&apos;'));
    expect((await refused.store.get(`households/${en.id}/context/preferences`)).exists).toBe(false);
  });

  it('adds from an appliance screen too, through the same pipeline', async () => {
    const en = granted.demo.households.find((x) => x.locale === 'en-US')!;
    const fridge = en.devices.find((d) => d.kind === 'fridge')!;
    const response = await granted.app.request(`/v1/screens/${fridge.id}/turns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${fridge.token}` },
      body: JSON.stringify({ intent: 'AddToShoppingListIntent', slots: { ingredient: 'butter' } }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { text: string }).text).toBe(
      t('en-US', 'shopping.added', { ingredient: 'butter' }),
    );
    expect(await listOf(granted, en.id)).toEqual(['butter']);
  });
});

describe('a skill mounted by a test', () => {
  const probe = defineSkill({
    id: 'probe',
    brandId: 'probe-brand',
    invocation: {},
    slotTypes: {},
    screens: { deviceKinds: ['toaster'], homeIntent: 'PingIntent' },
    intents: {
      PingIntent: defineIntent({ handle: () => ({ speech: 'pong from a test skill' }) }),
      WhyThisSuggestionIntent: { handle: () => ({ speech: 'why' }) },
      WhatDoYouKnowIntent: { handle: () => ({ speech: 'know' }) },
      StopUsingMyDataIntent: { handle: () => ({ speech: 'stop' }) },
      StopAllOffersIntent: { handle: () => ({ speech: 'stop offers' }) },
    },
  });
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({
      skills: createSkillRegistry([...SKILLS, probe]),
      skillChannels: { probe: { alexaApplicationId: 'amzn1.ask.skill.probe' } },
    });
  });
  afterAll(() => h.close());

  it('is served on Alexa by the registry, with no platform code naming it', async () => {
    const en = h.demo.households.find((x) => x.locale === 'en-US')!;
    expect(await askAlexa(h, 'probe', 'en-US', 'PingIntent', en.alexaAccessToken!)).toBe(
      '<speak>pong from a test skill</speak>',
    );
  });

  it('is found by the device kinds its definition names', () => {
    expect(h.deps.skills.forDeviceKind('toaster')?.id).toBe('probe');
    expect(h.deps.skills.forDeviceKind('fridge')?.id).toBe('fridge-chef');
    expect(h.deps.skills.find('constructor')).toBeUndefined();
  });

  it('refuses a registry where two skills serve one device kind', () => {
    expect(() => createSkillRegistry([probe, { ...probe, id: 'probe-2' }])).toThrow(
      /toaster is served by both/,
    );
  });
});
