/**
 * Unlinking end to end, as the platforms and the consent center call hearth: Alexa's
 * skill-disabled event (signed, usually without a token), Google's DISCONNECT, and
 * `DELETE /v1/households/:hid/links/:grantId`. The unlinked grant's tokens are refused
 * on the very next request; the household's other links keep working.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { householdRecordSchema } from '../../src/household/household-record.js';
import { paths } from '../../src/household/paths.js';
import { readGrant } from '../../src/linking/grants.js';
import { findGrantOfPlatformUser, platformUserIndexPath } from '../../src/linking/platform-user.js';
import { alexaEnvelope, skillEvent } from '../support/alexa-requests.js';
import { bearer, createHarness, type Harness } from '../support/app-harness.js';
import { grantingPolicy } from '../support/granting-gate.js';
import {
  alexaTurnIsLinked,
  dialogflowTurnIsPersonal,
  googleHome,
  postAlexa,
} from '../support/platform-calls.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ consent: grantingPolicy() });
});
afterAll(() => h.close());

type Household = Harness['demo']['households'][number];
const household = (i: number): Household => h.demo.households[i]!;
/** The grant a link token names. */
const grantOf = (token: string) => {
  const check = h.deps.signer.verify(token, ['link']);
  if (!check.ok) throw new Error(`not a link token: ${check.reason}`);
  return { householdId: check.claims.householdId, grantId: check.claims.grantId };
};
const applicationId = (skillId: string) => h.demo.skills.find((s) => s.id === skillId)!.alexaApplicationId!;
const fridgeChefUser = (userId: string) => ({ platform: 'alexa', skillId: 'fridge-chef', userId }) as const;

async function linkedGrants(hid: string): Promise<string[]> {
  const record = householdRecordSchema.parse((await h.store.get(paths.household(hid))).data);
  return Object.keys(record.auth.links);
}

async function audits(by: string) {
  const records = await h.store.query({ collection: 'audit' });
  return records.filter((r) => r.data?.by === by).map((r) => r.data);
}

/** Sends a signed skill event of `skillId` as Amazon does. */
const sendSkillEvent = (skillId: string, event: Omit<Parameters<typeof skillEvent>[0], 'applicationId'>) =>
  postAlexa(h, skillId, skillEvent({ applicationId: applicationId(skillId), ...event }));

async function emptyAnswer(response: Response) {
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ version: '1.0', response: {} });
}

