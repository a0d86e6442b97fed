/**
 * The only door from a handler to household data. An intent declares the
 * purposes it reads; the pipeline reads the household and those context
 * documents in one round trip, and the gate hands the handler the documents
 * whose purpose the household has granted now, and nothing else.
 */

/** Every purpose a personal field can belong to (DESIGN.md, Data model). */
export const PURPOSES = [
  'inventory',
  'consumption',
  'health',
  'location',
  'preferences',
  'offers',
  'measurement',
  'auto_reorder',
] as const;

export type Purpose = (typeof PURPOSES)[number];

/** Whether a string names a purpose. */
export function isPurpose(value: string | undefined): value is Purpose {
  return value !== undefined && (PURPOSES as readonly string[]).includes(value);
}

/**
 * The parsed context document of each purpose that has one. The data model
 * (`household/context-documents.ts`) adds one property per document, so that
 * handlers get typed documents without the runtime importing the data model.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging from household/context-documents.ts
export interface ContextDocuments {}

/** What the gate hands out for one `read`. */
export type ConsentedContext = {
  /** The asked purposes that are granted now (for the turn's household and the skill's brand). */
  granted: Purpose[];
  /**
   * The context documents (`households/{hid}/context/{purpose}`) of granted
   * purposes, parsed with the data model's schema of each. Purposes without a
   * document (offers, measurement, auto_reorder), and documents that are missing
   * or malformed, never appear here.
   */
  documents: Partial<ContextDocuments>;
};

/** Reads consented household context for one turn. */
export interface ConsentGate {
  /** Ask for the purposes a reply needs; get back only what is granted now. */
  read(purposes: readonly Purpose[]): Promise<ConsentedContext>;
}

/** Nothing granted, nothing handed out. */
export const NOTHING_CONSENTED: ConsentedContext = Object.freeze({
  granted: [],
  documents: {},
}) as ConsentedContext;

/** A gate that grants nothing: anonymous turns and tests of the non-personal path. */
export const noConsentGate: ConsentGate = {
  async read() {
    return NOTHING_CONSENTED;
  },
};

/** Only what was both asked for and granted: never trust a source to over-answer. */
export function narrowContext(context: ConsentedContext, asked: readonly Purpose[]): ConsentedContext {
  const granted = context.granted.filter((p) => asked.includes(p));
  const documents: Record<string, unknown> = {};
  for (const p of granted)
    if (Object.hasOwn(context.documents, p)) documents[p] = (context.documents as Record<string, unknown>)[p];
  return { granted, documents: documents as Partial<ContextDocuments> };
}

/**
 * The gate a handler gets: it answers from what the pipeline already read for the
 * intent's declared purposes (no read of its own), and records which purposes the
 * reply used. A purpose the intent did not declare is never granted.
 */
export function snapshotGate(
  context: ConsentedContext,
  declared: readonly Purpose[],
): { gate: ConsentGate; used: () => Purpose[] } {
  const used = new Set<Purpose>();
  return {
    gate: {
      async read(purposes) {
        const narrowed = narrowContext(
          context,
          purposes.filter((p) => declared.includes(p)),
        );
        for (const p of narrowed.granted) used.add(p);
        return narrowed;
      },
    },
    used: () => PURPOSES.filter((p) => used.has(p)),
  };
}
