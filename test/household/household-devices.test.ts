import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/household/paths.js';
import { bearer, createHarness, type Harness } from '../support/app-harness.js';
import { expectProblem } from '../support/http-expect.js';
import { pairDevice } from '../support/pairing-requests.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

type Listed = {
  id: string;
  kind: string;
  skillId: string;
  brandId: string;
  name: string;
  locale: string;
  createdAt: string;
};

const list = (hid: string, token: string) =>
  h.app.request(`/v1/households/${hid}/devices`, { headers: bearer(token) });

async function devicesOf(hh: { id: string; token: string }): Promise<Listed[]> {
  const response = await list(hh.id, hh.token);
  expect(response.status).toBe(200);
  return ((await response.json()) as { devices: Listed[] }).devices;
}

describe('GET /v1/households/:hid/devices', () => {
  it("lists the household's devices with what each is, and nothing of their state", async () => {
    const hh = h.demo.households[1]!;
    const devices = await devicesOf(hh);
    expect(devices.map((d) => d.id).sort()).toEqual(hh.devices.map((d) => d.id).sort());
    for (const device of devices) {
      expect(Object.keys(device).sort()).toEqual(
        ['brandId', 'createdAt', 'id', 'kind', 'locale', 'name', 'skillId'].sort(),
      );
      const demo = hh.devices.find((d) => d.id === device.id)!;
      expect(device).toMatchObject({ kind: demo.kind, skillId: demo.skillId, locale: hh.locale });
    }
  });

  it('lists a device paired since, after the older ones, and no longer once removed', async () => {
    const hh = h.demo.households[2]!;
    const paired = await pairDevice(h, hh, 'fridge', 'Garage fridge');
    const devices = await devicesOf(hh);
    expect(devices.at(-1)).toMatchObject({
      id: paired.deviceId,
      kind: 'fridge',
      skillId: 'fridge-chef',
      brandId: 'frostline',
      name: 'Garage fridge',
    });
    const removed = await h.app.request(`/v1/households/${hh.id}/devices/${paired.deviceId}`, {
      method: 'DELETE',
      headers: bearer(hh.token),
    });
    expect(removed.status).toBe(204);
    expect((await devicesOf(hh)).map((d) => d.id)).not.toContain(paired.deviceId);
  });

  it('leaves out a device document that does not parse', async () => {
    const hh = h.demo.households[3]!;
    await h.store.set(paths.device(hh.id, 'dev_broken'), { kind: 'toaster' });
    expect((await devicesOf(hh)).map((d) => d.id)).not.toContain('dev_broken');
  });

  it("answers 404 for another household's id, and only its own devices to each", async () => {
    const [mine, theirs] = [h.demo.households[4]!, h.demo.households[5]!];
    await expectProblem(await list(theirs.id, mine.token), 404, 'not_found');
    const ids = (await devicesOf(mine)).map((d) => d.id);
    for (const device of theirs.devices) expect(ids).not.toContain(device.id);
  });

  it('answers 401 to a device token, a maker credential or none', async () => {
    const hh = h.demo.households[4]!;
    await expectProblem(await list(hh.id, hh.devices[0]!.token), 401, 'unauthorized');
    await expectProblem(await list(hh.id, h.demo.applianceMakers[0]!.credential), 401, 'unauthorized');
    await expectProblem(await h.app.request(`/v1/households/${hh.id}/devices`), 401, 'unauthorized');
  });

  it('answers 400 to an id that cannot be one', async () => {
    const hh = h.demo.households[4]!;
    await expectProblem(await list('__x__', hh.token), 400, 'validation_failed');
  });
});
