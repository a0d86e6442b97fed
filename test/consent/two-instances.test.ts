/**
 * No cache outlives a request: two service processes (the built bundle, as
 * `npm start` runs it) on the same Firestore emulator project, A seeding the
 * demo and B finding it. A withdrawal said on A's fridge screen holds on B's
 * very next turn, and a "yes" to the consent question B asked, said on A,
 * makes B's next turn personal again. Needs `npm run build`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/consent/ledger-replay.js';
import type { DemoFile } from '../../src/demo/demo-file.js';
import { CONSENT_QUESTION_KEY } from '../../src/runtime/consent-recorder.js';
import type { DocumentStore } from '../../src/store/document-store.js';
import { openFirestoreStore } from '../../src/store/firestore/firestore-store.js';
import { marker, markersIn } from '../support/consent-markers.js';
import { clearFirestore, type FirestoreEmulator, firestoreEmulator } from '../support/firestore.js';
import { type ServiceProcess, spawnService, stopService, waitForStatus } from '../support/service-process.js';

const SECRET = 'two-instances-secret-two-instances-0123';
let emulator: FirestoreEmulator;
const dirs: string[] = [];
const services: ServiceProcess[] = [];
let store: DocumentStore;

/** A service in demo mode on the emulator project, with the secret both share (so each verifies the other's tokens). */
async function start(name: string): Promise<{ service: ServiceProcess; demo: DemoFile }> {
  const dir = mkdtempSync(path.join(tmpdir(), `hearth-two-${name}-`));
  dirs.push(dir);
  const service = await spawnService({
    HEARTH_DATA_DIR: dir,
    HEARTH_STORE: 'firestore',
    HEARTH_DEMO: 'true',
    HEARTH_SECRET: SECRET,
    FIRESTORE_PROJECT_ID: emulator.projectId,
    FIRESTORE_EMULATOR_HOST: emulator.host,
  });
  services.push(service);
  await waitForStatus(service, '/readyz', 200, 60_000);
  return { service, demo: JSON.parse(readFileSync(path.join(dir, 'demo.json'), 'utf8')) as DemoFile };
}

let a: ServiceProcess;
let b: ServiceProcess;
let household: DemoFile['households'][number];
let fridge: DemoFile['households'][number]['devices'][number];

beforeAll(async () => {
  emulator = firestoreEmulator();
  await clearFirestore(emulator);
  store = openFirestoreStore({ projectId: emulator.projectId, emulatorHost: emulator.host });
  const first = await start('a');
  a = first.service;
  const second = await start('b');
  b = second.service;
  // The first household (fr-FR) grants its fridge's contents; its fridge gets household 0's markers.
  household = first.demo.households[0]!;
  fridge = household.devices.find((d) => d.kind === 'fridge')!;
  expect(second.demo.households.map((hh) => hh.id)).toEqual(first.demo.households.map((hh) => hh.id));
  await store.merge(`households/${household.id}/context/inventory`, {
    items: [{ ingredient: marker('inventory', 0), quantity: 1, unit: 'piece', expiresOn: null }],
  });
}, 150_000);

afterAll(async () => {
  // Each service is one process (no children): SIGTERM, SIGKILL after 10 s.
  for (const service of services) await stopService(service);
  await store?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}, 30_000);

/** One screen turn of the first household's fridge on `service`. */
async function turn(
  service: ServiceProcess,
  body: { intent: string; slots?: Record<string, string>; session?: Record<string, unknown> },
) {
  const response = await fetch(`${service.baseUrl}/v1/screens/${fridge.id}/turns`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fridge.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return { text, body: JSON.parse(text) as { card?: unknown; session?: Record<string, unknown> } };
}

const whatsInMyFridge = { intent: 'WhatsInMyFridgeIntent' };

describe('two service processes on one Firestore', () => {
  it('B found the demo A seeded', () => {
    expect(a.output()).toContain('demo data seeded');
    expect(b.output()).toContain('demo data kept from an earlier start');
  });

  it("a withdrawal on A holds on B's next turn; a yes on A to B's question makes B personal again", async () => {
    const before = await turn(b, whatsInMyFridge);
    expect(before.text).toContain(marker('inventory', 0));

    const withdrawn = await turn(a, { intent: 'StopUsingMyDataIntent', slots: { dataKind: 'inventory' } });
    expect(markersIn(withdrawn.text)).toEqual([]);

    const after = await turn(b, whatsInMyFridge);
    expect(markersIn(after.text)).toEqual([]);
    expect(after.body.card).toBeUndefined();
    // B asks for the fridge's contents (the notice served and recorded); the answer is said on A.
    expect(after.body.session).toHaveProperty(CONSENT_QUESTION_KEY);
    const yes = await turn(a, { intent: 'AMAZON.YesIntent', session: after.body.session! });
    expect(markersIn(yes.text)).toEqual([]);

    const again = await turn(b, whatsInMyFridge);
    expect(again.text).toContain(marker('inventory', 0));

    const ledger = await verifyLedger(store, household.id);
    expect(ledger.problems).toEqual([]);
    expect(ledger.parsed.slice(-2).map((e) => [e.record.action, e.record.purpose, e.record.channel])).toEqual(
      [
        ['withdraw', 'inventory', 'screen'],
        ['grant', 'inventory', 'screen'],
      ],
    );
  }, 60_000);
});
