/**
 * The `--replay` file: a scripted dialog with expectations (docs/simulate.md).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LOCALES } from '../../runtime/locales.js';
import { replyExpectationSchema } from '../../runtime/reply-expectation.js';

const turnSchema = z.union([
  z.strictObject({ launch: z.literal(true), expect: replyExpectationSchema.optional() }),
  z.strictObject({ say: z.string(), expect: replyExpectationSchema.optional() }),
  z.strictObject({
    send: z.strictObject({ intent: z.string(), slots: z.record(z.string(), z.string()).optional() }),
    expect: replyExpectationSchema.optional(),
  }),
]);

export const replayFileSchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().optional(),
  skill: z.string(),
  locale: z.enum(LOCALES),
  /** A household id, looked up like `--household`. */
  household: z.string().optional(),
  /** The request clock (ISO-8601), fixed for the whole dialog. */
  now: z.iso.datetime({ offset: true }).optional(),
  turns: z.array(turnSchema).min(1),
});
export type ReplayFile = z.infer<typeof replayFileSchema>;
export type ReplayTurn = z.infer<typeof turnSchema>;

/** Read and parse a replay file; errors name the file and the offending field. */
export function readReplayFile(
  path: string,
): { ok: true; replay: ReplayFile } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { ok: false, error: `${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = replayFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { ok: false, error: `${path}: ${issues.join('; ')}` };
  }
  return { ok: true, replay: parsed.data };
}
