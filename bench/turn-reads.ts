/** What each Alexa turn cost in Firestore, and the worst of them, as the Firestore bench reports it. */
import { COMMON_INTENTS } from '../src/runtime/skill-definition.js';

/** One turn's Firestore work until its reply was returned, and after. */
export interface TurnReads {
  readonly skillId: string;
  readonly intent: string;
  /** Round trips that read (every RPC before the reply but the commit of writes the reply depends on). */
  readonly roundTrips: number;
  /** Commits before the reply: writes the reply depends on ("added to your list"), by design before it. */
  readonly commitsBeforeReply: number;
  readonly documentsRead: number;
  /** RPCs by method before the reply, e.g. `batchGetDocuments×2`. */
  readonly rpcs: Readonly<Record<string, number>>;
  /** Round trips that happened after the reply (writes left off the critical path). */
  readonly roundTripsAfterReply: number;
}

/**
 * Intents allowed to read more than the rest (DESIGN.md: the privacy-rights intents "may read more"):
 * every skill's privacy intents. The two that change consent ("stop using my data", "stop all offers")
 * commit a ledger entry in a transaction before answering, and the transaction re-reads the household.
 */
export const PRIVACY_INTENTS: readonly string[] = COMMON_INTENTS;

/** The most round trips and documents of any of some turns (0 for no turns). */
export interface WorstReads {
  readonly roundTrips: number;
  readonly commitsBeforeReply: number;
  readonly documentsRead: number;
}

function worst(turns: readonly TurnReads[]): WorstReads {
  return {
    roundTrips: Math.max(0, ...turns.map((t) => t.roundTrips)),
    commitsBeforeReply: Math.max(0, ...turns.map((t) => t.commitsBeforeReply)),
    documentsRead: Math.max(0, ...turns.map((t) => t.documentsRead)),
  };
}

/** RPCs that commit writes rather than read. */
const WRITE_RPCS = ['commit', 'beginTransaction', 'rollback'];

/** Of a turn's RPCs before the reply: how many read, and how many committed writes. */
export function splitRoundTrips(rpcs: Readonly<Record<string, number>>): { reads: number; commits: number } {
  let reads = 0;
  let commits = 0;
  for (const [method, n] of Object.entries(rpcs)) {
    if (WRITE_RPCS.includes(method)) commits += n;
    else reads += n;
  }
  return { reads, commits };
}

/**
 * Intents that read a special-category purpose (health) when it is granted: its document is
 * read only once the policy has granted it, in a second round trip, never on speculation
 * (consent/read-turn-household.ts READ_ONLY_WHEN_GRANTED). Named as `skillId/intent`.
 */
export function sensitiveIntents(
  skills: readonly { id: string; intents: Readonly<Record<string, { purposes?: readonly string[] }>> }[],
  sensitive: readonly string[],
): string[] {
  return skills.flatMap((skill) =>
    Object.entries(skill.intents)
      .filter(([, intent]) => intent.purposes?.some((p) => sensitive.includes(p)))
      .map(([name]) => `${skill.id}/${name}`),
  );
}

/**
 * The worst over every turn but the privacy intents and the sensitive ones, and separately over
 * the privacy intents and over the sensitive intents (`skillId/intent`).
 */
export function worstReads(
  turns: readonly TurnReads[],
  privacy: readonly string[] = PRIVACY_INTENTS,
  sensitive: readonly string[] = [],
): { skillIntents: WorstReads; privacyIntents: WorstReads; sensitiveIntents: WorstReads } {
  const isPrivacy = (t: TurnReads) => privacy.includes(t.intent);
  const isSensitive = (t: TurnReads) => !isPrivacy(t) && sensitive.includes(`${t.skillId}/${t.intent}`);
  return {
    skillIntents: worst(turns.filter((t) => !isPrivacy(t) && !isSensitive(t))),
    privacyIntents: worst(turns.filter(isPrivacy)),
    sensitiveIntents: worst(turns.filter(isSensitive)),
  };
}

/** The per-turn table, one line per turn, aligned. */
export function turnReadsTable(turns: readonly TurnReads[]): string[] {
  const rows = turns.map((t) => [
    t.skillId,
    t.intent,
    String(t.roundTrips),
    String(t.commitsBeforeReply),
    String(t.documentsRead),
    Object.entries(t.rpcs)
      .map(([method, n]) => `${method}×${n}`)
      .join(' '),
    String(t.roundTripsAfterReply),
  ]);
  const header = ['skill', 'intent', 'reads', 'commits', 'documents', 'RPCs before the reply', 'after'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
