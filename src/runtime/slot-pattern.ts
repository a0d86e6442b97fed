/** The `{slotName}` syntax of sample utterances, shared by the matcher, validate and build. */

/** A fresh regex splitting a sample around its slot references (captures `{name}`). */
export function slotReferencePattern(): RegExp {
  return /(\{[^{}]*\})/g;
}
