import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const hearth = (...args: string[]) =>
  run(process.execPath, ['dist/src/cli/main.js', ...args], { env: { PATH: process.env.PATH ?? '' } });

describe('npx hearth', () => {
  it.each(['nonsense', 'constructor', 'toString', '__proto__'])(
    'answers the unknown command %s with usage and exit code 2',
    async (name) => {
      await expect(hearth(name)).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining(`unknown command "${name}"`),
      });
    },
  );
});
