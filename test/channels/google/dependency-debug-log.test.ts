import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CHILD = path.resolve('test/fixtures/debug-log/google-turns.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'hearth-debug-log-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Outcome = {
  secrets: Record<string, string>;
  dialogflow: { status: number; body: { fulfillmentText: string } };
  home: { status: number; body: { payload: { agentUserId: string; devices: unknown[] } } };
};

/**
 * actions-on-google logs through `debug`: with DEBUG=actions-on-google:* (or *) it prints
 * every body and header it is handed and every response it builds, straight to stdout,
 * around hearth's redacting logger. The app (as built in dist/) runs in a child process
 * so that DEBUG is set before `debug` loads, as it would be for `npm start`.
 */
describe('a dependency debug log (DEBUG=actions-on-google:*)', () => {
  it.each(['actions-on-google:*', '*'])(
    'with DEBUG=%s, prints neither the Dialogflow verification header nor the token, and the turns stay linked',
    async (debug) => {
      if (!existsSync('dist/src/app.js')) throw new Error('dist/ is missing: run "npm run build" first');
      const file = path.join(dir, `outcome-${debug === '*' ? 'all' : 'aog'}.json`);
      const { stdout, stderr } = await run(process.execPath, [CHILD, file], {
        env: { PATH: process.env.PATH ?? '', DEBUG: debug, METADATA_SERVER_DETECTION: 'none' },
        maxBuffer: 64 * 1024 * 1024,
      });
      const output = stdout + stderr;
      const outcome = JSON.parse(readFileSync(file, 'utf8')) as Outcome;

      // The library's debug log is on (so the test can see a leak) ...
      expect(output).toContain('actions-on-google:debug Request');
      // ... and holds no secret of the request: the verification header's value, the token, its MAC.
      const secrets = Object.values(outcome.secrets);
      expect(secrets.length).toBe(3);
      for (const secret of secrets) {
        expect(secret.length).toBeGreaterThan(20);
        expect(output).not.toContain(secret);
        expect(output).not.toContain(secret.split('.').at(-1)!);
      }
      // Nor what was said or the reply, which tell about the household.
      expect(output).not.toContain('what is in my fridge');
      expect(output).not.toContain(outcome.dialogflow.body.fulfillmentText);

      // The turn is answered as before: linked, from the household's fridge.
      expect(outcome.dialogflow.status).toBe(200);
      expect(outcome.dialogflow.body.fulfillmentText).toMatch(
        /^There are \d+ items in your fridge, including /,
      );
      expect(outcome.home.status).toBe(200);
      expect(outcome.home.body.payload.devices.length).toBeGreaterThan(0);
    },
    30_000,
  );
});
