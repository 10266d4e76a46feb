/**
 * At most `limit` lines per window; the rest are counted and summed up in one line when the next
 * window opens. A hub that falls over makes thousands of chargers fail at once: the terminal gets
 * the gist, and the counters have the figures.
 */
export function limitedLog(
  write: (line: string) => void,
  limit = 20,
  windowMs = 10_000,
  now: () => number = Date.now,
): (line: string) => void {
  let windowStart = now();
  let written = 0;
  let dropped = 0;
  return (line) => {
    if (now() - windowStart >= windowMs) {
      if (dropped > 0) write(`… and ${dropped} more lines like these`);
      windowStart = now();
      written = 0;
      dropped = 0;
    }
    if (written < limit) {
      written++;
      write(line);
    } else {
      dropped++;
    }
  };
}
