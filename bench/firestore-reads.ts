import { setTimeout as sleep } from 'node:timers/promises';
import { SKILLS } from '../skills/index.js';
import { createApp } from '../src/app.js';
import { createTokenSigner } from '../src/auth/token-signer.js';
import { READ_ONLY_WHEN_GRANTED } from '../src/consent/read-turn-household.js';
import { buildDemoFile } from '../src/demo/demo-file.js';
import { seedDemo } from '../src/demo/seed-demo.js';
import { createEffectWriter } from '../src/household/effect-writer.js';
import { loadDefaultLanguage } from '../src/runtime/default-language.js';
import { resolveLocale } from '../src/runtime/locales.js';
import { createSkillRegistry } from '../src/runtime/skill-registry.js';
import type { DocumentStore } from '../src/store/document-store.js';
import startFirestoreEmulator from '../test/setup/firestore-emulator.js';
import { openTestFirestoreStore } from '../test/support/firestore.js';
import { grantingPolicy } from '../test/support/granting-gate.js';
import { alexaBody, alexaPath, asksToLink, hasSpeech } from './alexa-bodies.js';
import { everyIntentRequest } from './alexa-intent-requests.js';
import { type DemoJson, firstHousehold, parseDemoJson } from './demo-json.js';
import { devNullLogger } from './dev-null-logger.js';
import { countsSince, type FirestoreTally, installFirestoreTally, roundTrips } from './firestore-tally.js';
import { type BenchModule, type BenchResult, benchResult, reported } from './results.js';
import {
  sensitiveIntents,
  splitRoundTrips,
  type TurnReads,
  turnReadsTable,
  worstReads,
} from './turn-reads.js';

/** Long enough for what a turn leaves in flight (writes after the reply) to be sent. */
const SETTLE_MS = 100;
const SECRET = 'bench-secret-bench-secret-bench-secret-01';

/** The app as src/service.ts builds it, on `store`, with every purpose granted so personal paths run. */
function benchApp(store: DocumentStore, signer: ReturnType<typeof createTokenSigner>) {
  const logger = devNullLogger();
  return createApp({
    store,
    logger,
    signer,
    clock: () => new Date(),
    demo: false,
    skills: createSkillRegistry(SKILLS),
    language: loadDefaultLanguage(),
    consent: grantingPolicy(),
    effects: createEffectWriter({ store, logger }),
    requestTimeoutMs: 10_000,
    alexa: { verifySignature: false },
  });
}

/** Sends every intent of every skill for the first demo household, one at a time, tallying each. */
async function measureTurns(app: ReturnType<typeof benchApp>, demo: DemoJson, tally: FirestoreTally) {
  const language = loadDefaultLanguage();
  const locale = resolveLocale(firstHousehold(demo).locale);
  const send = async (skillId: string, request: Record<string, unknown>) => {
    const response = await app.request(alexaPath(skillId), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: alexaBody(demo, request, skillId),
    });
    return { status: response.status, body: await response.text() };
  };
  // Channel settings are read once and cached per process: warm them, as any running service has.
  for (const skill of SKILLS) await send(skill.id, { type: 'LaunchRequest' });
  await sleep(SETTLE_MS);

  const turns: TurnReads[] = [];
  for (const skill of SKILLS) {
    for (const { intent, request } of everyIntentRequest(skill, language.model(skill, locale))) {
      tally.reset();
      const reply = await send(skill.id, request);
      const beforeReply = tally.counts();
      if (reply.status !== 200 || !hasSpeech(reply.body) || asksToLink(reply.body)) {
        throw new Error(`${skill.id} ${intent}: ${reply.status} ${reply.body.slice(0, 300)}`);
      }
      await sleep(SETTLE_MS);
      const { reads, commits } = splitRoundTrips(beforeReply.rpcs);
      turns.push({
        skillId: skill.id,
        intent,
        roundTrips: reads,
        commitsBeforeReply: commits,
        documentsRead: beforeReply.documentsRead,
        rpcs: beforeReply.rpcs,
        roundTripsAfterReply: roundTrips(countsSince(tally.counts(), beforeReply)),
      });
    }
  }
  return turns;
}

/**
 * Firestore round trips and documents read per Alexa turn, on the emulator: hearth's app
 * in-process on the Firestore store seeded with the demo, every purpose granted; every intent
 * of both skills sent once for the first demo household; the client's RPCs and the documents
 * its reads return counted until the reply is returned (see firestore-tally.ts).
 */
export const firestoreReadsBench: BenchModule = {
  name: 'firestore-reads',
  async run(): Promise<BenchResult[]> {
    const environment = { ...process.env };
    const stopEmulator = await startFirestoreEmulator();
    let store: DocumentStore | undefined;
    let tally: FirestoreTally | undefined;
    try {
      ({ store } = await openTestFirestoreStore());
      const signer = createTokenSigner({ secret: SECRET });
      await seedDemo({ store, now: new Date() });
      const demo = parseDemoJson(
        await buildDemoFile({ store, signer, baseUrl: 'http://127.0.0.1' }),
        'buildDemoFile',
      );
      tally = installFirestoreTally();
      const turns = await measureTurns(benchApp(store, signer), demo, tally);
      for (const line of turnReadsTable(turns)) console.log(`  ${line}`);
      // Every linked turn reads at least its household: a turn counted at 0 means the tally missed the client.
      const unseen = turns
        .filter((t) => t.roundTrips + t.commitsBeforeReply === 0)
        .map((t) => `${t.skillId} ${t.intent}`);
      if (unseen.length > 0)
        throw new Error(`the Firestore tally saw no round trip for ${unseen.join(', ')}`);

      const sensitive = sensitiveIntents(SKILLS, READ_ONLY_WHEN_GRANTED);
      const {
        skillIntents,
        privacyIntents,
        sensitiveIntents: health,
      } = worstReads(turns, undefined, sensitive);
      return reported([
        benchResult('firestore.round_trips_per_turn.max', skillIntents.roundTrips, 'round trips', {
          op: '<=',
          value: 1,
        }),
        benchResult('firestore.reads_per_turn.max', skillIntents.documentsRead, 'documents', {
          op: '<=',
          value: 5,
        }),
        benchResult('firestore.commits_before_reply.max', skillIntents.commitsBeforeReply, 'commits'),
        benchResult('firestore.round_trips_per_turn.privacy_max', privacyIntents.roundTrips, 'round trips'),
        benchResult('firestore.reads_per_turn.privacy_max', privacyIntents.documentsRead, 'documents'),
        // Health is read only once granted (every purpose is, here): a second round trip by design.
        benchResult('firestore.round_trips_per_turn.health_max', health.roundTrips, 'round trips', {
          op: '<=',
          value: 2,
        }),
        benchResult('firestore.reads_per_turn.health_max', health.documentsRead, 'documents', {
          op: '<=',
          value: 5,
        }),
      ]);
    } finally {
      tally?.uninstall();
      await store?.close();
      await stopEmulator?.();
      // The emulator's setup sets FIRESTORE_* and METADATA_SERVER_DETECTION for test workers; not for later benches.
      for (const key of Object.keys(process.env)) if (!(key in environment)) delete process.env[key];
    }
  },
};
