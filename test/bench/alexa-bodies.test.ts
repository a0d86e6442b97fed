import { describe, expect, it } from 'vitest';
import { alexaBody, asksToLink, hasSpeech } from '../../bench/alexa-bodies.js';
import { alexaLinkToken, parseDemoJson } from '../../bench/demo-json.js';

const demo = parseDemoJson(
  {
    households: [
      {
        id: 'h1',
        locale: 'fr-FR',
        alexaUserId: 'amzn1.ask.account.DEMOH1',
        alexaAccessToken: 'alias-token',
        linkTokens: { alexa: { 'fridge-chef': 'fridge-token' } },
        extra: 'ignored',
      },
    ],
    skills: [{ id: 'fridge-chef', alexaApplicationId: 'amzn1.ask.skill.fridge' }],
  },
  'test',
);

describe('Alexa request bodies of the benches', () => {
  it("speak for the first demo household: its skill's link token, user id, locale and the skill's application id", () => {
    const body = JSON.parse(alexaBody(demo, { type: 'LaunchRequest' }));
    expect(body.context.System.user).toEqual({
      userId: 'amzn1.ask.account.DEMOH1',
      accessToken: 'fridge-token',
    });
    expect(body.context.System.application.applicationId).toBe('amzn1.ask.skill.fridge');
    expect(body.request).toMatchObject({ type: 'LaunchRequest', locale: 'fr-FR' });
  });

  it('fall back to the alexaAccessToken alias when demo.json has no per-skill token', () => {
    expect(alexaLinkToken(demo.households[0]!, 'coffee-companion')).toBe('alias-token');
    expect(() => alexaBody(demo, { type: 'LaunchRequest' }, 'coffee-companion')).toThrow(
      /alexaApplicationId/,
    );
  });

  it('refuse a demo.json without households, naming the field', () => {
    expect(() => parseDemoJson({ households: [], skills: [] }, 'demo.json')).toThrow(/demo.json: households/);
  });

  it('count a reply as spoken only with non-empty speech', () => {
    const reply = (outputSpeech: unknown) => JSON.stringify({ version: '1.0', response: { outputSpeech } });
    expect(hasSpeech(reply({ type: 'SSML', ssml: '<speak>Bonjour</speak>' }))).toBe(true);
    expect(hasSpeech(reply({ type: 'SSML', ssml: '<speak> </speak>' }))).toBe(false);
    expect(hasSpeech(JSON.stringify({ version: '1.0', response: {} }))).toBe(false);
    expect(hasSpeech('Unauthorized')).toBe(false);
  });

  it('tell a reply to an unlinked account by its LinkAccount card', () => {
    const reply = (card: unknown) => JSON.stringify({ version: '1.0', response: { card } });
    expect(asksToLink(reply({ type: 'LinkAccount' }))).toBe(true);
    expect(asksToLink(reply({ type: 'Simple', title: 'Idées', content: 'LinkAccount' }))).toBe(false);
  });
});
