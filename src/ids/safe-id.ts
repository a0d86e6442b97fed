/**
 * A path segment the store refuses (Firestore's rule, which every adapter keeps):
 * empty, `.`, `..`, or reserved (`__name__`, any `__…__`).
 */
export function isRefusedSegment(segment: string): boolean {
  return segment.length === 0 || segment === '.' || segment === '..' || /^__.*__$/.test(segment);
}

/**
 * Ids we mint or accept in paths: letters, digits, `_` and `-`, 1 to 64 of them
 * (no slashes, no dots), and never one the store refuses (`isRefusedSegment`:
 * of these characters, only the reserved `__…__`), so an id that passes is
 * always a store path segment and a request naming another gets 400 or 404, not 500.
 */
export const SAFE_ID = /^(?!__[A-Za-z0-9_-]*__$)[A-Za-z0-9_-]{1,64}$/;

/** Whether `id` is one we accept in a path (`SAFE_ID`). */
export const isSafeId = (id: string): boolean => SAFE_ID.test(id);
