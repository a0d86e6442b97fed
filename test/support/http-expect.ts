import { expect } from 'vitest';
import { ScreenReplySchema } from '../../src/channels/screen/screen-reply.js';
import { bearer, type Harness } from './app-harness.js';

export type ProblemBody = {
  status: number;
  code: string;
  detail?: string;
  requestId?: string;
  errors?: { path: string; message: string }[];
};

/** A problem+json answer with this status and stable code, and no stack trace in it. */
export async function expectProblem(response: Response, status: number, code: string): Promise<ProblemBody> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = (await response.json()) as ProblemBody;
  expect(body).toMatchObject({ status, code });
  expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
  return body;
}

/** A 200 whose body is exactly the screen Reply of DESIGN.md, and nothing the screen must not see. */
export async function expectScreenReply(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    expect([
      'locale',
      'text',
      'speech',
      'card',
      'suggestions',
      'session',
      'endSession',
      'understood',
    ]).toContain(key);
  }
  return ScreenReplySchema.strict().parse(body);
}

type DemoHousehold = Harness['demo']['households'][number];
/** The demo household's fridge. */
export const fridgeOf = (hh: DemoHousehold) => hh.devices.find((d) => d.kind === 'fridge')!;
/** The demo household's coffee machine. */
export const coffeeOf = (hh: DemoHousehold) => hh.devices.find((d) => d.kind === 'coffee-machine')!;

/** A turn of a screen device through the app (`POST /v1/screens/:id/turns`), answered with a screen Reply. */
export async function screenTurn(
  app: Harness['app'],
  device: { id: string; token: string },
  body: Record<string, unknown>,
) {
  const response = await app.request(`/v1/screens/${device.id}/turns`, {
    method: 'POST',
    headers: bearer(device.token, true),
    body: JSON.stringify(body),
  });
  return expectScreenReply(response);
}
