import { describe, expect, it } from 'vitest';
import { renderReply } from '../../src/cli/simulate/render-reply.js';
import type { TurnResult } from '../../src/runtime/conversation.js';

const reply: TurnResult = {
  locale: 'de-DE',
  speech: 'Wie viele?',
  ssml: '<speak>Wie viele?</speak>',
  text: 'Wie viele?',
  suggestions: [],
  endSession: false,
  session: {},
  used: [],
  intent: 'ReorderIntent',
  slots: {
    variety: { raw: 'Ristretto', value: 'Ristretto', id: 'ristretto' },
    quantity: { raw: 'zwanzig', value: '20' },
  },
};

describe('renderReply', () => {
  it('shows a typed turn as understood, with slot ids and the confidence to two decimals', () => {
    const lines = renderReply(
      {
        ...reply,
        understood: {
          intent: 'ReorderIntent',
          slots: { variety: 'ristretto', quantity: '20' },
          confidence: 0.8,
        },
      },
      { showIntent: true },
    ).split('\n');
    expect(lines[0]).toBe('  (understood ReorderIntent variety=ristretto quantity=20, confidence 0.80)');
    expect(lines[1]).toBe('< Wie viele?');
  });

  it('adds the turn as it ran when the runtime kept slots gathered before (an elicitation)', () => {
    const lines = renderReply(
      { ...reply, understood: { intent: 'ReorderIntent', slots: { quantity: '20' }, confidence: 0.9 } },
      { showIntent: true },
    ).split('\n');
    expect(lines.slice(0, 2)).toEqual([
      '  (understood ReorderIntent quantity=20, confidence 0.90)',
      '  (ran as ReorderIntent variety=ristretto quantity=20)',
    ]);
  });

  it('shows a launched or sent turn as it ran, with nothing understood', () => {
    expect(renderReply(reply, { showIntent: true }).split('\n')[0]).toBe(
      '  (ReorderIntent variety=ristretto quantity=20)',
    );
    expect(renderReply(reply).split('\n')[0]).toBe('< Wie viele?');
  });
});
