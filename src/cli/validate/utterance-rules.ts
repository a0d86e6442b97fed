/**
 * Sample-utterance rules (FIELD-NOTES.md, Alexa): numbers as words, no
 * punctuation but apostrophes, hyphens inside words and periods of spelled
 * abbreviations, and every `{slot}` defined on the intent.
 */
import type { RuleFinding } from './invocation-rules.js';

const SLOT = /\{([^{}]*)\}/g;

/** The slot names a sample references, in order. */
export function slotReferences(sample: string): string[] {
  return [...sample.matchAll(SLOT)].map((m) => m[1] ?? '');
}

/** Check one sample of an intent whose slots are `slots`. */
export function checkSample(sample: string, slots: readonly string[]): RuleFinding[] {
  const findings: RuleFinding[] = [];
  if (!sample.trim()) return [{ code: 'utterance-punctuation', message: 'empty sample' }];
  const text = sample.replace(SLOT, ' ');
  if (/\p{Nd}/u.test(text)) {
    findings.push({
      code: 'utterance-digit',
      message: `"${sample}" contains digits: write numbers as words`,
    });
  }
  const bad = new Set<string>();
  for (const m of text.matchAll(/[^\p{L}\p{M}\p{Nd}\s'’.-]/gu)) bad.add(m[0]);
  for (const m of text.matchAll(/(^|[^\p{L}])-|-(?![\p{L}])/gu)) bad.add(m[0].trim() || '-');
  for (const word of text.split(/\s+/)) {
    if (word.includes('.') && !/^(?:\p{L}\.)+$/u.test(word)) bad.add('.');
  }
  if (/[{}]/.test(text)) bad.add('{ }');
  if (bad.size) {
    findings.push({
      code: 'utterance-punctuation',
      message: `"${sample}" contains ${[...bad].map((c) => `"${c}"`).join(', ')}: only apostrophes, hyphens inside words and periods of abbreviations are allowed`,
    });
  }
  for (const name of slotReferences(sample)) {
    if (!slots.includes(name)) {
      findings.push({
        code: 'utterance-undefined-slot',
        message: `"${sample}" uses {${name}}, which the intent does not define`,
      });
    }
  }
  return findings;
}

/** Normalise a sample for duplicate detection: case, spacing and typographic apostrophes. */
export function normaliseSample(sample: string): string {
  return sample.toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' ').trim();
}

/** Normalise a sample for conflict detection across intents: slots replaced by their type. */
export function normaliseWithSlotTypes(sample: string, slotTypes: Record<string, string>): string {
  return normaliseSample(sample).replace(SLOT, (_m, name: string) => `{${slotTypes[name] ?? name}}`);
}
