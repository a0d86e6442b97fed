/**
 * The demo's brand webhooks: `$HEARTH_DATA_DIR/brand-webhooks.json` (mode 0600), generated
 * on the first start with a random secret per demo brand and no URL, so that orders wait
 * in the outbox until a developer adds a `url` (a local receiver) to a brand. The file is
 * where a developer reads the secret to verify hearth's signature and to sign status updates.
 */
import { randomBytes } from 'node:crypto';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensurePrivateDataDir, PRIVATE_FILE_MODE } from '../store/private-data-dir.js';
import { type BrandWebhooks, brandWebhooksSchema } from './brand-webhooks.js';

export const DEMO_WEBHOOKS_FILE = 'brand-webhooks.json';

async function readWebhooksFile(file: string): Promise<BrandWebhooks | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${file}: not JSON (remove the file to generate a new one)`);
  }
  const parsed = brandWebhooksSchema.safeParse(json);
  if (!parsed.success) {
    // The issue's path and message only: never the values, which hold secrets.
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/**
 * The demo brands' webhooks from the data dir, the file created first when missing. It is
 * written whole to a temporary file and then linked into place, which fails when it exists:
 * two processes starting at once agree on one file and neither reads it half written.
 */
export async function demoBrandWebhooks({
  dataDir,
  brandIds,
}: {
  dataDir: string;
  brandIds: readonly string[];
}): Promise<BrandWebhooks> {
  const file = path.join(dataDir, DEMO_WEBHOOKS_FILE);
  await ensurePrivateDataDir(dataDir, [DEMO_WEBHOOKS_FILE]);
  const existing = await readWebhooksFile(file);
  if (existing) return existing;
  const generated = Object.fromEntries(
    brandIds.map((id) => [id, { secret: randomBytes(32).toString('base64url') }]),
  );
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(temporary, `${JSON.stringify(generated, null, 2)}\n`, {
    mode: PRIVATE_FILE_MODE,
    flag: 'wx',
  });
  try {
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temporary);
  }
  const written = await readWebhooksFile(file);
  if (!written) throw new Error(`${file}: vanished while it was being created`);
  return written;
}

/**
 * The webhooks the service uses: HEARTH_BRAND_WEBHOOKS, and in demo mode the data dir's file
 * for the brands the configuration does not name.
 */
export async function resolveBrandWebhooks({
  configured,
  demo,
  dataDir,
  demoBrandIds,
}: {
  configured: BrandWebhooks;
  demo: boolean;
  dataDir: string;
  demoBrandIds: readonly string[];
}): Promise<BrandWebhooks> {
  if (!demo) return configured;
  return { ...(await demoBrandWebhooks({ dataDir, brandIds: demoBrandIds })), ...configured };
}
