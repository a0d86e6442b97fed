/**
 * The offer a reply asked about ("Shall I add cream to your shopping list?"), remembered in
 * the session for the next turn only: its yes runs the offer's accept action, its no declines
 * it, its action tapped on a screen accepts it; any other turn lets it lapse. The session
 * comes back from the client, so what it holds is read as untrusted: ids of a safe shape,
 * looked up in the household's own offer log before anything is recorded.
 */
import type { SessionState } from './turn.js';

/** Session key under which the runtime remembers the offer a reply asked about. */
export const OFFER_KEY = '_offer';

export type PendingOffer = { offerId: string; campaignId: string };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The offer pending in a session as the client handed it back, if it has the shape of one. */
export function pendingOffer(session: SessionState): PendingOffer | undefined {
  const value = Object.hasOwn(session, OFFER_KEY) ? session[OFFER_KEY] : undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { offerId, campaignId } = value;
  return typeof offerId === 'string' &&
    ID.test(offerId) &&
    typeof campaignId === 'string' &&
    ID.test(campaignId)
    ? { offerId, campaignId }
    : undefined;
}

/** The session without the runtime's offer record (what handlers see). */
export function withoutPendingOffer(session: SessionState): SessionState {
  if (!Object.hasOwn(session, OFFER_KEY)) return session;
  const { [OFFER_KEY]: _dropped, ...rest } = session;
  return rest;
}

/** The session a reply leaves: the offer it asks about recorded, or none. */
export function withPendingOffer(session: SessionState, offer: PendingOffer | undefined): SessionState {
  const rest = withoutPendingOffer(session);
  return offer === undefined ? rest : { ...rest, [OFFER_KEY]: { ...offer } };
}
