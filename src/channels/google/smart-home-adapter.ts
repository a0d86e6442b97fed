/**
 * The one place that touches `actions-on-google`: its smart-home types are loose
 * (`any` maps, required fields Google does not require), so hearth's own protocol
 * types stop here.
 */
import type {
  JsonObject,
  SmartHomeV1DisconnectResponse,
  SmartHomeV1ExecuteResponse,
  SmartHomeV1QueryResponse,
  SmartHomeV1SyncResponse,
} from 'actions-on-google';
import {
  executeInputSchema,
  queryInputSchema,
  type SmartHomeIntents,
  type SmartHomeRequest,
} from './smart-home-protocol.js';

type Library = typeof import('actions-on-google');
let library: Promise<Library> | undefined;

/**
 * Loaded on the first Google Home request, not at start: the package pulls in
 * `googleapis` (half a second), which no other route needs to be ready.
 */
function loadLibrary(): Promise<Library> {
  library ??= import('actions-on-google');
  return library;
}

/** Runs a validated smart-home request through `smarthome()` and returns the status and JSON body to send. */
export async function fulfilSmartHome(
  request: SmartHomeRequest,
  intents: SmartHomeIntents,
): Promise<{ status: number; body: unknown }> {
  const { smarthome } = await loadLibrary();
  // One app per request: the handlers close over this request's household, nothing is shared.
  const app = smarthome();
  const { requestId } = request;
  app.onSync(
    async () => ({ requestId, payload: await intents.sync() }) as unknown as SmartHomeV1SyncResponse,
  );
  app.onQuery(async (body) => {
    // Already validated; parsing again narrows the library's loose type to ours.
    const { payload } = queryInputSchema.parse(body.inputs[0]);
    return { requestId, payload: await intents.query(payload) } as unknown as SmartHomeV1QueryResponse;
  });
  app.onExecute(async (body) => {
    const { payload } = executeInputSchema.parse(body.inputs[0]);
    return { requestId, payload: await intents.execute(payload) } as unknown as SmartHomeV1ExecuteResponse;
  });
  app.onDisconnect(async () => {
    await intents.disconnect();
    return {} satisfies SmartHomeV1DisconnectResponse;
  });
  // No headers: the library's debug log prints them, and the bearer token must never reach a log.
  const response = await app.handler(request as unknown as JsonObject, {});
  return { status: response.status, body: response.body };
}
