import type { ResponseBuilder } from 'ask-sdk-core';
import type { Directive, Response } from 'ask-sdk-model';
import { renderSsml } from '../../runtime/ssml.js';
import type { Reply } from '../../runtime/turn.js';

/** Alexa's limit on outputSpeech (characters of SSML). */
export const MAX_SSML_CHARS = 8000;
/** Alexa rejects responses above about 24 KB; keep well within it. */
const MAX_CARD_ITEMS = 10;
const MAX_CARD_TEXT = 2000;

/** SSML within Alexa's limit: long speech is cut at a sentence or word boundary before rendering. */
export function boundedSsml(speech: string, ssml: string): string {
  if (ssml.length <= MAX_SSML_CHARS) return ssml;
  let cut = speech.slice(0, MAX_SSML_CHARS / 6); // escaping expands a character to at most 6
  const sentence = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
  cut =
    sentence > cut.length / 2
      ? cut.slice(0, sentence + 1)
      : cut.slice(0, cut.lastIndexOf(' ') + 1 || cut.length);
  return renderSsml(`${cut.trimEnd()}…`);
}

function cardText(reply: Reply): string {
  const lines = [
    reply.text,
    ...(reply.card?.items.slice(0, MAX_CARD_ITEMS) ?? []).map((i) => `• ${i.title}`),
  ];
  return lines.join('\n').slice(0, MAX_CARD_TEXT);
}

/** An APL document showing the reply's card on Echo Show devices. `${…}` are APL data bindings, not JS templates. */
// biome-ignore-start lint/suspicious/noTemplateCurlyInString: APL data-binding expressions
export function aplDirective(reply: Reply): Directive {
  const items = (reply.card?.items ?? []).slice(0, MAX_CARD_ITEMS).map((i) => ({
    primaryText: i.title.slice(0, 200),
    secondaryText: (i.subtitle ?? (i.badges ?? []).join(' · ')).slice(0, 200),
  }));
  return {
    type: 'Alexa.Presentation.APL.RenderDocument',
    token: 'hearth-card',
    document: {
      type: 'APL',
      version: '2023.3',
      mainTemplate: {
        parameters: ['payload'],
        items: [
          {
            type: 'Container',
            paddingLeft: '@marginHorizontal',
            paddingRight: '@marginHorizontal',
            items: [
              { type: 'Text', text: '${payload.card.title}', style: 'textStyleDisplay4' },
              { type: 'Text', text: '${payload.card.text}', style: 'textStyleBody' },
              {
                type: 'Sequence',
                data: '${payload.card.items}',
                items: [{ type: 'Text', text: '${data.primaryText}', style: 'textStyleBody' }],
              },
            ],
          },
        ],
      },
    },
    datasources: {
      payload: {
        card: { title: (reply.card?.title ?? '').slice(0, 200), text: reply.text.slice(0, 1000), items },
      },
    },
  } as Directive;
}
// biome-ignore-end lint/suspicious/noTemplateCurlyInString: APL data-binding expressions

/** Renders a Reply with ask-sdk's response builder: speech, reprompt, one card, APL when the device has a screen. */
export function renderAlexaResponse(
  builder: ResponseBuilder,
  reply: Reply,
  { linkAccount, apl }: { linkAccount: boolean; apl: boolean },
): Response {
  if (reply.speech) builder.speak(boundedSsml(reply.speech, reply.ssml));
  if (reply.reprompt && reply.repromptSsml && !reply.endSession) {
    builder.reprompt(boundedSsml(reply.reprompt, reply.repromptSsml));
  }
  if (linkAccount) builder.withLinkAccountCard();
  else if (reply.card) builder.withSimpleCard(reply.card.title.slice(0, 200), cardText(reply));
  if (apl && reply.card) builder.addDirective(aplDirective(reply));
  builder.withShouldEndSession(reply.endSession);
  return builder.getResponse();
}
