/**
 * The skill registry: every skill hearth serves. A static list (rather than a
 * directory scan) so the build, the server and vitest load the same modules
 * without a loader, and a missing import is a type error.
 */
import type { SkillDefinition } from 'hearth/skill';
import coffeeCompanion from './coffee-companion/skill.js';
import fridgeChef from './fridge-chef/skill.js';

/** Every skill, in a stable order. */
export const SKILLS: readonly SkillDefinition[] = [fridgeChef, coffeeCompanion];

/** The skill with this id, if hearth serves it. */
export function findSkill(id: string): SkillDefinition | undefined {
  return SKILLS.find((s) => s.id === id);
}
