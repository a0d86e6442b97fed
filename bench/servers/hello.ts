/**
 * A bare Hono hello-world: what a Node HTTP service costs to start with nothing else.
 * The cold-start bench polls it exactly as it polls hearth (any method, any path: 200).
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { serverAddress } from './server-address.js';

const app = new Hono();
app.all('*', (c) => c.text('hello'));
const { host, port } = serverAddress();
serve({ fetch: app.fetch, port, hostname: host });
