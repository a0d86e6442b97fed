import { defineConfig } from 'rolldown';

/**
 * The service as `npm start` runs it: `dist/src/server.js` (tsc's output) and what it imports,
 * bundled into `dist/service/`. One file loads in a fraction of the time of the ~400 modules it
 * replaces (the cold-start bench). Dynamic imports stay separate chunks, so the store a start does
 * not use is still never loaded. Native and data-bearing packages stay outside: better-sqlite3
 * (a native addon), the Google Cloud clients (they read their own protos and package files at
 * run time), actions-on-google (loaded on the first Dialogflow turn), swagger-ui-dist (static
 * assets found through its package).
 */
export default defineConfig({
  input: { server: 'dist/src/server.js' },
  platform: 'node',
  external: [/^node:/, 'better-sqlite3', /^@google-cloud\//, 'actions-on-google', 'swagger-ui-dist'],
  output: { dir: 'dist/service', format: 'esm', sourcemap: true },
  logLevel: 'warn',
});
