/**
 * SSML rendering. Speech is authored as plain text and interpolated with
 * values that may come from users or devices ("Ben & Jerry's"); escaping the
 * whole text, not only the values, means no response can inject markup.
 */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escape the five XML special characters for use inside SSML. */
export function escapeSsml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Render plain speech as an SSML document. */
export function renderSsml(speech: string): string {
  return `<speak>${escapeSsml(speech)}</speak>`;
}
