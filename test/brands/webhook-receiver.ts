import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A brand's webhook endpoint of the test's own on 127.0.0.1: records what it receives and
 * answers the statuses it is told to, in turn (then 200). `stop()` closes it, so the port
 * refuses connections; `start()` listens again on the same port.
 */
export async function startReceiver(statuses: number[] = []): Promise<{
  url: string;
  received: ReceivedWebhook[];
  answer: (next: number[]) => void;
  stop: () => Promise<void>;
  start: () => Promise<void>;
}> {
  const received: ReceivedWebhook[] = [];
  let queue = [...statuses];
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
          res.writeHead(queue.shift() ?? 200, { connection: 'close' }).end('ok');
        });
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });
  await listen();
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.closeAllConnections();
      server.close(() => resolve());
      server = undefined;
    });
  return {
    url: `http://127.0.0.1:${port}/hooks/orders`,
    received,
    answer: (next) => {
      queue = [...next];
    },
    stop,
    start: listen,
  };
}
