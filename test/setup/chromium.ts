import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Vitest global setup: page tests drive Debian's Chromium. When it is missing
 * and we run as root (CI, this kind of machine), install it from Debian's
 * packages; otherwise fail with the command to run. Test tools that download
 * their own browser cannot work here.
 */
export default function setup(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}: run "sudo apt-get update && sudo apt-get install -y chromium"`,
    );
  }
  process.stderr.write('[setup] installing Debian chromium for the page tests (apt-get)...\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env, timeout: 300_000 });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
    stdio: 'inherit',
    env,
    timeout: 600_000,
  });
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`apt-get installed chromium but ${CHROMIUM_PATH} is still missing`);
}
