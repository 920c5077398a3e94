/** Progress for large inputs only: a line of rows and rows/s at most every `everyMs`. */
import { formatCount } from "../markdown.js";

export function progressLines(
  write: (line: string) => void,
  everyMs = 3000,
): (file: string, rows: number) => void {
  const started = Date.now();
  let last = started;
  return (file, rows) => {
    const now = Date.now();
    if (now - last < everyMs) return;
    last = now;
    const rate = rows / ((now - started) / 1000);
    write(`${file}: ${formatCount(rows)} rows (${formatCount(Math.round(rate))} rows/s)`);
  };
}
