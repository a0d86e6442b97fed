/**
 * A link token's audience is its grant's client: one platform and, for skills, one
 * skill. A token used anywhere else is refused as Alexa and Dialogflow refuse any
 * bad token (the turn is answered non-personally; Alexa adds a LinkAccount card)
 * and as Google Home does (401), with the demo's own link tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/app-harness.js';
import { grantingPolicy } from '../support/granting-gate.js';
import {
  alexaTurnIsLinked,
  type DemoSkillId,
  dialogflowTurnIsPersonal,
  googleHome,
} from '../support/platform-calls.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ consent: grantingPolicy() });
});
afterAll(() => h.close());

const tokens = () => h.demo.households[0]!.linkTokens;
const alexa = (skillId: DemoSkillId) => tokens().alexa[skillId]!;
const dialogflow = (skillId: DemoSkillId) => tokens().dialogflow[skillId]!;
const google = () => tokens().google!;

describe('Alexa', () => {
  it("takes the skill's own Alexa token", async () => {
    expect(await alexaTurnIsLinked(h, 'fridge-chef', alexa('fridge-chef'))).toBe(true);
    expect(await alexaTurnIsLinked(h, 'coffee-companion', alexa('coffee-companion'))).toBe(true);
  });

  it.each([
    ['coffee-companion', 'Alexa', () => alexa('coffee-companion')],
    ['fridge-chef', 'Dialogflow', () => dialogflow('fridge-chef')],
    ['coffee-companion', 'Dialogflow', () => dialogflow('coffee-companion')],
    ['Google Home', '', google],
  ])("refuses %s's %s token on fridge-chef: answered as unlinked", async (_owner, _platform, token) => {
    expect(await alexaTurnIsLinked(h, 'fridge-chef', token())).toBe(false);
  });

  it("refuses fridge-chef's Alexa token on coffee-companion", async () => {
    expect(await alexaTurnIsLinked(h, 'coffee-companion', alexa('fridge-chef'))).toBe(false);
  });
});

describe('Dialogflow', () => {
  it("takes the skill's own Dialogflow token", async () => {
    expect(await dialogflowTurnIsPersonal(h, 'fridge-chef', dialogflow('fridge-chef'))).toBe(true);
    expect(await dialogflowTurnIsPersonal(h, 'coffee-companion', dialogflow('coffee-companion'))).toBe(true);
  });

  it.each([
    ["fridge-chef's Dialogflow token", 'coffee-companion', () => dialogflow('fridge-chef')],
    ["coffee-companion's Alexa token", 'coffee-companion', () => alexa('coffee-companion')],
    ["fridge-chef's Alexa token", 'fridge-chef', () => alexa('fridge-chef')],
    ['a Google Home token', 'fridge-chef', google],
  ] as const)('refuses %s on %s: answered non-personally', async (_token, skillId, token) => {
    expect(await dialogflowTurnIsPersonal(h, skillId, token())).toBe(false);
  });
});

describe('Google Home', () => {
  it('takes the Google Home token', async () => {
    expect((await googleHome(h, google(), 'action.devices.SYNC')).status).toBe(200);
  });

  it.each([
    ["fridge-chef's Alexa token", () => alexa('fridge-chef')],
    ["coffee-companion's Alexa token", () => alexa('coffee-companion')],
    ["fridge-chef's Dialogflow token", () => dialogflow('fridge-chef')],
  ])('refuses %s with 401', async (_name, token) => {
    const response = await googleHome(h, token(), 'action.devices.SYNC');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
