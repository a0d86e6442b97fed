/** Deterministic UUID-shaped ids (Dialogflow wants ids; random ones would make every build a diff). */
import { createHash } from 'node:crypto';

/** A UUID-formatted id derived from the given parts. */
export function stableId(...parts: string[]): string {
  const hex = createHash('sha1').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
