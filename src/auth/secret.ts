import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensurePrivateDataDir, PRIVATE_FILE_MODE } from '../store/private-data-dir.js';

/** Shortest secret we sign with (HEARTH_SECRET has the same floor). */
const MIN_SECRET_CHARS = 32;
/** Reads of a short secret file before giving up: enough for a concurrent start to finish its write. */
const SHORT_READ_ATTEMPTS = 5;
const SHORT_READ_PAUSE_MS = 50;

/**
 * The secret in `file`, or undefined when there is no file. A file shorter than
 * MIN_SECRET_CHARS is read again a few times (another process may have created
 * it and not written it yet), then is an error naming the file: signing with an
 * empty or truncated secret would make every token forgeable.
 */
async function readSecretFile(file: string): Promise<string | undefined> {
  for (let attempt = 1; ; attempt++) {
    let content: string;
    try {
      content = (await readFile(file, 'utf8')).trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    if (content.length >= MIN_SECRET_CHARS) return content;
    if (attempt >= SHORT_READ_ATTEMPTS) {
      throw new Error(
        `${file}: the token secret is ${content.length} characters, at least ${MIN_SECRET_CHARS} are needed (remove the file to generate one, or set HEARTH_SECRET)`,
      );
    }
    await sleep(SHORT_READ_PAUSE_MS);
  }
}

/**
 * The token secret: from configuration, or in demo mode generated once into the
 * data dir (mode 0600) so tokens survive restarts of the demo.
 */
export async function resolveSecret({
  configured,
  dataDir,
}: {
  configured?: string;
  dataDir: string;
}): Promise<string> {
  if (configured) return configured;
  const file = path.join(dataDir, 'secret');
  // A secret others can read signs tokens anyone could forge: made private, or refused, first.
  await ensurePrivateDataDir(dataDir, ['secret']);
  const existing = await readSecretFile(file);
  if (existing !== undefined) return existing;
  const secret = randomBytes(32).toString('base64url');
  try {
    // 'wx': two processes starting at once must not each write their own secret.
    await writeFile(file, `${secret}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another process won the race: its secret, once it has finished writing it.
    const theirs = await readSecretFile(file);
    if (theirs === undefined)
      throw new Error(`${file}: the token secret vanished while it was being created`);
    return theirs;
  }
}