describe("Alexa: a grant's first use records its user, the skill-disabled event unlinks it", () => {
  it('links, records the user (hashed), unlinks on the event without a token, then answers as unlinked', async () => {
    const hh = household(0);
    const token = hh.linkTokens.alexa['fridge-chef']!;
    const grant = grantOf(token);
    const user = fridgeChefUser(hh.alexaUserId);

    expect(await alexaTurnIsLinked(h, 'fridge-chef', token, hh.alexaUserId)).toBe(true);
    // Written after the reply: wait for it.
    await vi.waitFor(async () => expect(await findGrantOfPlatformUser(h.store, user)).toEqual(grant));
    expect(await readGrant(h.store, grant.householdId, grant.grantId)).toMatchObject({
      platformUser: platformUserIndexPath(user),
      lastUsedAt: expect.any(String),
    });
    // Personal data: the Alexa user id is nowhere in the database, only its hash.
    const db = path.join(h.dir, 'hearth.db');
    for (const file of [db, `${db}-wal`].filter((f) => existsSync(f))) {
      expect(readFileSync(file).includes(hh.alexaUserId)).toBe(false);
    }

    await emptyAnswer(
      await sendSkillEvent('fridge-chef', {
        type: 'AlexaSkillEvent.SkillDisabled',
        userId: hh.alexaUserId,
        body: { userInformationPersistenceStatus: 'NOT_PERSISTED' },
      }),
    );
    expect(await linkedGrants(hh.id)).not.toContain(grant.grantId);
    expect(await readGrant(h.store, grant.householdId, grant.grantId)).toBeUndefined();
    expect(await findGrantOfPlatformUser(h.store, user)).toBeUndefined();
    expect(await audits('alexa.skill_disabled')).toContainEqual(
      expect.objectContaining({ platform: 'alexa', clientId: expect.any(String) }),
    );

    // The very next turn with the same token is answered as unlinked.
    expect(await alexaTurnIsLinked(h, 'fridge-chef', token, hh.alexaUserId)).toBe(false);
    // The household's other links still work.
    expect(await alexaTurnIsLinked(h, 'coffee-companion', hh.linkTokens.alexa['coffee-companion'])).toBe(
      true,
    );
    expect(await dialogflowTurnIsPersonal(h, 'fridge-chef', hh.linkTokens.dialogflow['fridge-chef'])).toBe(
      true,
    );
    expect((await googleHome(h, hh.linkTokens.google, 'action.devices.SYNC')).status).toBe(200);
  });

  it('unlinks by the token when the event carries one valid for the skill', async () => {
    const hh = household(1);
    const token = hh.linkTokens.alexa['coffee-companion']!;
    const grant = grantOf(token);
    await emptyAnswer(
      await sendSkillEvent('coffee-companion', {
        type: 'AlexaSkillEvent.SkillDisabled',
        userId: 'amzn1.ask.account.NEVER-SEEN-BEFORE',
        accessToken: token,
      }),
    );
    expect(await linkedGrants(hh.id)).not.toContain(grant.grantId);
    expect(await alexaTurnIsLinked(h, 'coffee-companion', token)).toBe(false);
    expect(await alexaTurnIsLinked(h, 'fridge-chef', hh.linkTokens.alexa['fridge-chef'])).toBe(true);
  });

  it("leaves everything as it was for a user it never saw, and for another skill's token", async () => {
    const hh = household(2);
    const before = await linkedGrants(hh.id);
    await emptyAnswer(
      await sendSkillEvent('fridge-chef', {
        type: 'AlexaSkillEvent.SkillDisabled',
        userId: 'amzn1.ask.account.UNKNOWN',
        // A token of another skill names no grant of this one.
        accessToken: hh.linkTokens.alexa['coffee-companion']!,
      }),
    );
    expect(await linkedGrants(hh.id)).toEqual(before);
  });

  it('refuses an unsigned skill-disabled event before acting on it', async () => {
    const hh = household(2);
    const body = JSON.stringify(
      skillEvent({
        applicationId: applicationId('fridge-chef'),
        type: 'AlexaSkillEvent.SkillDisabled',
        userId: hh.alexaUserId,
        accessToken: hh.linkTokens.alexa['fridge-chef']!,
      }),
    );
    const response = await h.app.request('/alexa/fridge-chef', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(400);
    expect(await alexaTurnIsLinked(h, 'fridge-chef', hh.linkTokens.alexa['fridge-chef'])).toBe(true);
  });

  it('records the user on the account-linked event, before any turn', async () => {
    const hh = household(3);
    const token = hh.linkTokens.alexa['fridge-chef']!;
    const user = fridgeChefUser('amzn1.ask.account.JUST-LINKED');
    await emptyAnswer(
      await sendSkillEvent('fridge-chef', {
        type: 'AlexaSkillEvent.SkillAccountLinked',
        userId: user.userId,
        body: { accessToken: token },
      }),
    );
    await vi.waitFor(async () =>
      expect(await findGrantOfPlatformUser(h.store, user)).toEqual(grantOf(token)),
    );
  });

  it('answers other requests it does not voice with an empty response', async () => {
    const hh = household(3);
    await emptyAnswer(
      await postAlexa(
        h,
        'fridge-chef',
        alexaEnvelope({
          applicationId: applicationId('fridge-chef'),
          request: { type: 'AlexaSkillEvent.SkillEnabled' },
          accessToken: hh.linkTokens.alexa['fridge-chef']!,
        }),
      ),
    );
    expect(await alexaTurnIsLinked(h, 'fridge-chef', hh.linkTokens.alexa['fridge-chef'])).toBe(true);
  });
});

describe("Google Home: DISCONNECT unlinks the token's grant", () => {
  it('syncs, disconnects, then refuses the token with 401; the Alexa links stay', async () => {
    const hh = household(4);
    const token = hh.linkTokens.google!;
    expect((await googleHome(h, token, 'action.devices.SYNC')).status).toBe(200);
    const disconnect = await googleHome(h, token, 'action.devices.DISCONNECT');
    expect(disconnect.status).toBe(200);
    expect(await disconnect.json()).toEqual({});
    expect(await linkedGrants(hh.id)).not.toContain(grantOf(token).grantId);
    expect(await audits('google.disconnect')).toContainEqual(
      expect.objectContaining({ platform: 'google', clientId: 'google-home' }),
    );
    expect(JSON.stringify(await audits('google.disconnect'))).not.toContain(hh.id);

    const after = await googleHome(h, token, 'action.devices.SYNC');
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ code: 'token_revoked' });
    expect(await alexaTurnIsLinked(h, 'fridge-chef', hh.linkTokens.alexa['fridge-chef'])).toBe(true);
  });
});

