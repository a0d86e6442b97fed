import { describe, expect, it } from 'vitest';
import { SqliteDatabase, sqliteDriverName } from '../../src/store/sqlite/sqlite-driver.js';

describe('the better-sqlite3 build for the running Node', () => {
  it('is 12 on Node 20 and 13 from Node 22 on', () => {
    expect(sqliteDriverName('20.20.2')).toBe('better-sqlite3');
    expect(sqliteDriverName('22.12.0')).toBe('better-sqlite3-13');
    expect(sqliteDriverName('24.21.0')).toBe('better-sqlite3-13');
  });

  it('loads on this Node and survives its statements being collected', async () => {
    const db = new SqliteDatabase(':memory:');
    // Statements made and dropped, then collected: what aborts better-sqlite3 12 on Node 24.
    for (let i = 0; i < 2_000; i++) expect(db.prepare(`SELECT ${i} AS n`).get()).toEqual({ n: i });
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(db.prepare('SELECT sqlite_version() AS v').get()).toHaveProperty('v');
    db.close();
  });
});
