/**
 * Counts of a day on the household document (the offers shown today per channel): one more,
 * without losing a count to a concurrent turn of the same household.
 */
import type { DayCounter } from '../runtime/effects.js';
import type { DocData, DocumentWriter } from '../store/document-store.js';
import { paths } from './paths.js';

/**
 * Counts one more of a day on the household document: an increment when the stored map is the
 * day's (as the turn read it, or as `household` read in the transaction shows), else the fresh map.
 */
export function addDayCount(
  writer: DocumentWriter,
  householdId: string,
  counter: DayCounter,
  household?: DocData,
): void {
  const stored = household?.[counter.field];
  const storedDay =
    stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as DocData).day : undefined;
  const sameDay = household === undefined ? counter.sameDay : storedDay === counter.day;
  const path = paths.household(householdId);
  if (sameDay) writer.increment(path, counter.field, counter.key, 1);
  else writer.merge(path, { [counter.field]: counter.fresh });
}
