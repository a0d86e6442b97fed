import { performance } from 'node:perf_hooks';
import { SKILLS } from '../skills/index.js';
import { matcherFor } from '../src/runtime/conversation.js';
import { loadDefaultLanguage } from '../src/runtime/default-language.js';
import { LOCALES } from '../src/runtime/locales.js';
import type { Expectation, Lexicon, Matcher } from '../src/runtime/matcher.js';
import type { SkillModel } from '../src/runtime/skill-model.js';
import { type BenchModule, type BenchResult, benchResult, reported } from './results.js';
import { hostileInputs, longInput, searchedInputs, typedInputs } from './screen-inputs.js';
import { median, pairwiseMedianRatio, percentile, rounded } from './stats.js';

/** Passes over the inputs: at least MIN, then more while the budget lasts, at most MAX. */
const MIN_PASSES = 1;
const MAX_PASSES = 20;
const BUDGET_MS = 2000;

/*
 * Targets, from the service's own latency target (alexa.latency.p99_ms_at_200rps <= 10 ms).
 * The matcher runs synchronously on the event loop of a screen turn: while it runs, no other
 * request of the process moves. A typical typed turn may spend at most half of that 10 ms
 * budget matching (p99 <= 5 ms), leaving the rest for the store and the handler. 500
 * characters is the most a screen turn accepts (MAX_TEXT_CHARS): rare, but anyone can send
 * it, and one such match must not by itself push every concurrent request of the process
 * past the service's p99 (<= 10 ms).
 */
const P99_TARGET_MS = 5;
const P99_500_CHARS_TARGET_MS = 10;
/** The costliest hostile text may cost at most this many normal typed turns' matching (issue 8, finding 6). */
const WORST_VS_NORMAL_TARGET = 5;
/** Rounds of timing of the costliest hostile texts against normal text; how many by count and by time. */
const ROUNDS = 7;
const TIMED_HOSTILE = 6;

type Call = () => unknown;

/** One call's time, in ms. */
function timeOnce(call: Call): number {
  const start = performance.now();
  call();
  return performance.now() - start;
}

/**
 * The costliest hostile text of a matcher against its normal typed text, in time. Candidates:
 * the fixed families of `hostileInputs` (also with a slot expected, as a session may say) and
 * what a seeded search finds by the matcher's step count; the costliest by count and by a first
 * timing are timed in rounds. Each round times every typed input once (a normal typed turn's
 * matching is their mean) and each candidate once; a candidate's cost is the median over rounds
 * of its time against that round's normal, so a change of machine load between rounds cancels out.
 */
function worstVsNormal(matcher: Matcher, model: SkillModel, lexicon: Lexicon, typed: readonly string[]) {
  const steps = (text: string, expecting?: Expectation) => {
    const meter = { steps: 0 };
    matcher.match(text, expecting, meter);
    return meter.steps;
  };
  const withSlot = model.intents.find((intent) => Object.keys(intent.slots).length > 0);
  const expecting = withSlot && { intent: withSlot.name, slot: Object.keys(withSlot.slots)[0] ?? '' };
  const searched = searchedInputs(model, lexicon, steps, { rounds: 100, starts: 3 });
  const candidates = [...hostileInputs(model, lexicon), ...searched].flatMap(({ name, text }) => [
    { name, call: () => matcher.match(text), steps: steps(text), first: 0 },
    ...(expecting
      ? [
          {
            name: `${name}, slot expected`,
            call: () => matcher.match(text, expecting),
            steps: steps(text, expecting),
            first: 0,
          },
        ]
      : []),
  ]);
  for (const c of candidates) c.first = timeOnce(c.call);
  const timed = [
    ...new Set([
      ...[...candidates].sort((a, b) => b.steps - a.steps).slice(0, TIMED_HOSTILE),
      ...[...candidates].sort((a, b) => b.first - a.first).slice(0, TIMED_HOSTILE),
    ]),
  ];
  const normalCalls = typed.map((text) => () => matcher.match(text));
  for (const call of normalCalls) call();
  const normalPerRound: number[] = [];
  const timesPerRound = timed.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    let total = 0;
    for (const call of normalCalls) total += timeOnce(call);
    normalPerRound.push(total / normalCalls.length);
    timed.forEach((c, k) => {
      timesPerRound[k]?.push(timeOnce(c.call));
    });
  }
  let worst = { name: '', ratio: 0, ms: 0 };
  timed.forEach((c, k) => {
    const times = timesPerRound[k] ?? [];
    const ratio = pairwiseMedianRatio(times, normalPerRound);
    if (ratio > worst.ratio) worst = { name: c.name, ratio, ms: median(times) };
  });
  return { ...worst, normalMs: median(normalPerRound), hostile: candidates.length };
}

