/**
 * Google Home smart-home fulfillment: the requests we accept (zod) and the responses
 * we give (types), after Google's intent reference (SYNC, QUERY, EXECUTE, DISCONNECT).
 */
import { z } from 'zod';
import type { JsonValue } from '../../store/document-store.js';

const deviceRef = z.object({
  id: z.string().min(1).max(256),
  customData: z.record(z.string(), z.unknown()).optional(),
});

const execution = z.object({
  command: z.string().min(1).max(128),
  params: z.record(z.string(), z.unknown()).optional(),
});

export const syncInputSchema = z.object({ intent: z.literal('action.devices.SYNC') });
export const queryInputSchema = z.object({
  intent: z.literal('action.devices.QUERY'),
  payload: z.object({ devices: z.array(deviceRef).min(1).max(200) }),
});
export const executeInputSchema = z.object({
  intent: z.literal('action.devices.EXECUTE'),
  payload: z.object({
    commands: z
      .array(
        z.object({
          devices: z.array(deviceRef).min(1).max(200),
          execution: z.array(execution).min(1).max(20),
        }),
      )
      .min(1)
      .max(50),
  }),
});
export const disconnectInputSchema = z.object({ intent: z.literal('action.devices.DISCONNECT') });

/** A smart-home intent request; Google sends one input per request and `actions-on-google` reads the first. */
export const smartHomeRequestSchema = z.object({
  requestId: z.string().min(1).max(256),
  inputs: z
    .array(
      z.discriminatedUnion('intent', [
        syncInputSchema,
        queryInputSchema,
        executeInputSchema,
        disconnectInputSchema,
      ]),
    )
    .min(1)
    .max(8),
});
export type SmartHomeRequest = z.infer<typeof smartHomeRequestSchema>;
export type QueryPayload = z.infer<typeof queryInputSchema>['payload'];
export type ExecutePayload = z.infer<typeof executeInputSchema>['payload'];
export type Execution = z.infer<typeof execution>;

/** One device in a SYNC response. */
export interface SyncDevice {
  id: string;
  type: string;
  traits: string[];
  name: { name: string };
  willReportState: boolean;
  roomHint?: string;
  attributes: Record<string, JsonValue>;
  deviceInfo?: { manufacturer: string; model: string };
}

export interface SyncPayload {
  agentUserId: string;
  devices: SyncDevice[];
}

/** A device's state in a QUERY response: `online` and `status` always, then the traits' states. */
export type DeviceQueryState = {
  online: boolean;
  status: 'SUCCESS' | 'OFFLINE' | 'EXCEPTIONS' | 'ERROR';
  errorCode?: string;
} & { [state: string]: JsonValue };

export interface QueryResultPayload {
  devices: Record<string, DeviceQueryState>;
}

/** Google's device-level error codes we answer with (from Google's "Errors and exceptions" list). */
export type SmartHomeErrorCode =
  | 'deviceNotFound'
  | 'functionNotSupported'
  | 'valueOutOfRange'
  | 'protocolError'
  /** "Unable to process commands for <device>": more executions for it in one request than we queue. */
  | 'commandInsertFailed'
  /** "<device> is already doing something right now": its queue of waiting commands is full. */
  | 'deviceBusy';

export interface ExecuteCommandResult {
  ids: string[];
  status: 'SUCCESS' | 'PENDING' | 'OFFLINE' | 'EXCEPTIONS' | 'ERROR';
  errorCode?: SmartHomeErrorCode;
}

export interface ExecuteResultPayload {
  commands: ExecuteCommandResult[];
}

/** What hearth does for each intent; the adapter wraps the answers in `{ requestId, payload }`. */
export interface SmartHomeIntents {
  sync(): Promise<SyncPayload>;
  query(payload: QueryPayload): Promise<QueryResultPayload>;
  execute(payload: ExecutePayload): Promise<ExecuteResultPayload>;
  disconnect(): Promise<void>;
}
