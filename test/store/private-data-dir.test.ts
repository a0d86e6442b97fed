import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { ensurePrivateDataDir, PrivateDataError } from '../../src/store/private-data-dir.js';

const root = mkdtempSync(path.join(tmpdir(), 'hearth-private-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
/** A fresh directory with the given mode (chmod: the umask does not get a say). */
function dirWithMode(mode: number): string {
  const dir = path.join(root, `d${++n}`);
  mkdirSync(dir);
  chmodSync(dir, mode);
  return dir;
}
function fileWithMode(file: string, mode: number, content = 'x'): string {
  writeFileSync(file, content);
  chmodSync(file, mode);
  return file;
}
const modeOf = (file: string) => statSync(file).mode & 0o7777;

/** A user id that is not this process's (nobody), for files only root can give away. */
const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

describe('ensurePrivateDataDir', () => {
  it('creates a missing data dir, and the parents it needs, for the owner only', async () => {
    const dir = path.join(root, 'new', 'data');
    await ensurePrivateDataDir(dir);
    expect(modeOf(dir)).toBe(0o700);
  });

  it('takes group and other permissions off a dir and files this process owns, and keeps stricter ones', async () => {
    const dir = dirWithMode(0o755);
    fileWithMode(path.join(dir, 'secret'), 0o644);
    fileWithMode(path.join(dir, 'demo.json'), 0o666);
    fileWithMode(path.join(dir, 'read-only'), 0o400);
    await ensurePrivateDataDir(dir, ['secret', 'demo.json', 'read-only', 'missing']);
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(path.join(dir, 'secret'))).toBe(0o600);
    expect(modeOf(path.join(dir, 'demo.json'))).toBe(0o600);
    expect(modeOf(path.join(dir, 'read-only'))).toBe(0o400);
  });

  it('refuses a shared directory (sticky bit, as /tmp) and leaves it as it is', async () => {
    const dir = dirWithMode(0o1777);
    await expect(ensurePrivateDataDir(dir)).rejects.toThrow(PrivateDataError);
    await expect(ensurePrivateDataDir(dir)).rejects.toThrow(/sticky bit.*HEARTH_DATA_DIR/);
    expect(modeOf(dir)).toBe(0o1777);
  });

  it('refuses a readable file another user owns, naming it, and leaves it as it is', async () => {
    // As root a file of ours is given to nobody; otherwise /etc/passwd is root's and 0644 everywhere.
    const [dir, file] = isRoot ? [dirWithMode(0o700), 'passwd'] : ['/etc', 'passwd'];
    const full = path.join(dir, file);
    if (isRoot) chownSync(fileWithMode(full, 0o644), NOBODY, NOBODY);
    const before = modeOf(full);
    expect(before & 0o044).not.toBe(0);
    const refused = ensurePrivateDataDir(dir, [file]);
    await expect(refused).rejects.toThrow(PrivateDataError);
    await expect(ensurePrivateDataDir(dir, [file])).rejects.toThrow(
      new RegExp(`^${full}: readable by other users \\(mode 0644\\) and owned by user \\d+`),
    );
    expect(modeOf(full)).toBe(before);
  });

  it('refuses a data dir another user owns, and leaves it as it is', async () => {
    const dir = isRoot ? dirWithMode(0o755) : '/etc';
    if (isRoot) chownSync(dir, NOBODY, NOBODY);
    const before = modeOf(dir);
    await expect(ensurePrivateDataDir(dir)).rejects.toThrow(/readable by other users/);
    expect(modeOf(dir)).toBe(before);
  });
});

describe('openStore on SQLite', () => {
  it('keeps the database and the -wal and -shm files SQLite creates for the owner only', async () => {
    const previous = process.umask(0o022);
    try {
      const dir = path.join(root, 'store', 'data');
      const file = path.join(dir, 'hearth.db');
      const store = await openStore({ kind: 'sqlite', file });
      try {
        await store.set('households/h1', { name: 'x' });
        expect(modeOf(dir)).toBe(0o700);
        for (const name of ['hearth.db', 'hearth.db-wal', 'hearth.db-shm']) {
          expect({ name, mode: modeOf(path.join(dir, name)) }).toEqual({ name, mode: 0o600 });
        }
      } finally {
        await store.close();
      }
    } finally {
      process.umask(previous);
    }
  });

  it('makes an existing world-readable database, its dir and its journals private on open', async () => {
    const dir = dirWithMode(0o755);
    const file = path.join(dir, 'hearth.db');
    const first = await openStore({ kind: 'sqlite', file });
    await first.set('households/h1', { name: 'x' });
    // As another tool would leave them, while the first connection still holds -wal and -shm.
    for (const name of ['hearth.db', 'hearth.db-wal', 'hearth.db-shm'])
      chmodSync(path.join(dir, name), 0o644);
    chmodSync(dir, 0o755);
    const second = await openStore({ kind: 'sqlite', file });
    try {
      expect(modeOf(dir)).toBe(0o700);
      for (const name of ['hearth.db', 'hearth.db-wal', 'hearth.db-shm']) {
        expect({ name, mode: modeOf(path.join(dir, name)) }).toEqual({ name, mode: 0o600 });
      }
      expect((await second.get('households/h1')).data).toEqual({ name: 'x' });
    } finally {
      await second.close();
      await first.close();
    }
  });
});
