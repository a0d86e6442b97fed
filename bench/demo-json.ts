import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * The part of `<HEARTH_DATA_DIR>/demo.json` the benchmarks use (DESIGN.md, `.hearth/demo.json`).
 * `linkTokens` is the documented per-skill form; `alexaAccessToken` its older alias.
 */
const demoJsonSchema = z.object({
  households: z
    .array(
      z.object({
        id: z.string().min(1),
        locale: z.string().min(1),
        alexaUserId: z.string().min(1),
        alexaAccessToken: z.string().min(1).optional(),
        linkTokens: z.object({ alexa: z.record(z.string(), z.string().min(1)).optional() }).optional(),
      }),
    )
    .min(1),
  skills: z.array(z.object({ id: z.string().min(1), alexaApplicationId: z.string().min(1).optional() })),
});

export type DemoJson = z.infer<typeof demoJsonSchema>;
export type DemoHousehold = DemoJson['households'][number];

/** Checks demo.json's content (or `buildDemoFile`'s); throws naming `source` and the first problem. */
export function parseDemoJson(value: unknown, source: string): DemoJson {
  const parsed = demoJsonSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${source}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unexpected shape'}`);
  }
  return parsed.data;
}

/** Reads and checks demo.json of a data dir. */
export async function readDemoJson(dataDir: string): Promise<DemoJson> {
  const file = path.join(dataDir, 'demo.json');
  return parseDemoJson(JSON.parse(await readFile(file, 'utf8')), file);
}

/** The Alexa account-linking token of a household for a skill (`linkTokens.alexa[skill]`, else the alias). */
export function alexaLinkToken(household: DemoHousehold, skillId: string): string {
  const token = household.linkTokens?.alexa?.[skillId] ?? household.alexaAccessToken;
  if (!token) throw new Error(`demo.json: household ${household.id} has no Alexa token for ${skillId}`);
  return token;
}

/** The Alexa application id demo.json gives a skill. */
export function alexaApplicationId(demo: DemoJson, skillId: string): string {
  const id = demo.skills.find((s) => s.id === skillId)?.alexaApplicationId;
  if (!id) throw new Error(`demo.json: skill ${skillId} has no alexaApplicationId`);
  return id;
}

/** The first demo household: the one every Alexa benchmark speaks for. */
export function firstHousehold(demo: DemoJson): DemoHousehold {
  return demo.households[0] as DemoHousehold;
}
