/**
 * Domain services for handlers, handed to `createApp` and put on every
 * handler's context (`context.services`), never module globals: a test mounts
 * its own. A domain module adds its service by declaration merging:
 *
 *   declare module '../../runtime/skill-services.js' {
 *     interface SkillServices { recipes: RecipeIndex }
 *   }
 *
 * and a skill the same way through the entry point `hearth/services`, which is
 * this very file: an augmentation through a module that only re-exports the
 * interface (`hearth/skill`) would fork it instead, depending on file order.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging from the domain modules
export interface SkillServices {}
