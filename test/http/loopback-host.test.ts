import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../src/http/loopback-host.js';

describe('isLoopbackHost', () => {
  it.each([
    'localhost',
    'LocalHost',
    'demo.localhost',
    '127.0.0.1',
    '127.255.255.254',
    '::1',
    '[::1]',
    '0:0:0:0:0:0:0:1',
    '::ffff:127.0.0.1',
    '[::ffff:7f00:1]',
  ])('takes %s as this machine', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    '',
    '0.0.0.0',
    '::',
    '128.0.0.1',
    '10.0.0.1',
    '::2',
    'localhost.evil.example',
    'localhostevil.example',
    '127.0.0.1.nip.io',
    'evil.example',
    '[::1',
  ])('does not take %s as this machine', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