describe('the consent center: GET and DELETE /v1/households/:hid/links', () => {
  const list = (hh: Household, token = hh.token) =>
    h.app.request(`/v1/households/${hh.id}/links`, { headers: bearer(token) });
  const unlink = (hh: Household, grantId: string, token = hh.token) =>
    h.app.request(`/v1/households/${hh.id}/links/${grantId}`, { method: 'DELETE', headers: bearer(token) });
  type Listed = { links: Record<string, unknown>[] };

  it('lists every link in force, with no secret and no platform user id', async () => {
    const hh = household(5);
    // A used grant has a platform user and a time of use: the list shows the time only.
    expect(
      await alexaTurnIsLinked(h, 'fridge-chef', hh.linkTokens.alexa['fridge-chef'], hh.alexaUserId),
    ).toBe(true);
    const { grantId } = grantOf(hh.linkTokens.alexa['fridge-chef']!);
    await vi.waitFor(async () =>
      expect((await readGrant(h.store, hh.id, grantId))?.platformUser).toBeDefined(),
    );

    const response = await list(hh);
    expect(response.status).toBe(200);
    const { links } = (await response.json()) as Listed;
    const tokens = [
      ...Object.values(hh.linkTokens.alexa),
      ...Object.values(hh.linkTokens.dialogflow),
      hh.linkTokens.google!,
    ];
    expect(links.map((l) => l.grantId).sort()).toEqual(tokens.map((t) => grantOf(t).grantId).sort());
    for (const link of links) {
      expect(
        Object.keys(link).every((k) =>
          ['grantId', 'clientId', 'platform', 'skillId', 'createdAt', 'lastUsedAt'].includes(k),
        ),
      ).toBe(true);
    }
    expect(links.find((l) => l.grantId === grantId)).toMatchObject({
      platform: 'alexa',
      skillId: 'fridge-chef',
      lastUsedAt: expect.any(String),
    });
    expect(links.find((l) => l.platform === 'google')).not.toHaveProperty('skillId');
  });

  it('unlinks one link: its token is refused at once, the list no longer shows it, the others stay', async () => {
    const hh = household(6);
    const token = hh.linkTokens.alexa['fridge-chef']!;
    const { grantId } = grantOf(token);
    // A refresh token of the grant, as the OAuth server keeps it.
    await h.store.set(paths.oauth('refresh-of-unlinked'), { householdId: hh.id, grantId });

    const response = await unlink(hh, grantId);
    expect(response.status).toBe(204);
    expect(await alexaTurnIsLinked(h, 'fridge-chef', token)).toBe(false);
    expect((await h.store.get(paths.oauth('refresh-of-unlinked'))).exists).toBe(false);
    const { links } = (await (await list(hh)).json()) as Listed;
    expect(links.map((l) => l.grantId)).not.toContain(grantId);
    expect(links).toHaveLength(4);
    expect(await alexaTurnIsLinked(h, 'coffee-companion', hh.linkTokens.alexa['coffee-companion'])).toBe(
      true,
    );
    expect((await googleHome(h, hh.linkTokens.google, 'action.devices.SYNC')).status).toBe(200);
    expect(await audits('household')).toContainEqual(expect.objectContaining({ platform: 'alexa' }));

    // Gone is gone: 404 the second time.
    expect((await unlink(hh, grantId)).status).toBe(404);
  });

  it("answers 404 for another household's grant and list, and leaves that grant linked", async () => {
    const mine = household(6);
    const theirs = household(5);
    const { grantId } = grantOf(theirs.linkTokens.alexa['coffee-companion']!);
    const response = await unlink(mine, grantId);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await alexaTurnIsLinked(h, 'coffee-companion', theirs.linkTokens.alexa['coffee-companion'])).toBe(
      true,
    );
    expect((await list(theirs, mine.token)).status).toBe(404);
    expect((await unlink(theirs, grantId, mine.token)).status).toBe(404);
  });

  it('takes only a household token', async () => {
    const hh = household(5);
    const link = hh.linkTokens.alexa['coffee-companion']!;
    expect((await list(hh, link)).status).toBe(401);
    expect((await unlink(hh, grantOf(link).grantId, link)).status).toBe(401);
    expect((await h.app.request(`/v1/households/${hh.id}/links`)).status).toBe(401);
    expect((await unlink(hh, 'not%20an%20id')).status).toBe(400);
  });
});
