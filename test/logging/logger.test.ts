import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, lazyChild } from '../../src/logging/logger.js';
import { capturingLogger } from '../support/store-faults.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }), lines };
}

describe('createLogger', () => {
  it('writes one JSON line per entry with level, time and service', () => {
    const { logger, lines } = capture();
    logger.info({ route: '/v1/x' }, 'request');
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'info', service: 'hearth', route: '/v1/x', msg: 'request' });
    expect(typeof entry.time).toBe('string');
  });

  it('redacts tokens, sign-in codes and personal fields, also when nested', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        token: 'hth1.secret.mac',
        authorization: 'Bearer hth1.x.y',
        user: { accessToken: 'link-token', email: 'a@b.c' },
        link: { code: 'ONE-TIME-CODE' },
        health: { profile: { allergens: ['peanuts'], diet: 'vegan' } },
        location: { postcode: '75011' },
      },
      'something happened',
    );
    const line = lines[0]!;
    for (const secret of [
      'hth1.secret.mac',
      'hth1.x.y',
      'link-token',
      'a@b.c',
      'ONE-TIME-CODE',
      'peanuts',
      'vegan',
      '75011',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('[redacted]');
  });
});

describe('a request logger made on first use', () => {
  it('logs with its bindings and never changes the shared root logger', () => {
    const { logger, lines } = capturingLogger();
    const log = lazyChild(logger, { requestId: 'req-lazy' });
    log.level = 'warn';
    log.info('hidden');
    log.warn('shown');
    logger.info('root still at info');
    expect(lines.map((l) => [l.msg, l.requestId])).toEqual([
      ['shown', 'req-lazy'],
      ['root still at info', undefined],
    ]);
  });
});
