/**
 * Print a reply the way a person reads it in a terminal: what the input was understood as,
 * then speech, the card and suggestions.
 */
import type { TurnResult } from '../../runtime/conversation.js';

function intentAndSlots(intent: string, slots: Record<string, string>): string {
  const pairs = Object.entries(slots).map(([k, v]) => `${k}=${v}`);
  return [intent, ...pairs].join(' ');
}

/**
 * The intent line: for typed text what the matcher understood and how confident it was,
 * then the turn as it ran when that differs (slots gathered earlier in an elicitation);
 * for launches and sent intents, the turn.
 */
function intentLines(result: TurnResult): string[] {
  const ran = intentAndSlots(
    result.intent,
    Object.fromEntries(Object.entries(result.slots).map(([k, v]) => [k, v.id ?? v.value])),
  );
  const { understood } = result;
  if (!understood) return [`  (${ran})`];
  const matched = intentAndSlots(understood.intent, understood.slots);
  const lines = [`  (understood ${matched}, confidence ${understood.confidence.toFixed(2)})`];
  if (ran !== matched) lines.push(`  (ran as ${ran})`);
  return lines;
}

/** Lines describing the reply (no trailing newline). */
export function renderReply(result: TurnResult, options: { showIntent?: boolean } = {}): string {
  const lines: string[] = [];
  if (options.showIntent) lines.push(...intentLines(result));
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
