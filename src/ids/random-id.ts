import { randomBytes } from 'node:crypto';

/** A random, URL-safe id with a readable prefix (`hh_…`, `dev_…`). */
export function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url').replaceAll('-', 'x').replaceAll('_', 'y')}`;
}