/** Runs the calls pass after pass (one pass to warm up first), timing each call. */
function timeCalls(calls: readonly Call[]): { durations: number[]; totalMs: number } {
  for (const call of calls) call();
  const durations: number[] = [];
  let totalMs = 0;
  for (let pass = 0; pass < MAX_PASSES && (pass < MIN_PASSES || totalMs < BUDGET_MS); pass++) {
    for (const call of calls) {
      const start = performance.now();
      call();
      const ms = performance.now() - start;
      durations.push(ms);
      totalMs += ms;
    }
  }
  return { durations, totalMs };
}

/**
 * The local matcher of typed screen turns, in-process: every skill in every locale, on the
 * authored samples (slots filled, lightly perturbed) and off-topic text; then on a
 * 500-character input per skill and locale; then the costliest hostile text of each (500
 * characters of one letter, one-letter words, unicode, slot values, samples padded to the most
 * the matcher reads, a seeded search) against normal typed text (`worst_vs_normal`). Matchers
 * are built before timing.
 */
export const screenMatchBench: BenchModule = {
  name: 'screen-match',
  async run(): Promise<BenchResult[]> {
    const language = loadDefaultLanguage();
    const typed: Call[] = [];
    const long: Call[] = [];
    for (const skill of SKILLS) {
      for (const locale of LOCALES) {
        const matcher = matcherFor(skill, locale, language);
        const inputs = typedInputs(language.model(skill, locale));
        for (const text of inputs) typed.push(() => matcher.match(text));
        const text = longInput(inputs);
        long.push(() => matcher.match(text));
      }
    }
    const short = timeCalls(typed);
    const longest = timeCalls(long);
    console.log(
      `  ${typed.length} typed inputs, ${short.durations.length} matches; ${long.length} inputs of 500 characters, ${longest.durations.length} matches`,
    );
    let worst = { ratio: 0, ms: 0, of: '' };
    for (const skill of SKILLS) {
      for (const locale of LOCALES) {
        const model = language.model(skill, locale);
        const found = worstVsNormal(
          matcherFor(skill, locale, language),
          model,
          language.lexicon(locale),
          typedInputs(model),
        );
        console.log(
          `  ${skill.id} ${locale}: normal ${rounded(found.normalMs, 3)} ms, worst of ${found.hostile} hostile ${rounded(found.ms, 3)} ms (${found.name}): x${rounded(found.ratio, 2)}`,
        );
        if (found.ratio > worst.ratio)
          worst = { ratio: found.ratio, ms: found.ms, of: `${skill.id} ${locale}` };
      }
    }
    console.log(`  worst against normal: x${rounded(worst.ratio, 2)} (${worst.of})`);
    return reported([
      benchResult('screen.match.p99_ms', rounded(percentile(short.durations, 99), 3), 'ms', {
        op: '<=',
        value: P99_TARGET_MS,
      }),
      benchResult('screen.match.p99_ms_500_chars', rounded(percentile(longest.durations, 99), 3), 'ms', {
        op: '<=',
        value: P99_500_CHARS_TARGET_MS,
      }),
      benchResult('screen.match.worst_vs_normal', rounded(worst.ratio, 2), 'x', {
        op: '<=',
        value: WORST_VS_NORMAL_TARGET,
      }),
      benchResult('screen.match.worst_ms', rounded(worst.ms, 3), 'ms'),
      benchResult(
        'screen.match.per_s',
        Math.round((short.durations.length * 1000) / short.totalMs),
        'matches/s',
      ),
    ]);
  },
};
