/**
 * The floor of the Alexa throughput bench: bare Hono and a trivial ask-sdk skill that says
 * "Hello" to any request. No verification, no store, no logging: what any Alexa endpoint on
 * this stack costs at least.
 */
import { serve } from '@hono/node-server';
import { SkillBuilders } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import { Hono } from 'hono';
import { serverAddress } from './server-address.js';

const skill = SkillBuilders.custom()
  .addRequestHandlers({
    canHandle: () => true,
    handle: (input) => input.responseBuilder.speak('Hello').getResponse(),
  })
  .create();

const app = new Hono();
app.post('/alexa/:skillId', async (c) => c.json(await skill.invoke(await c.req.json<RequestEnvelope>())));
const { host, port } = serverAddress();
serve({ fetch: app.fetch, port, hostname: host });
