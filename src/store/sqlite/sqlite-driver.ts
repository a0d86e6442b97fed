import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * The better-sqlite3 build for the running Node. No one release serves both supported
 * lines: 12.11.1 (compiled at install, NAN) is the last that runs on Node 20, where 13
 * crashes; on Node 24, 12 aborts the process when a statement is garbage-collected
 * (`Assertion failed: (env) != nullptr` in `Statement::~Statement`), and 13 (Node-API,
 * prebuilt, `engines: >=22`) is the first that runs. package.json installs both, 13 under
 * the alias `better-sqlite3-13`; the API is the same, so one type serves. Every opener of a
 * SQLite file (the store, tests, helper processes) takes the driver from here.
 */
export function sqliteDriverName(nodeVersion: string = process.versions.node): string {
  const major = Number.parseInt(nodeVersion.split('.')[0] ?? '', 10);
  return major >= 22 ? 'better-sqlite3-13' : 'better-sqlite3';
}

const require = createRequire(import.meta.url);

/** The constructor of the build for this Node; its types are the package's (`import type`). */
export const SqliteDatabase = require(sqliteDriverName()) as typeof BetterSqlite3;
