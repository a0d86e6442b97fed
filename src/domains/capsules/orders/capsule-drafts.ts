/**
 * The orders service's draft source built on the capsules domain: what the household asked
 * for is quoted (below its reorder point or not); what nobody asked for is proposed only
 * when a variety is below its point. Everything personal arrives in the request, read by
 * the handler through the consent gate: this reads no store.
 */
import type { CapsuleService } from '../capsule-service.js';
import type { ReorderProposalDraft } from '../reorder-proposal.js';
import type { DraftRequest, DraftSource } from './orders-service.js';

export function capsuleDrafts(capsules: CapsuleService): DraftSource {
  return async (request) => draftFor(capsules, request);
}

function draftFor(capsules: CapsuleService, request: DraftRequest): ReorderProposalDraft | undefined {
  // Another brand's capsules are not in this catalog.
  if (request.brandId !== capsules.catalog.brandId) return undefined;
  const household = { now: request.now, timeZone: request.timeZone, locale: request.locale };
  const { consumption, usualOrder } = request;
  const due = () => capsules.proposeReorder({ consumption, usualOrder, household });
  if (!request.asked) return due();
  // Asked without saying what: the variety below its point, else the one that runs out first.
  const variety =
    request.variety ??
    due()?.variety ??
    capsules.forecastAll(consumption, request.now, request.timeZone)[0]?.variety;
  if (variety === undefined) return undefined;
  const quantity = request.quantity ?? (usualOrder?.variety === variety ? usualOrder.quantity : undefined);
  return capsules.quote({ variety, quantity, consumption, household });
}
