import { chmod, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { issueSigninLink } from '../accounts/signin-codes.js';
import type { LinkPlatform } from '../auth/token-claims.js';
import type { TokenSigner } from '../auth/token-signer.js';
import {
  type SkillChannels,
  skillChannelsPath,
  skillChannelsSchema,
} from '../channels/skill-channels-record.js';
import { type ConsentSummary, consentSummary } from '../consent/consent-summary.js';
import { consentStateOf } from '../consent/record-choice.js';
import {
  deviceRecordSchema,
  householdRecordSchema,
  makerRecordSchema,
} from '../household/household-record.js';
import { paths } from '../household/paths.js';
import { signLinkAccessToken } from '../linking/grants.js';
import { linkGrantRecordSchema } from '../linking/link-grant-record.js';
import { oauthClientRecordSchema } from '../linking/oauth-client-record.js';
import type { DocumentStore } from '../store/document-store.js';
import { ensurePrivateDataDir, PRIVATE_FILE_MODE } from '../store/private-data-dir.js';
import { DEMO_BRANDS } from './demo-households.js';
import { DEMO_MARKER_PATH, parseDemoMarker } from './demo-marker.js';

/** Demo credentials are short-lived: every start writes fresh ones. */
const DEMO_TOKEN_TTL_S = 24 * 3600;

export interface DemoFile {
  baseUrl: string;
  generatedAt: string;
  households: {
    id: string;
    name: string;
    locale: string;
    timeZone: string;
    token: string;
    alexaUserId: string;
    /** Access tokens of the household's grants, by platform (and skill): what linking gave each client. */
    linkTokens: DemoLinkTokens;
    /** linkTokens.alexa['fridge-chef'] (absent once the household unlinked it). */
    alexaAccessToken?: string;
    /** linkTokens.google (absent once the household unlinked Google Home). */
    googleHomeToken?: string;
    /** A one-time link (10 minutes) that signs a browser in as the household: `/account`, its screen pages. */
    signInUrl: string;
    /** What the household grants now (DESIGN.md): true or false per purpose, per brand for offers and measurement. */
    consents: ConsentSummary;
    devices: { id: string; kind: string; skillId: string; name: string; token: string }[];
  }[];
  skills: {
    id: string;
    brandId: string;
    alexaApplicationId?: string;
    dialogflowHeaders?: Record<string, string>;
    oauthClients: DemoOAuthClient[];
  }[];
  /** Google Home's OAuth client: the household's smart-home link, no skill's. */
  googleHome: { oauthClients: DemoOAuthClient[] };
  /** Each with a one-time sign-in link (10 minutes) for `/account`. */
  brands: { id: string; token: string; signInUrl: string }[];
  applianceMakers: { id: string; kinds: string[]; credential: string }[];
}

export type DemoLinkTokens = {
  alexa: Record<string, string>;
  dialogflow: Record<string, string>;
  google?: string;
};

export type DemoOAuthClient = {
  platform: LinkPlatform;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  pkceRequired: boolean;
};

/** The skill whose Alexa link token demo.json also gives as `alexaAccessToken`. */
const ALIASED_SKILL = 'fridge-chef';

/** The Alexa user id the demo pretends Amazon gave this household's linked account. */
export function demoAlexaUserId(hid: string): string {
  return `amzn1.ask.account.DEMO${hid.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}`;
}

/** Builds demo.json's content from the store, signing fresh credentials and issuing fresh sign-in links (stored hashed). */
export async function buildDemoFile({
  store,
  signer,
  baseUrl,
  wallNow = new Date(),
  configuredChannels = {},
}: {
  store: DocumentStore;
  signer: TokenSigner;
  baseUrl: string;
  wallNow?: Date;
  /** HEARTH_SKILL_CHANNELS: they win over the store's, as in the service, so demo.json says what is served. */
  configuredChannels?: Record<string, SkillChannels>;
}): Promise<DemoFile> {
  const markerSnap = await store.get(DEMO_MARKER_PATH);
  if (!markerSnap.exists) throw new Error('the demo has not been seeded');
  const marker = parseDemoMarker(markerSnap.data);
  const exp = Math.floor(wallNow.getTime() / 1000) + DEMO_TOKEN_TTL_S;

  const households: DemoFile['households'] = [];
  for (const hid of marker.households) {
    const snap = await store.get(paths.household(hid));
    const parsed = householdRecordSchema.safeParse(snap.data);
    if (!parsed.success) continue; // erased by its household since the seed
    const record = parsed.data;
    const deviceSnaps = await store.query({ collection: paths.devices(hid), orderBy: [{ field: 'kind' }] });
    const devices = deviceSnaps.flatMap((d) => {
      const device = deviceRecordSchema.safeParse(d.data);
      const generation = record.auth.devices[d.id];
      if (!device.success || generation === undefined) return [];
      return [
        {
          id: d.id,
          kind: device.data.kind,
          skillId: device.data.skillId,
          name: device.data.name,
          token: signer.sign({ kind: 'device', householdId: hid, deviceId: d.id, generation, exp }),
        },
      ];
    });
    const linkTokens = await demoLinkTokens(store, signer, hid, record.auth.links);
    const signin = await issueSigninLink(store, { kind: 'household', householdId: hid }, baseUrl, wallNow);
    households.push({
      id: hid,
      name: String(snap.data?.name ?? hid),
      locale: record.locale,
      timeZone: record.timeZone,
      token: signer.sign({ kind: 'household', householdId: hid, generation: record.auth.household, exp }),
      alexaUserId: demoAlexaUserId(hid),
      linkTokens,
      ...(linkTokens.alexa[ALIASED_SKILL] ? { alexaAccessToken: linkTokens.alexa[ALIASED_SKILL] } : {}),
      ...(linkTokens.google ? { googleHomeToken: linkTokens.google } : {}),
      signInUrl: signin.signInUrl,
      consents: consentSummary(consentStateOf(record), marker.brands),
      devices,
    });
  }

  const brands: DemoFile['brands'] = [];
  for (const brandId of marker.brands) {
    const snap = await store.get(paths.brand(brandId));
    const generation = snap.data?.tokenGeneration;
    if (typeof generation !== 'number') continue;
    const signin = await issueSigninLink(store, { kind: 'brand', brandId }, baseUrl, wallNow);
    brands.push({
      id: brandId,
      token: signer.sign({ kind: 'brand', brandId, generation, exp }),
      signInUrl: signin.signInUrl,
    });
  }

  const applianceMakers: DemoFile['applianceMakers'] = [];
  for (const makerId of marker.makers) {
    const parsed = makerRecordSchema.safeParse((await store.get(paths.maker(makerId))).data);
    if (!parsed.success) continue;
    applianceMakers.push({
      id: makerId,
      kinds: parsed.data.kinds,
      credential: signer.sign({ kind: 'maker', makerId, generation: parsed.data.tokenGeneration, exp }),
    });
  }

  const clients = await demoOAuthClients(store, marker.oauthClients);
  const skills: DemoFile['skills'] = [];
  for (const brand of DEMO_BRANDS) {
    const configured = Object.hasOwn(configuredChannels, brand.skillId)
      ? configuredChannels[brand.skillId]
      : undefined;
    const stored = skillChannelsSchema.safeParse(
      (await store.get(skillChannelsPath(brand.skillId))).data ?? {},
    );
    const channels = configured ?? (stored.success ? stored.data : {});
    skills.push({
      id: brand.skillId,
      brandId: brand.id,
      ...channels,
      oauthClients: clients.filter((c) => c.skillId === brand.skillId).map((c) => c.client),
    });
  }

  return {
    baseUrl,
    generatedAt: wallNow.toISOString(),
    households,
    skills,
    googleHome: { oauthClients: clients.filter((c) => c.skillId === undefined).map((c) => c.client) },
    brands,
    applianceMakers,
  };
}

/** Fresh access tokens of a household's grants (the demo's 24-hour lifetime), by platform and skill. */
async function demoLinkTokens(
  store: DocumentStore,
  signer: TokenSigner,
  householdId: string,
  generations: Record<string, number>,
): Promise<DemoLinkTokens> {
  const tokens: DemoLinkTokens = { alexa: {}, dialogflow: {} };
  const grants = await store.query({
    collection: paths.links(householdId),
    orderBy: [{ field: 'createdAt' }],
  });
  for (const snap of grants) {
    const grant = linkGrantRecordSchema.safeParse(snap.data);
    const generation = Object.hasOwn(generations, snap.id) ? generations[snap.id] : undefined;
    if (!grant.success || generation === undefined) continue;
    const { clientId, platform, skillId } = grant.data;
    const token = signLinkAccessToken(
      signer,
      { householdId, grantId: snap.id, generation, clientId, platform, ...(skillId ? { skillId } : {}) },
      DEMO_TOKEN_TTL_S,
    );
    if (platform === 'google') tokens.google = token;
    else if (skillId) tokens[platform][skillId] = token;
  }
  return tokens;
}

/** The demo's registered OAuth clients with the secrets the demo keeps for them. */
async function demoOAuthClients(
  store: DocumentStore,
  secrets: readonly { clientId: string; secret: string }[],
): Promise<{ skillId?: string; client: DemoOAuthClient }[]> {
  const snaps = await store.getAll(secrets.map((s) => paths.oauthClient(s.clientId)));
  return secrets.flatMap(({ clientId, secret }, i) => {
    const record = oauthClientRecordSchema.safeParse(snaps[i]?.data);
    if (!record.success) return [];
    const { platform, skillId, redirectUris, pkceRequired } = record.data;
    return [
      {
        ...(skillId ? { skillId } : {}),
        client: { platform, clientId, clientSecret: secret, redirectUris, pkceRequired },
      },
    ];
  });
}

/** Writes demo.json atomically (temp file then rename), readable by its owner only: it holds credentials. */
export async function writeDemoFile(dataDir: string, content: DemoFile): Promise<string> {
  await ensurePrivateDataDir(dataDir);
  const target = path.join(dataDir, 'demo.json');
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(content, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  // The mode only applies to a file the write creates: a leftover temp file keeps its own.
  await chmod(temp, PRIVATE_FILE_MODE);
  await rename(temp, target);
  return target;
}
