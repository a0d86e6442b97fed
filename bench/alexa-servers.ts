import {
  alexaPath,
  asksToLink,
  BENCH_SKILL,
  cookBody,
  dealsBody,
  hasSpeech,
  launchBody,
} from './alexa-bodies.js';
import { builtScript, type ChildServer, type ChildServers, waitForAnswer } from './child-servers.js';
import { alexaApplicationId } from './demo-json.js';
import { type HearthProcess, startHearth } from './hearth-process.js';
import { describeAnswer } from './http-probe.js';

/** A server under load and the body sent to it. */
export interface AlexaTarget {
  readonly label: string;
  readonly url: string;
  readonly body: string;
  readonly server: ChildServer;
}

/** Sends `body` once and fails unless the answer is 200 with speech, for a linked account. */
export async function checkSpeaks(server: ChildServer, body: string, label: string): Promise<void> {
  const request = { method: 'POST', path: alexaPath(), body } as const;
  const { answer } = await waitForAnswer(server, request, { timeoutMs: 30_000 });
  if (!hasSpeech(answer.body))
    throw new Error(`${label}: the reply has no speech: ${describeAnswer(answer)}`);
  if (asksToLink(answer.body)) {
    throw new Error(
      `${label}: answered as to an unlinked account (its token did not verify): ${describeAnswer(answer)}`,
    );
  }
}

/** A target of `server` with `body`, once it has answered that body with speech for a linked account. */
async function checkedTarget(label: string, server: ChildServer, body: string): Promise<AlexaTarget> {
  await checkSpeaks(server, body, label);
  return { label, url: `${server.baseUrl}${alexaPath()}`, body, server };
}

/** hearth started on a fresh data dir, answering its cook, launch and deals requests with speech. */
export async function startCheckedHearth(
  servers: ChildServers,
): Promise<HearthProcess & { cook: AlexaTarget; launch: AlexaTarget; deals: AlexaTarget }> {
  const hearth = await startHearth(servers);
  const cook = await checkedTarget('hearth cook', hearth.server, cookBody(hearth.demo));
  const launch = await checkedTarget('hearth launch', hearth.server, launchBody(hearth.demo));
  const deals = await checkedTarget('hearth deals', hearth.server, dealsBody(hearth.demo));
  return { ...hearth, cook, launch, deals };
}

/** The floor server (bare Hono + trivial ask-sdk skill), answering hearth's LaunchRequest body. */
export async function startFloor(servers: ChildServers, hearth: HearthProcess): Promise<AlexaTarget> {
  const server = await servers.spawn('floor', builtScript('bench/servers/floor.js'));
  return checkedTarget('floor', server, launchBody(hearth.demo));
}

/** The Express + ExpressAdapter server running hearth's turn on hearth's store, answering the cook request. */
export async function startExpress(servers: ChildServers, hearth: HearthProcess): Promise<AlexaTarget> {
  const server = await servers.spawn('express', builtScript('bench/servers/express.js'), {
    HEARTH_DATA_DIR: hearth.dataDir,
    BENCH_SKILL_ID: BENCH_SKILL,
    ALEXA_APPLICATION_ID: alexaApplicationId(hearth.demo, BENCH_SKILL),
  });
  return checkedTarget('express', server, cookBody(hearth.demo));
}
