/**
 * Warnings about understanding: intents of a skill whose authored samples the
 * typed-text matcher's similarity stage confuses with another intent's (each
 * sample held out, the model without it asked which intent it is: the same
 * model that understands screens and `hearth simulate`). They say where more
 * samples would help; they are advice, never a reason to fail.
 */

import { lexiconOf } from '../../runtime/lexicon.js';
import type { LocaleFiles } from '../../runtime/locale-files.js';
import { fallbackChain, LOCALES, type Locale } from '../../runtime/locales.js';
import { type SkillDefinition, skillDefinitionSchema } from '../../runtime/skill-definition.js';
import { mergeSkillModel } from '../../runtime/skill-model.js';
import { type ConfusablePair, confusableIntents } from '../../runtime/understanding/confusable-intents.js';
import type { Problem } from './problem.js';
import type { SkillSource } from './validate-project.js';

/** The share of an intent's held-out samples read as one other intent from which validate warns. */
export const CONFUSION_SHARE = 0.3;
/** Fewest such samples for a warning (one stray sample is noise, not a pattern). */
export const CONFUSION_MIN_SAMPLES = 2;

/** How many samples a warning quotes. */
const QUOTED = 3;

/** The warnings of every valid skill in every locale (a regional locale's only where its own samples take part), each at the file of the samples read wrong. */
export function understandingWarnings({
  skills,
  files,
}: {
  skills: SkillSource[];
  files: LocaleFiles;
}): Problem[] {
  const warnings: Problem[] = [];
  for (const source of skills) {
    if (!skillDefinitionSchema.safeParse(source.definition).success) continue;
    const skill = source.definition as SkillDefinition;
    const warned = new Map<Locale, Set<string>>();
    for (const locale of LOCALES) {
      if (!fallbackChain(locale).some((l) => files.skills[skill.id]?.[l]?.model)) continue;
      const model = mergeSkillModel(skill, files, locale);
      const pairs = confusableIntents(model, lexiconOf(files, locale)).filter(
        (p) => p.score >= CONFUSION_SHARE && p.examples.length >= CONFUSION_MIN_SAMPLES,
      );
      warned.set(locale, new Set(pairs.map(pairKey)));
      const parent = fallbackChain(locale)[1];
      const parentWarned = (parent && warned.get(parent)) || new Set<string>();
      for (const pair of pairs) {
        const sampleFiles = pair.examples.map(
          (text) =>
            model.intents
              .find((i) => i.name === pair.intentA)
              ?.samples.find((s) => s.text.trim().replace(/\s+/g, ' ') === text)?.file ??
            `locales/${locale}/${skill.id}/model.json`,
        );
        // What the parent locale already warns about, with none of this locale's own samples, is said once.
        const ownSample = sampleFiles.some((f) => f.includes(`/${locale}/`));
        if (parentWarned.has(pairKey(pair)) && !ownSample) continue;
        warnings.push(confusionWarning(skill.id, locale, pair, sampleFiles[0] ?? ''));
      }
    }
  }
  return warnings;
}

function pairKey(pair: ConfusablePair): string {
  return `${pair.intentA}\u0000${pair.intentB}`;
}

function confusionWarning(skill: string, locale: Locale, pair: ConfusablePair, file: string): Problem {
  const total = Math.round(pair.examples.length / pair.score);
  const quoted = pair.examples
    .slice(0, QUOTED)
    .map((e) => `"${e}"`)
    .join(', ');
  const more = pair.examples.length > QUOTED ? ', …' : '';
  return {
    code: 'intents-confusable',
    file,
    skill,
    intent: pair.intentA,
    locale,
    message: `${pair.examples.length} of ${total} samples read as ${pair.intentB} when held out (${quoted}${more}): add samples to ${pair.intentA} in words that set it apart from ${pair.intentB}, or reword these`,
  };
}
