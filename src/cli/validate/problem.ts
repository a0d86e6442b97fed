/** A problem validate reports: what, where (file, skill, intent, locale) and a stable code tools can match. */
export type Problem = {
  code: string;
  file: string;
  skill?: string;
  /** The campaign (`skills/<skill>/campaigns/<id>.json`) the problem is about. */
  campaign?: string;
  intent?: string;
  locale?: string;
  message: string;
};

/** One line for people: `file [code] skill › campaign › intent › locale: message`. */
export function formatProblem(p: Problem): string {
  const where = [p.skill, p.campaign, p.intent, p.locale].filter(Boolean).join(' › ');
  return `${p.file} [${p.code}]${where ? ` ${where}` : ''}: ${p.message}`;
}

/** Stable order: by file, then skill, campaign, intent, locale, code, message. */
export function sortProblems(problems: Problem[]): Problem[] {
  const key = (p: Problem) =>
    [p.file, p.skill ?? '', p.campaign ?? '', p.intent ?? '', p.locale ?? '', p.code, p.message].join(
      '\u0000',
    );
  return [...problems].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
