import { z } from 'zod';

const id = z.string().min(1).max(128);
const generation = z.number().int().min(0);
/** Expiry and issue time in Unix seconds. */
const unixSeconds = z.number().int().min(0);

/** What each kind of bearer token names. Tokens carry this so a request needs no lookup to find its owner. */
export const tokenClaimsSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('household'),
    householdId: id,
    generation,
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
  /** Account-linking access token handed to Alexa or Google Home; short-lived. */
  z.object({
    kind: z.literal('link'),
    householdId: id,
    clientId: id,
    platform: z.enum(['alexa', 'google']),
    generation,
    iat: unixSeconds,
    exp: unixSeconds,
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
