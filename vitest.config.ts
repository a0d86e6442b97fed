import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Skills import the package's own entry points (`hearth/skill`, `hearth/testing`).
 * Node resolves them to `dist/` by the `default` condition of `exports`; vitest runs
 * the TypeScript sources, so each entry is aliased to the source file its `types`
 * condition names. Without it a test would load the compiled runtime for skills
 * and the source runtime for itself: two copies of every module-level value.
 */
const { name, exports } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  name: string;
  exports: Record<string, { types: string }>;
};
const entryPoints = Object.entries(exports).map(([subpath, { types }]) => ({
  find: new RegExp(`^${name}/${subpath.slice(2)}$`),
  replacement: fileURLToPath(new URL(types, import.meta.url)),
}));

export default defineConfig({
  resolve: { alias: entryPoints },
  test: {
    include: ['test/**/*.test.ts'],
    // Run in order before any test file; teardown runs in reverse. Add later global
    // setups (browsers, other emulators) to this list.
    globalSetup: ['test/setup/firestore-emulator.ts', 'test/setup/chromium.ts'],
    // Child processes rather than threads: tests start servers, worker threads of
    // their own and native modules (better-sqlite3), and a crash stays in one file.
    pool: 'forks',
    // Two cores, plus the emulator's JVM: two test files at a time keeps timings honest.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    teardownTimeout: 20_000,
  },
});
