import { defineConfig } from 'vitest/config';

export default defineConfig({
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
