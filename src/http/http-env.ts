import type { Logger } from '../logging/logger.js';

/** What every request carries on its context: its id and a logger that names it. */
export type HttpEnv = {
  Variables: {
    requestId: string;
    log: Logger;
  };
};
