/**
 * First-come-first-served turns per document path, inside one process. Firestore
 * transactions lock pessimistically: two transactions of the same process that read
 * one document and then write it block each other until the backend aborts one
 * (production wounds the younger at once; the emulator waits out a 2 s lock timeout),
 * and the client then backs off for a second or more. Taking turns in-process first
 * costs one queue wait instead.
 */
export class DocumentQueue {
  readonly #tails = new Map<string, Promise<void>>();

  /**
   * Waits for the turn on every path (in sorted order, so two callers can never hold
   * one path each while waiting for the other's) and resolves with the release.
   */
  async acquire(paths: readonly string[]): Promise<() => void> {
    const releases: (() => void)[] = [];
    for (const path of [...new Set(paths)].sort()) {
      const previous = this.#tails.get(path) ?? Promise.resolve();
      let release!: () => void;
      const turn = new Promise<void>((resolve) => {
        release = resolve;
      });
      const tail = previous.then(() => turn);
      this.#tails.set(path, tail);
      void tail.then(() => {
        if (this.#tails.get(path) === tail) this.#tails.delete(path);
      });
      releases.push(release);
      await previous;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const release of releases) release();
    };
  }
}
