import type { Harness } from './app-harness.js';
import { bearer } from './app-harness.js';

type App = Harness['app'];

export type Started = { pairingId: string; code: string; expiresAt: string; pollAfterSeconds: number };

/** `POST /v1/pairing` with a maker's credential. */
export const startPairing = (app: App, credential: string, body: unknown) =>
  app.request('/v1/pairing', {
    method: 'POST',
    headers: bearer(credential, true),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** `GET /v1/pairing/:pairingId` with a maker's credential. */
export const pollPairing = (app: App, credential: string, pairingId: string) =>
  app.request(`/v1/pairing/${pairingId}`, { headers: bearer(credential) });

/** `POST /v1/households/:hid/pairings` with a household token. */
export const confirmPairing = (app: App, token: string, hid: string, body: unknown) =>
  app.request(`/v1/households/${hid}/pairings`, {
    method: 'POST',
    headers: bearer(token, true),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** The demo maker of a kind of appliance. */
export const makerOf = (h: Harness, kind: string) =>
  h.demo.applianceMakers.find((m) => m.kinds.includes(kind))!;

/**
 * Pairs a new appliance of `kind` with a demo household the way production does (the maker
 * starts, the household confirms, the appliance polls) and answers the device's id and token.
 */
export async function pairDevice(
  h: Harness,
  household: { id: string; token: string },
  kind: 'fridge' | 'coffee-machine',
  name?: string,
): Promise<{ deviceId: string; token: string }> {
  const maker = makerOf(h, kind);
  const started = (await (
    await startPairing(h.app, maker.credential, { kind, ...(name ? { name } : {}) })
  ).json()) as Started;
  const confirmed = await confirmPairing(h.app, household.token, household.id, { code: started.code });
  if (confirmed.status !== 201) throw new Error(`confirmation answered ${confirmed.status}`);
  const polled = (await (await pollPairing(h.app, maker.credential, started.pairingId)).json()) as {
    deviceId: string;
    token: string;
  };
  return { deviceId: polled.deviceId, token: polled.token };
}
