/**
 * The Express comparison of the Alexa throughput bench: Express 5 with ask-sdk's own
 * ExpressAdapter (signature and timestamp checks off, as hearth runs in the bench), whose
 * one request handler runs hearth's turn against the store of HEARTH_DATA_DIR.
 */
import { SkillBuilders } from 'ask-sdk-core';
import { ExpressAdapter } from 'ask-sdk-express-adapter';
import express from 'express';
import { hearthTurnForExpress } from './hearth-turn-for-express.js';
import { requiredEnv, serverAddress } from './server-address.js';

const skillId = requiredEnv('BENCH_SKILL_ID');
const handle = await hearthTurnForExpress({ dataDir: requiredEnv('HEARTH_DATA_DIR'), skillId });
const skill = SkillBuilders.custom()
  .addRequestHandlers({ canHandle: () => true, handle })
  .withSkillId(requiredEnv('ALEXA_APPLICATION_ID'))
  .create();

const app = express();
app.post('/alexa/:skillId', new ExpressAdapter(skill, false, false).getRequestHandlers());
const { host, port } = serverAddress();
app.listen(port, host);
