/**
 * The skills one app serves, handed to `createApp` (and the CLI) rather than
 * imported by platform code: a test mounts a skill of its own, and no channel
 * names a brand's skill.
 */
import type { SkillDefinition } from './skill-definition.js';

export type SkillRegistry = {
  /** Every skill, in registration order. */
  readonly all: readonly SkillDefinition[];
  /** The skill with this id (own ids only: never `constructor`). */
  find(id: string): SkillDefinition | undefined;
  /** The skill whose screens serve this device kind. */
  forDeviceKind(kind: string): SkillDefinition | undefined;
};

/** Builds the registry; throws on two skills with one id or two skills for one device kind (a wiring mistake). */
export function createSkillRegistry(skills: readonly SkillDefinition[]): SkillRegistry {
  const byId = new Map<string, SkillDefinition>();
  const byKind = new Map<string, SkillDefinition>();
  for (const skill of skills) {
    if (byId.has(skill.id)) throw new Error(`two skills have the id ${skill.id}`);
    byId.set(skill.id, skill);
    for (const kind of skill.screens?.deviceKinds ?? []) {
      const other = byKind.get(kind);
      if (other) throw new Error(`device kind ${kind} is served by both ${other.id} and ${skill.id}`);
      byKind.set(kind, skill);
    }
  }
  return {
    all: [...skills],
    find: (id) => byId.get(id),
    forDeviceKind: (kind) => byKind.get(kind),
  };
}
