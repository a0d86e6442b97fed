/** Print a reply the way a person reads it in a terminal: speech, then the card, then suggestions. */
import type { TurnResult } from '../../runtime/conversation.js';

/** Lines describing the reply (no trailing newline). */
export function renderReply(result: TurnResult, options: { showIntent?: boolean } = {}): string {
  const lines: string[] = [];
  if (options.showIntent) {
    const slots = Object.entries(result.slots)
      .map(([k, v]) => `${k}=${v.id ?? v.value}`)
      .join(' ');
    lines.push(`  (${result.intent}${slots ? ` ${slots}` : ''})`);
  }
  lines.push(`< ${result.speech}`);
  if (result.card) {
    lines.push(`  ┌ ${result.card.title}`);
    for (const item of result.card.items) {
      const badges = item.badges?.length ? ` [${item.badges.join(', ')}]` : '';
      lines.push(`  │ • ${item.title}${item.subtitle ? ` — ${item.subtitle}` : ''}${badges}`);
    }
    for (const action of result.card.actions) lines.push(`  │ [${action.label}] -> ${action.intent}`);
    lines.push('  └');
  }
  if (result.suggestions.length) lines.push(`  suggestions: ${result.suggestions.join(' | ')}`);
  if (result.used.length) lines.push(`  used: ${result.used.join(', ')}`);
  if (result.endSession) lines.push('  (session ended)');
  return lines.join('\n');
}
