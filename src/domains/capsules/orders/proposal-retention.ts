/**
 * Proposals are kept only while they can be confirmed (PROPOSAL_TTL_MS): afterwards they are
 * deleted by the hourly purge on both stores (and by Firestore's TTL policy on `proposals`,
 * up to a day late). An order keeps the terms it was made on, so nothing needs the
 * proposal after its expiry.
 */
import { expiredInHouseholds } from '../../../household/expired-documents.js';
import { proposalsCollection } from './proposal-record.js';

/** Deletes expired proposals across households, at most `limit`; returns how many. */
export const purgeExpiredProposals = expiredInHouseholds(proposalsCollection);
