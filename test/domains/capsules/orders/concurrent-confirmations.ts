/**
 * 1,000 concurrent "yes" to one proposal, sent half to each of two service processes (the
 * built bundle, as `npm start` runs it) on one store, as Alexa turns of the de-DE demo
 * household (signatures off: demo mode on a loopback host, as the flood test does). The
 * proposal is made through the orders service on the same store; the session names only
 * its id, as the skill's own reply would.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { DemoFile } from '../../../../src/demo/demo-file.js';
import { orderIdFor } from '../../../../src/domains/capsules/order-record.js';
import { createOrdersService } from '../../../../src/domains/capsules/orders/orders-service.js';
import { outboxPath } from '../../../../src/outbox/outbox-record.js';
import type { DocumentStore } from '../../../../src/store/document-store.js';
import { alexaEnvelope, intentRequest } from '../../../support/alexa-requests.js';
import { type ServiceProcess, spawnService, waitForStatus } from '../../../support/service-process.js';
import { ordersOf, ristretto } from './order-fixtures.js';

export const CONFIRMATIONS = 1000;
/** The whole run, sending to counting, stays within this. */
export const RUN_LIMIT_MS = 60_000;

/** Starts one service in demo mode with Alexa signatures off and waits until it is ready. */
export async function startService(env: Record<string, string>): Promise<ServiceProcess> {
  const service = await spawnService({
    HOST: '127.0.0.1',
    HEARTH_DEMO: 'true',
    ALEXA_VERIFY_SIGNATURE: 'false',
    LOG_LEVEL: 'error',
    ...env,
  });
  await waitForStatus(service, '/readyz', 200, 60_000);
  return service;
}

/** How a reply of the de-DE household reads: the order placed, already placed, or the apology. */
function kindOf(speech: string): string {
  if (speech.includes('Erledigt: Ich habe')) return 'placed';
  if (speech.includes('schon aufgegeben')) return 'alreadyPlaced';
  if (speech.includes('etwas schiefgelaufen')) return 'apology';
  return `other: ${speech}`;
}

export type ConfirmationRun = { orders: number; outbox: number; replies: Record<string, number>; ms: number };

/** Proposes, sends the confirmations to both services at once, and counts what was made. */
export async function confirmConcurrently(
  store: DocumentStore,
  services: readonly [ServiceProcess, ServiceProcess],
  dataDir: string,
): Promise<ConfirmationRun> {
  const demo = JSON.parse(readFileSync(path.join(dataDir, 'demo.json'), 'utf8')) as DemoFile;
  const household = demo.households.find((h) => h.locale === 'de-DE')!;
  const applicationId = demo.skills.find((s) => s.id === 'coffee-companion')!.alexaApplicationId!;
  const offered = await createOrdersService({ store }).offer({
    householdId: household.id,
    skillId: 'coffee-companion',
    draft: ristretto(),
    asked: true,
    now: new Date(),
  });
  if (offered.status !== 'offered') throw new Error(`no proposal: ${offered.reason}`);
  const proposalId = offered.proposal.id;

  const turn = async (service: ServiceProcess, intent: string, attributes?: Record<string, unknown>) => {
    const envelope = alexaEnvelope({
      applicationId,
      locale: 'de-DE',
      request: intentRequest(intent),
      accessToken: household.linkTokens.alexa['coffee-companion']!,
      userId: household.alexaUserId,
      ...(attributes ? { attributes } : {}),
    });
    return fetch(`${service.baseUrl}/alexa/coffee-companion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(envelope),
      signal: AbortSignal.timeout(RUN_LIMIT_MS),
    });
  };
  // Each service has read the household once (its store connection is up), as a running one has.
  for (const service of services) expect((await turn(service, 'AMAZON.HelpIntent')).status).toBe(200);

  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: CONFIRMATIONS }, async (_, k) => {
      const response = await turn(services[k % 2]!, 'AMAZON.YesIntent', {
        _question: 'confirmOrder',
        proposal: proposalId,
      });
      const text = await response.text();
      if (response.status !== 200) return `HTTP ${response.status} ${text.slice(0, 200)}`;
      const body = JSON.parse(text) as { response?: { outputSpeech?: { ssml?: string } } };
      return kindOf(body.response?.outputSpeech?.ssml ?? '');
    }),
  );
  const orders = await ordersOf(store, household.id);
  const outbox = await store.get(outboxPath('crema', `${orderIdFor(proposalId)}.order.placed`));
  const replies: Record<string, number> = {};
  for (const kind of answers) replies[kind] = (replies[kind] ?? 0) + 1;
  return {
    orders: orders.length,
    outbox: outbox.exists ? 1 : 0,
    replies,
    ms: Math.round(performance.now() - started),
  };
}

/** What every run must show: one order, one outbox entry, at most one "placed", no other answer. */
export function expectExactlyOne(run: ConfirmationRun): void {
  expect(run.orders).toBe(1);
  expect(run.outbox).toBe(1);
  expect(run.replies.placed ?? 0).toBeLessThanOrEqual(1);
  expect(Object.keys(run.replies).filter((k) => !['placed', 'alreadyPlaced', 'apology'].includes(k))).toEqual(
    [],
  );
  expect(Object.values(run.replies).reduce((a, b) => a + b, 0)).toBe(CONFIRMATIONS);
  expect(run.ms).toBeLessThan(RUN_LIMIT_MS);
}
