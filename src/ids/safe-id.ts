import { isRefusedSegment } from '../store/document-store.js';

/** The characters and length of an id we mint or accept in a path: no slashes, no dots. */
const ID_CHARS = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Ids we mint or accept in paths: `ID_CHARS`, and never a segment the store
 * refuses (`isRefusedSegment`: of these characters, only the reserved `__…__`),
 * so an id that passes is always a store path segment, and a request naming
 * another gets 400 or 404, not 500. A pattern, for schemas and the OpenAPI
 * document; `isSafeId` says the same from the store's own rule
 * (test/http/path-ids.test.ts checks that they agree).
 */
export const SAFE_ID = /^(?!__[A-Za-z0-9_-]*__$)[A-Za-z0-9_-]{1,64}$/;

/** Whether `id` is one we accept in a path. */
export const isSafeId = (id: string): boolean => ID_CHARS.test(id) && !isRefusedSegment(id);
