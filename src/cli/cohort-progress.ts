/** How `hearth seed --cohort` shows its progress on stderr: a bar on a terminal, a line per 10% elsewhere. */
import type { CohortProgress } from '../demo/seed-cohort.js';

type Stream = { isTTY?: boolean; write: (text: string) => unknown };

/** A progress reporter for `stream`; `finish` ends the bar's line. */
export function cohortProgress(stream: Stream): { report: (p: CohortProgress) => void; finish: () => void } {
  let shownTenth = 0;
  const tty = stream.isTTY === true;
  return {
    report: ({ done, total }) => {
      const share = total === 0 ? 1 : done / total;
      if (tty) {
        const width = 30;
        const filled = Math.round(share * width);
        stream.write(
          `\rcohort [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(share * 100)}% (${done}/${total})`,
        );
        return;
      }
      const tenth = Math.floor(share * 10);
      if (tenth > shownTenth) {
        shownTenth = tenth;
        stream.write(`cohort: ${tenth * 10}% (${done}/${total} households)\n`);
      }
    },
    finish: () => {
      if (tty) stream.write('\n');
    },
  };
}
