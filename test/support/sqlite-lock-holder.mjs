// Another process on the same SQLite file (see holdSqliteWriteLock in store-faults.ts): takes
// the write lock (BEGIN IMMEDIATE), says "locked", and holds it until told "release" (or the
// parent goes away). Plain JavaScript: a child process gets no TypeScript transform.
import { createRequire } from 'node:module';

// The file, and the better-sqlite3 build for this Node (sqliteDriverName in sqlite-driver.ts).
const [file, driver] = process.argv.slice(2);
const Database = createRequire(import.meta.url)(driver);
const db = new Database(file, { timeout: 10_000 });
db.exec('BEGIN IMMEDIATE');
process.send?.('locked');
const release = () => {
  if (db.inTransaction) db.exec('ROLLBACK');
  db.close();
  process.exit(0);
};
process.on('message', (message) => {
  if (message === 'release') release();
});
process.on('disconnect', release);
