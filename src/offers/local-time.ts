/** Local times of day (`HH:MM`) and ranges of them, such as quiet hours that wrap past midnight. */
/** `HH:MM` as minutes since midnight. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Whether local `minutes` fall in `[from, to)`, a range that may wrap past midnight (21:00 to 08:00). */
export function withinLocalRange(minutes: number, from: string, to: string): boolean {
  const start = minutesOf(from);
  const end = minutesOf(to);
  return start <= end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}
