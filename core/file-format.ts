/** Stable JSON as kiln writes it: two-space indent and a trailing newline. */
export function formatKilnFile(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
