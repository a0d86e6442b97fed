import {
  CommandQueueFullError,
  type DeviceCommand,
  enqueueCommands,
  MAX_COMMANDS_PER_ENQUEUE,
} from '../../household/device-commands.js';
import {
  type DeviceRecord,
  deviceRecordSchema,
  type Locale,
  localeSchema,
} from '../../household/household-record.js';
import { paths } from '../../household/paths.js';
import { unlinkGrant } from '../../linking/unlink-grant.js';
import type { DocumentStore } from '../../store/document-store.js';
import type { ExecuteCommandResult, SmartHomeErrorCode, SmartHomeIntents } from './smart-home-protocol.js';
import { deviceCommandFor, queryState, syncDevice } from './smart-home-traits.js';

export interface SmartHomeContext {
  store: DocumentStore;
  /** The household the Google link token names. */
  householdId: string;
  /** The grant of the Google link token: DISCONNECT unlinks it. */
  grantId: string;
  /** The domain clock: telemetry freshness and command expiry. */
  now: Date;
  /** The wall clock: audit records say when things really happened. */
  wallNow: Date;
}

/**
 * Most executions one EXECUTE may ask of one device (across its command groups).
 * Nobody asks a coffee machine for more than a few things at once; the cap keeps
 * one request from queuing hundreds of commands (50 groups x 20 executions).
 */
export const MAX_EXECUTIONS_PER_DEVICE = MAX_COMMANDS_PER_ENQUEUE;

/** The household's appliances by id (a household has a handful: one query, no id from Google in a path). */
async function householdDevices(
  store: DocumentStore,
  householdId: string,
): Promise<Map<string, DeviceRecord>> {
  const snaps = await store.query({ collection: paths.devices(householdId) });
  const devices = new Map<string, DeviceRecord>();
  for (const snap of snaps) {
    const parsed = deviceRecordSchema.safeParse(snap.data);
    if (parsed.success) devices.set(snap.id, parsed.data);
  }
  return devices;
}

/** The intents of one Google Home request, for one household. */
export function smartHomeIntents({
  store,
  householdId,
  grantId,
  now,
  wallNow,
}: SmartHomeContext): SmartHomeIntents {
  return {
    async sync() {
      const [household, devices] = await Promise.all([
        store.get(paths.household(householdId)),
        householdDevices(store, householdId),
      ]);
      const locale: Locale = localeSchema.catch('en-US').parse(household.data?.locale);
      return {
        agentUserId: householdId,
        devices: [...devices].map(([id, device]) => syncDevice(id, device, locale)),
      };
    },

    async query({ devices: asked }) {
      const devices = await householdDevices(store, householdId);
      return { devices: Object.fromEntries(asked.map(({ id }) => [id, queryState(devices.get(id), now)])) };
    },

    async execute({ commands }) {
      const devices = await householdDevices(store, householdId);
      // Per device: every execution it is asked for, or the first reason it cannot do them all.
      const plans = new Map<string, { commands: DeviceCommand[]; error?: SmartHomeErrorCode }>();
      for (const group of commands) {
        for (const { id } of group.devices) {
          const plan = plans.get(id) ?? { commands: [] };
          plans.set(id, plan);
          const device = devices.get(id);
          if (plan.error) continue;
          if (!device) {
            plan.error = 'deviceNotFound';
            continue;
          }
          for (const execution of group.execution) {
            if (plan.commands.length === MAX_EXECUTIONS_PER_DEVICE) {
              plan.error = 'commandInsertFailed';
              break;
            }
            const mapped = deviceCommandFor(device.kind, execution);
            if (!mapped.ok) {
              plan.error = mapped.errorCode;
              break;
            }
            plan.commands.push(mapped.command);
          }
        }
      }
      // All or nothing per device: a device with one impossible command gets none of them.
      await Promise.all(
        [...plans]
          .filter(([, plan]) => !plan.error)
          .map(async ([deviceId, plan]) => {
            try {
              await enqueueCommands({ store, householdId, deviceId, commands: plan.commands, now });
            } catch (error) {
              if (!(error instanceof CommandQueueFullError)) throw error;
              plan.error = 'deviceBusy';
            }
          }),
      );
      const results = new Map<string, ExecuteCommandResult>();
      for (const [id, plan] of plans) {
        const key = plan.error ?? 'PENDING';
        const result =
          results.get(key) ??
          (plan.error
            ? { ids: [], status: 'ERROR' as const, errorCode: plan.error }
            : { ids: [], status: 'PENDING' as const });
        result.ids.push(id);
        results.set(key, result);
      }
      return { commands: [...results.values()] };
    },

    async disconnect() {
      // The user unlinked hearth in the Google Home app: the grant goes at once (with a non-personal audit record).
      await unlinkGrant(store, { householdId, grantId, by: 'google.disconnect', wallNow });
    },
  };
}
