/**
 * `households/{hid}/proposals/{id}`: a reorder offered to the household, kept on the server.
 * The session carries only its id, so nothing a client sends back can change what is
 * ordered or its price; a proposal answers only under its own household's path, and only
 * until it expires.
 */
import { z } from 'zod';
import { deliveryAddressSchema } from '../../../household/delivery-address.js';
import { orderTermsSchema } from '../order-record.js';

/** How long a proposal can be confirmed: long enough to think it over, short enough for its price to hold. */
export const PROPOSAL_TTL_MS = 30 * 60 * 1000;

export const proposalRecordSchema = orderTermsSchema.extend({
  id: z.string().min(1),
  /** Whether the household asked ("reorder my capsules") or hearth offered it unasked. */
  asked: z.boolean(),
  /**
   * The household's delivery address when the proposal was made (a snapshot: the yes checks
   * it against the address then, and orders nothing when it changed or is gone).
   */
  deliveryAddress: deliveryAddressSchema,
  createdAt: z.iso.datetime(),
  /** Until when it can be confirmed; a TTL policy may delete it after. */
  expireAt: z.iso.datetime(),
});
export type ProposalRecord = z.infer<typeof proposalRecordSchema>;

/** The collection of a household's proposals. */
export function proposalsCollection(householdId: string): string {
  return `households/${householdId}/proposals`;
}

/** The path of a proposal. */
export function proposalPath(householdId: string, proposalId: string): string {
  return `${proposalsCollection(householdId)}/${proposalId}`;
}
