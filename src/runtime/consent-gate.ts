/**
 * The only door from a handler to household data. A handler asks for the
 * purposes it uses; the gate answers with the context documents whose purpose
 * the household has granted now, and nothing else.
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

/** What the gate hands out for one `read`. */
export type ConsentedContext = {
  /** The asked purposes that are granted now (for the turn's household and the skill's brand). */
  granted: Purpose[];
  /**
   * The context documents (`households/{hid}/context/{purpose}`) of granted
   * purposes, as stored; skills parse them with their own schema. Purposes
   * without a document (offers, measurement, auto_reorder) never appear here.
   */
  documents: Partial<Record<Purpose, unknown>>;
};

/** Reads consented household context for one turn. */
export interface ConsentGate {
  /** Ask for the purposes a reply needs; get back only what is granted now. */
  read(purposes: readonly Purpose[]): Promise<ConsentedContext>;
}

/**
 * The gate used until the consent issue lands: nothing is granted, so every
 * handler answers non-personally. There is deliberately no other implementation.
 */
export const noConsentGate: ConsentGate = {
  async read() {
    return { granted: [], documents: {} };
  },
};

/** Wrap a gate so the runtime learns which purposes the reply actually read (the Reply's `used`). */
export function recordingGate(gate: ConsentGate): { gate: ConsentGate; used: () => Purpose[] } {
  const used = new Set<Purpose>();
  return {
    gate: {
      async read(purposes) {
        const context = await gate.read(purposes);
        // Only what was both asked for and granted was read; never trust a gate to over-answer.
        const granted = context.granted.filter((p) => purposes.includes(p));
        for (const p of granted) used.add(p);
        const documents: Partial<Record<Purpose, unknown>> = {};
        for (const p of granted) if (p in context.documents) documents[p] = context.documents[p];
        return { granted, documents };
      },
    },
    used: () => PURPOSES.filter((p) => used.has(p)),
  };
}
