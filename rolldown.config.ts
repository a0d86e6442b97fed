import { defineConfig, type Plugin } from 'rolldown';

/**
 * zod's `z` namespace re-exports every one of its ~50 error-message locales (`z.locales`), and the
 * namespace escapes (zod-to-openapi extends it), so the bundle carried all of them: 270 kB of the
 * 2.2 MB, and nearly all of its non-ASCII text, compiled on every start (the cold-start bench).
 * hearth never switches zod's locale (its own errors are problem+json codes, its spoken texts
 * i18next's), so `z.locales` keeps English only: the locale zod configures itself with.
 */
function zodEnglishLocaleOnly(): Plugin {
  return {
    name: 'hearth:zod-english-locale-only',
    load(id) {
      if (!/[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/.test(id)) return null;
      return 'export { default as en } from "./en.js";\n';
    },
  };
}

/**
 * The service as `npm start` runs it: `dist/src/server.js` (tsc's output) and what it imports,
 * bundled into `dist/service/`. One file loads in a fraction of the time of the ~400 modules it
 * replaces (the cold-start bench). Dynamic imports stay separate chunks, so the store a start does
 * not use is still never loaded. Native and data-bearing packages stay outside: better-sqlite3
 * (a native addon), the Google Cloud clients (they read their own protos and package files at
 * run time), actions-on-google (loaded on the first Dialogflow turn), swagger-ui-dist (static
 * assets found through its package), the Snowball stemmers (required on the first typed turn of a
 * language, runtime/understanding/stemmers.ts).
 */
export default defineConfig({
  input: { server: 'dist/src/server.js' },
  platform: 'node',
  external: [
    /^node:/,
    'better-sqlite3',
    /^@google-cloud\//,
    'actions-on-google',
    'swagger-ui-dist',
    /^@orama\/stemmers/,
  ],
  plugins: [zodEnglishLocaleOnly()],
  output: {
    dir: 'dist/service',
    // Chunks of earlier builds (their names carry a hash) go: only what this build made is loaded.
    cleanDir: true,
    format: 'esm',
    sourcemap: true,
    // An ASCII-only source is kept one byte per character by V8 and decoded without a copy; the
    // JSDoc comments live on in the sourcemap. Licence comments stay.
    charset: 'ascii',
    comments: { legal: true, annotation: false, jsdoc: false },
  },
  logLevel: 'warn',
});
