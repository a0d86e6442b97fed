import { z } from 'zod';

const id = z.string().min(1).max(128);

/** The platforms that link to a household by OAuth: Alexa skills, Dialogflow agents, Google Home. */
export const LINK_PLATFORMS = ['alexa', 'dialogflow', 'google'] as const;
export type LinkPlatform = (typeof LINK_PLATFORMS)[number];
const generation = z.number().int().min(0);
/** Expiry and issue time in Unix seconds. */
const unixSeconds = z.number().int().min(0);

/** What each kind of bearer token names. Tokens carry this so a request needs no lookup to find its owner. */
export const tokenClaimsSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('household'),
    householdId: id,
    generation,
    /** An API token the household created for its companion app (revocable on its own); absent for others. */
    tokenId: id.optional(),
    iat: unixSeconds,
    exp: unixSeconds.optional(),
  }),
  z.object({
    kind: z.literal('device'),
    householdId: id,
    deviceId: id,
    generation,
    iat: unixSeconds,
    exp: unixSeconds.optional(),
    /** Embedded in a screen page (`GET /screens/:deviceId`): it works the screen, it cannot rotate the device's token. */
    page: z.literal(true).optional(),
  }),
  z.object({
    kind: z.literal('brand'),
    brandId: id,
    generation,
    iat: unixSeconds,
    exp: unixSeconds.optional(),
  }),
  z.object({
    kind: z.literal('maker'),
    makerId: id,
    generation,
    iat: unixSeconds,
    exp: unixSeconds.optional(),
  }),
  /**
   * Account-linking access token of one grant, handed to Alexa, Dialogflow or Google Home;
   * short-lived. Its audience is the grant's client: the platform and, for skills, the skill.
   */
  z.object({
    kind: z.literal('link'),
    householdId: id,
    grantId: id,
    clientId: id,
    platform: z.enum(LINK_PLATFORMS),
    /** The skill the client belongs to; absent for Google Home, which serves every appliance of the household. */
    skillId: id.optional(),
    generation,
    iat: unixSeconds,
    exp: unixSeconds,
    /** A random id: each token issued is new, even two of one grant within a second (a refresh right after another). */
    jti: id.optional(),
  }),
]);

export type TokenClaims = z.infer<typeof tokenClaimsSchema>;
export type TokenKind = TokenClaims['kind'];
export type ClaimsOf<K extends TokenKind> = Extract<TokenClaims, { kind: K }>;
/** Claims as a caller asks for them: issue time is added when signing. */
export type TokenRequest = TokenClaims extends infer C
  ? C extends TokenClaims
    ? Omit<C, 'iat'>
    : never
  : never;
