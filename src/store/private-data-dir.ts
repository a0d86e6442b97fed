import { chmod, mkdir, open, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The data dir holds personal data (the embedded store) and credentials (the token
 * secret, demo.json, Dialogflow headers in the store): its owner's only, whoever
 * created it first (the service, `hearth seed`, the simulator, a benchmark).
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** What hearth keeps in the data dir besides the store: the demo's token secret and demo.json. */
export const DATA_DIR_FILES = ['secret', 'demo.json'] as const;

/** A path of the data dir that others may read and that this process cannot make private. */
export class PrivateDataError extends Error {
  override readonly name = 'PrivateDataError';
}

const GROUP_OTHER = 0o077;
/** The sticky bit (S_ISVTX, which node:fs does not export): /tmp and other directories shared by design. */
const STICKY = 0o1000;
const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** Windows has no group/other mode bits to check. */
const hasModes = process.platform !== 'win32';

async function statIfExists(file: string) {
  try {
    return await stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Takes group and other bits off `file` when this process owns it; refuses (never
 * changes) what another user owns. A directory with the sticky bit (/tmp) is shared
 * by design and never made private.
 */
async function makePrivate(file: string, kind: 'directory' | 'file'): Promise<void> {
  const info = await statIfExists(file);
  if (!info) return;
  if (kind === 'directory' && !info.isDirectory())
    throw new PrivateDataError(`${file}: the data dir is not a directory`);
  if ((info.mode & GROUP_OTHER) === 0) return;
  if (kind === 'directory' && (info.mode & STICKY) !== 0) {
    throw new PrivateDataError(
      `${file}: a shared directory (sticky bit) cannot be the data dir: set HEARTH_DATA_DIR to a directory of its own`,
    );
  }
  if (info.uid !== process.getuid?.()) {
    throw new PrivateDataError(
      `${file}: readable by other users (mode ${octal(info.mode)}) and owned by user ${info.uid}, not this process's: make it this user's (chown) with mode ${octal(kind === 'directory' ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE)}`,
    );
  }
  await chmod(file, info.mode & 0o7777 & ~GROUP_OTHER);
}

/**
 * Creates the data dir (mode 0700) or re-checks an existing one, and re-checks the
 * files of it that exist (`files`, relative to `dir`): group and other permissions are
 * removed when this process owns them, and a PrivateDataError names the first path it
 * cannot make private. Every entry point calls it before it opens or writes anything there.
 */
export async function ensurePrivateDataDir(dir: string, files: readonly string[] = []): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!hasModes) return;
  await makePrivate(dir, 'directory');
  for (const file of files) await makePrivate(path.resolve(dir, file), 'file');
}

/** The files of a SQLite database: the database, and the journals SQLite keeps beside it. */
export function sqliteFiles(file: string): string[] {
  const name = path.basename(file);
  return [name, `${name}-wal`, `${name}-shm`, `${name}-journal`];
}

/**
 * Before SQLite opens `file`: a private data dir, the files already there made private,
 * and a missing database created empty with mode 0600 (SQLite reads an empty file as a
 * new database). SQLite creates the -wal and -shm files with the database file's mode,
 * so they are private too; `afterSqliteOpen` checks it.
 */
export async function beforeSqliteOpen(file: string): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  await ensurePrivateDataDir(dir, sqliteFiles(file));
  try {
    await (await open(file, 'wx', PRIVATE_FILE_MODE)).close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** After SQLite opened `file`: the -wal and -shm files it may just have created, checked as the rest. */
export async function afterSqliteOpen(file: string): Promise<void> {
  await ensurePrivateDataDir(path.dirname(path.resolve(file)), sqliteFiles(file));
}
