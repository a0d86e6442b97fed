import type { ScreenReply } from '../channels/screen/screen-reply.js';
import type { DeviceKind } from '../household/household-record.js';
import type { ScreenStrings } from '../runtime/common-files.js';
import type { Locale } from '../runtime/locales.js';
import { kindName } from '../runtime/screen-strings.js';
import { escapeHtml, jsonForScript } from './html-escape.js';
import type { ScreenAssets } from './screen-assets.js';

export type ScreenPageModel = {
  deviceId: string;
  deviceName: string;
  kind: DeviceKind;
  locale: Locale;
  /** The home reply, rendered on the server so the first paint is the finished screen. */
  reply: ScreenReply;
  /** A short-lived device token for the page's own calls; it lives in the page, never in a URL. */
  token: string;
  strings: ScreenStrings;
  assets: Pick<ScreenAssets, 'script' | 'style'>;
};

const h = escapeHtml;

function cardHtml(reply: ScreenReply): string {
  const card = reply.card;
  const items = (card?.items ?? [])
    .map((item) => {
      const subtitle = item.subtitle ? `<span class="item-subtitle">${h(item.subtitle)}</span>` : '';
      const badges = item.badges?.length
        ? `<span class="badges">${item.badges.map((b) => `<span class="badge">${h(b)}</span>`).join('')}</span>`
        : '';
      return `<li class="item"><span class="item-title">${h(item.title)}</span>${subtitle}${badges}</li>`;
    })
    .join('');
  const actions = (card?.actions ?? [])
    .map((a) => `<button type="button" class="action">${h(a.label)}</button>`)
    .join('');
  return `<section id="card" class="card" aria-labelledby="card-title"${card ? '' : ' hidden'}>
<h2 id="card-title">${h(card?.title ?? '')}</h2>
<ul id="card-items" class="items">${items}</ul>
<div id="card-actions" class="actions"${actions ? '' : ' hidden'}>${actions}</div>
</section>`;
}

function suggestionsHtml(reply: ScreenReply, strings: ScreenStrings): string {
  const chips = reply.suggestions.map((s) => `<button type="button" class="chip">${h(s)}</button>`).join('');
  return `<div id="suggestions" class="suggestions" role="group" aria-labelledby="suggestions-label"${chips ? '' : ' hidden'}>
<span id="suggestions-label" class="label">${h(strings.suggestions)}</span>
<span id="suggestion-list" class="suggestions">${chips}</span>
</div>`;
}

/**
 * The demo screen page. Every value from the store or a reply is escaped; the
 * page's data travels as JSON in a non-executed script element, escaped so no
 * value can close it. The script re-renders the same reply with DOM text.
 */
export function renderScreenPage(model: ScreenPageModel): string {
  const { reply, strings } = model;
  const config = {
    deviceId: model.deviceId,
    token: model.token,
    reply,
    strings: { failed: strings.failed, expired: strings.expired },
  };
  return `<!doctype html>
<html lang="${h(model.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${h(model.deviceName)} · hearth</title>
<link rel="icon" href="data:,">
<style>${model.assets.style}</style>
</head>
<body>
<div class="screen" data-kind="${h(model.kind)}">
<header class="bar">
<div><p class="kind">${h(kindName(strings, model.kind))}</p><h1>${h(model.deviceName)}</h1></div>
<button type="button" id="home">${h(strings.home)}</button>
</header>
<main id="reply" aria-busy="false">
<p id="reply-text" class="reply-text" tabindex="-1" aria-live="polite">${h(reply.text)}</p>
${cardHtml(reply)}
${suggestionsHtml(reply, strings)}
</main>
<form id="ask" class="ask" autocomplete="off">
<label for="question">${h(strings.question)}</label>
<div class="ask-row"><input id="question" name="question" type="text" maxlength="500" enterkeyhint="send"><button type="submit">${h(strings.ask)}</button></div>
<p id="status" class="status" role="status"></p>
</form>
</div>
<script type="application/json" id="screen-config">${jsonForScript(config)}</script>
<script>${model.assets.script}</script>
</body>
</html>
`;
}
