/**
 * What each appliance kind is to Google Home: its device type, the traits it really
 * has with their attributes (SYNC), its state (QUERY), and how Google's commands become
 * hearth device commands (EXECUTE).
 */
import { z } from 'zod';
import type { DeviceCommand } from '../../household/device-commands.js';
import type { DeviceKind, DeviceRecord, Locale } from '../../household/household-record.js';
import type { JsonValue } from '../../store/document-store.js';
import type { DeviceQueryState, Execution, SmartHomeErrorCode, SyncDevice } from './smart-home-protocol.js';

export const GOOGLE_TRAITS = {
  onOff: 'action.devices.traits.OnOff',
  cook: 'action.devices.traits.Cook',
  temperatureControl: 'action.devices.traits.TemperatureControl',
} as const;

export const GOOGLE_COMMANDS = {
  onOff: 'action.devices.commands.OnOff',
  cook: 'action.devices.commands.Cook',
  setTemperature: 'action.devices.commands.SetTemperature',
} as const;

/** The setpoints a refrigerator compartment takes, in °C (Google transmits Celsius and converts for people). */
export const FRIDGE_RANGE_CELSIUS = { min: 1, max: 8 } as const;

/**
 * Telemetry older than this no longer says the device is online: appliances report
 * at least daily (FIELD-NOTES, Replenishment), so a silent day means it is not.
 */
export const STATE_FRESH_MS = 24 * 3600 * 1000;

/** Only the United States among our locales reads temperatures in Fahrenheit. */
export const temperatureUnitFor = (locale: Locale): 'F' | 'C' => (locale === 'en-US' ? 'F' : 'C');

// Each field parsed on its own: one bad value must not hide the others.
const reportedStateSchema = z.object({
  reportedAt: z.string().optional().catch(undefined),
  online: z.boolean().optional().catch(undefined),
  on: z.boolean().optional().catch(undefined),
  brewing: z.boolean().optional().catch(undefined),
  temperatureSetpointCelsius: z.number().optional().catch(undefined),
  temperatureAmbientCelsius: z.number().optional().catch(undefined),
});
type ReportedState = z.infer<typeof reportedStateSchema>;

type CommandMapping = { ok: true; command: DeviceCommand } | { ok: false; errorCode: SmartHomeErrorCode };

interface KindProfile {
  type: string;
  traits: string[];
  attributes(locale: Locale): Record<string, JsonValue>;
  /** The trait states QUERY answers with once the device is online. */
  states(state: ReportedState): Record<string, JsonValue>;
  /** Google command name -> hearth command, for the commands this kind's traits have. */
  commands: Record<string, (params: Record<string, unknown>) => CommandMapping>;
}

const onOffParams = z.object({ on: z.boolean() });
const cookParams = z.object({
  start: z.boolean(),
  cookingMode: z.string().optional(),
  quantity: z.number().positive().max(100).optional(),
  unit: z
    .string()
    .regex(/^[A-Z_]{1,32}$/)
    .optional(),
});
const setTemperatureParams = z.object({ temperature: z.number() });

const protocolError: CommandMapping = { ok: false, errorCode: 'protocolError' };

const PROFILES: Record<DeviceKind, KindProfile> = {
  'coffee-machine': {
    type: 'action.devices.types.COFFEE_MAKER',
    traits: [GOOGLE_TRAITS.onOff, GOOGLE_TRAITS.cook],
    attributes: () => ({ supportedCookingModes: ['BREW'] }),
    states: (s) => ({ on: s.on ?? false, currentCookingMode: s.brewing ? 'BREW' : 'NONE' }),
    commands: {
      [GOOGLE_COMMANDS.onOff]: (params) => {
        const p = onOffParams.safeParse(params);
        return p.success
          ? { ok: true, command: { command: 'power', params: { on: p.data.on } } }
          : protocolError;
      },
      [GOOGLE_COMMANDS.cook]: (params) => {
        const p = cookParams.safeParse(params);
        if (!p.success) return protocolError;
        const { start, cookingMode, quantity, unit } = p.data;
        if (cookingMode !== undefined && cookingMode !== 'BREW')
          return { ok: false, errorCode: 'functionNotSupported' };
        // Absent stays absent: stores keep no `undefined`.
        const brew = { start, ...(quantity !== undefined ? { quantity } : {}), ...(unit ? { unit } : {}) };
        return { ok: true, command: { command: 'brew', params: brew } };
      },
    },
  },
  fridge: {
    type: 'action.devices.types.REFRIGERATOR',
    traits: [GOOGLE_TRAITS.temperatureControl],
    attributes: (locale) => ({
      temperatureRange: {
        minThresholdCelsius: FRIDGE_RANGE_CELSIUS.min,
        maxThresholdCelsius: FRIDGE_RANGE_CELSIUS.max,
      },
      temperatureStepCelsius: 1,
      temperatureUnitForUX: temperatureUnitFor(locale),
    }),
    states: (s) => ({
      ...(s.temperatureSetpointCelsius !== undefined
        ? { temperatureSetpointCelsius: s.temperatureSetpointCelsius }
        : {}),
      ...(s.temperatureAmbientCelsius !== undefined
        ? { temperatureAmbientCelsius: s.temperatureAmbientCelsius }
        : {}),
    }),
    commands: {
      [GOOGLE_COMMANDS.setTemperature]: (params) => {
        const p = setTemperatureParams.safeParse(params);
        if (!p.success) return protocolError;
        const celsius = p.data.temperature;
        if (celsius < FRIDGE_RANGE_CELSIUS.min || celsius > FRIDGE_RANGE_CELSIUS.max) {
          return { ok: false, errorCode: 'valueOutOfRange' };
        }
        return { ok: true, command: { command: 'set_temperature', params: { celsius } } };
      },
    },
  },
};

/** The SYNC description of one appliance; names come from the device document, the unit from the household's locale. */
export function syncDevice(id: string, device: DeviceRecord, householdLocale: Locale): SyncDevice {
  const profile = PROFILES[device.kind];
  return {
    id,
    type: profile.type,
    traits: [...profile.traits],
    name: { name: device.name },
    // hearth does not push state to Google's Home Graph: Google asks with QUERY.
    willReportState: false,
    roomHint: 'Kitchen',
    attributes: profile.attributes(householdLocale),
  };
}

/**
 * The QUERY answer for one device from the state its telemetry reported. Unknown
 * devices are an error; a device that never reported, reported `online: false` or has
 * been silent for a day is offline.
 */
export function queryState(device: DeviceRecord | undefined, now: Date): DeviceQueryState {
  if (!device) return { online: false, status: 'ERROR', errorCode: 'deviceNotFound' };
  const state = reportedStateSchema.parse(device.state ?? {});
  const reportedAt = state.reportedAt ? Date.parse(state.reportedAt) : Number.NaN;
  const fresh = Number.isFinite(reportedAt) && now.getTime() - reportedAt <= STATE_FRESH_MS;
  if (!fresh || state.online === false) return { online: false, status: 'OFFLINE' };
  return { online: true, status: 'SUCCESS', ...PROFILES[device.kind].states(state) };
}

/** The hearth command for a Google command on an appliance kind, or the error code Google should hear. */
export function deviceCommandFor(kind: DeviceKind, execution: Execution): CommandMapping {
  const { commands } = PROFILES[kind];
  // Own keys only: a command named `constructor` or `__proto__` must not reach Object's prototype.
  const mapping = Object.hasOwn(commands, execution.command) ? commands[execution.command] : undefined;
  if (!mapping) return { ok: false, errorCode: 'functionNotSupported' };
  return mapping(execution.params ?? {});
}
