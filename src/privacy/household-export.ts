/**
 * Everything hearth holds about a household, as one JSON document (GDPR art. 15,
 * access, and art. 20, portability): its settings, its consents, its consent
 * ledger and the same entries as Kantara consent receipts, the notices served
 * to it, its devices, account links, context documents, raw device events,
 * device commands, capsule orders and proposals, offer log, and its delivery address (contract data, in full:
 * the export is the household's own). `docs/privacy-export.md` describes it field by field.
 *
 * Credentials stay out: no token, no token generation (the household
 * document's `auth` is not exported, but for the API tokens' labels), no hash
 * of a secret (a link's `platformUser` index names one). Documents that do not
 * parse are still exported as stored: what is held is what is shown.
 */
import { type ConsentView, consentsView } from '../consent/consents-view.js';
import type { LedgerEntryRecord } from '../consent/ledger-entry-record.js';
import { checkLedger, readLedgerSnapshots } from '../consent/ledger-replay.js';
import { consentStateOf } from '../consent/record-choice.js';
import { ordersCollection } from '../domains/capsules/order-record.js';
import { proposalsCollection } from '../domains/capsules/orders/proposal-record.js';
import {
  CONTEXT_DOCUMENT_SCHEMAS,
  type ContextPurpose,
  contextPath,
} from '../household/context-documents.js';
import { commandsCollection } from '../household/device-commands.js';
import { eventsCollection } from '../household/device-events/event-records.js';
import { brandRecordSchema, householdRecordSchema } from '../household/household-record.js';
import { paths } from '../household/paths.js';
import { linkGrantRecordSchema } from '../linking/link-grant-record.js';
import { RECORD_COLLECTIONS } from '../runtime/effects.js';
import type { DocData, DocSnapshot, DocumentStore } from '../store/document-store.js';
import { type ConsentReceipt, consentReceipt, type PiiController } from './consent-receipt.js';

export const HOUSEHOLD_EXPORT_SCHEMA = 'hearth.household-export/1';

/** A stored record with its id, as held. */
export type ExportedRecord = { id: string } & DocData;

export type HouseholdExport = {
  schema: typeof HOUSEHOLD_EXPORT_SCHEMA;
  exportedAt: string;
  household: {
    id: string;
    name?: string;
    locale: string;
    timeZone: string;
    createdAt: string;
    /** The companion-app tokens the household made: their labels and dates, never the tokens. */
    apiTokens: { label: string; createdAt: string }[];
  };
  consents: ConsentView[];
  /** The objection to direct marketing (art. 21), if it stands. */
  marketingObjection: { at: string; entry: string } | null;
  /** The notice version each skill last asked each purpose on, by `skillId:purpose`. */
  consentAsked: Record<string, number>;
  ledger: ({ id: string } & LedgerEntryRecord)[];
  /** Whether the ledger verifies (chain intact, state is its replay) at the time of export. */
  ledgerVerified: boolean;
  consentReceipts: { entry: string; action: LedgerEntryRecord['action']; receipt: ConsentReceipt }[];
  noticesServed: ExportedRecord[];
  devices: ExportedRecord[];
  links: {
    grantId: string;
    clientId: string;
    platform: string;
    skillId?: string;
    createdAt: string;
    lastUsedAt?: string;
    /** Whether the link works now (its generation is on the household document). */
    inForce: boolean;
  }[];
  context: Partial<Record<ContextPurpose, DocData>>;
  events: ExportedRecord[];
  commands: ExportedRecord[];
  /** Capsule orders, with their status history, cancel window and right of withdrawal. */
  orders: ExportedRecord[];
  /** Reorder proposals still open (kept 30 minutes). */
  proposals: ExportedRecord[];
  offers: ExportedRecord[];
  /** The delivery address the household set (contract data for its orders), as stored; null when none. */
  deliveryAddress: DocData | null;
};

