import { pino } from 'pino';
import { createLogger, type Logger } from '../src/logging/logger.js';

/** hearth's own logger at `info` (its redaction and formatting cost included), writing to /dev/null. */
export function devNullLogger(): Logger {
  return createLogger({ level: 'info', destination: pino.destination({ dest: '/dev/null', sync: false }) });
}
