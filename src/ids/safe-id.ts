/** Ids we mint or accept in paths: no slashes, no dots-only segments, bounded length. */
export const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