const records = (snaps: readonly DocSnapshot[]): ExportedRecord[] =>
  snaps
    .filter((s) => s.data !== undefined)
    .map((s) => ({ ...s.data!, id: s.id }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The household's export, or undefined when there is no such household. */
export async function householdExport(
  store: DocumentStore,
  householdId: string,
  {
    brandIds,
    controller,
    policyUrl,
    now,
  }: {
    /** The deployment's brands, for the per-brand consents. */
    brandIds: readonly string[];
    controller: PiiController;
    policyUrl: string;
    now: Date;
  },
): Promise<HouseholdExport | undefined> {
  const collection = (path: string) => store.query({ collection: path });
  const contextPurposes = Object.keys(CONTEXT_DOCUMENT_SCHEMAS) as ContextPurpose[];
  const [
    household,
    ledgerSnaps,
    notices,
    devices,
    links,
    contextSnaps,
    events,
    commands,
    offers,
    orders,
    proposals,
    deliveryAddress,
  ] = await Promise.all([
    store.get(paths.household(householdId)),
    readLedgerSnapshots(store, householdId),
    collection(paths.noticesServed(householdId)),
    collection(paths.devices(householdId)),
    collection(paths.links(householdId)),
    store.getAll(contextPurposes.map((p) => contextPath(householdId, p))),
    collection(eventsCollection(householdId)),
    collection(commandsCollection(householdId)),
    Promise.all(RECORD_COLLECTIONS.map((c) => collection(`${paths.household(householdId)}/${c}`))),
    collection(ordersCollection(householdId)),
    collection(proposalsCollection(householdId)),
    store.get(paths.deliveryAddress(householdId)),
  ]);
  const parsed = householdRecordSchema.safeParse(household.data);
  if (!parsed.success) return undefined;
  const record = parsed.data;
  const state = consentStateOf(record);
  const check = checkLedger(householdId, ledgerSnaps, household.data);

  const ledgerBrands = [...new Set(check.parsed.flatMap(({ record: e }) => (e.brandId ? [e.brandId] : [])))];
  const brandSnaps = await store.getAll(ledgerBrands.map((b) => paths.brand(b)));
  const brandNames = new Map(
    brandSnaps.flatMap((s) => {
      const brand = brandRecordSchema.safeParse(s.data);
      return brand.success ? [[s.id, brand.data.name] as const] : [];
    }),
  );

  return {
    schema: HOUSEHOLD_EXPORT_SCHEMA,
    exportedAt: now.toISOString(),
    household: {
      id: householdId,
      ...(record.name !== undefined ? { name: record.name } : {}),
      locale: record.locale,
      timeZone: record.timeZone,
      createdAt: record.createdAt,
      apiTokens: Object.values(record.auth.apiTokens ?? {}).map(({ label, createdAt }) => ({
        label,
        createdAt,
      })),
    },
    consents: consentsView(state, brandIds),
    marketingObjection: state.marketingObjection ?? null,
    consentAsked: record.consentAsked ?? {},
    ledger: check.parsed.map(({ id, record: entry }) => ({ id, ...entry })),
    ledgerVerified: check.ok,
    consentReceipts: check.parsed.map(({ id, record: entry }) => ({
      entry: id,
      action: entry.action,
      receipt: consentReceipt(entry, {
        householdId,
        householdLocale: record.locale,
        controller,
        policyUrl,
        brandName: (brandId) => brandNames.get(brandId) ?? brandId,
      }),
    })),
    noticesServed: records(notices),
    devices: records(devices),
    links: links.flatMap((snap) => {
      const grant = linkGrantRecordSchema.safeParse(snap.data);
      if (!grant.success) return [];
      // `platformUser` is left out: it names the hash of the platform's user id.
      const { clientId, platform, skillId, createdAt, lastUsedAt } = grant.data;
      return [
        {
          grantId: snap.id,
          clientId,
          platform,
          ...(skillId !== undefined ? { skillId } : {}),
          createdAt,
          ...(lastUsedAt !== undefined ? { lastUsedAt } : {}),
          inForce: Object.hasOwn(record.auth.links, snap.id),
        },
      ];
    }),
    context: Object.fromEntries(
      contextSnaps.flatMap((snap, i) => (snap.data ? [[contextPurposes[i]!, snap.data] as const] : [])),
    ),
    events: records(events),
    commands: records(commands),
    orders: records(orders),
    proposals: records(proposals),
    offers: records(offers.flat()),
    deliveryAddress: deliveryAddress.data ?? null,
  };
}
