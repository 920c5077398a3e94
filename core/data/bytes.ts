/**
 * Byte-level facts shared by the CSV scanner, the compiled typed scan and the column profile, so
 * that each is defined once.
 */

/** A cell of at most this many bytes is keyed by its bytes (six bytes and a length fit a double). */
export const SHORT_BYTES = 6;

/** Could a cell whose first byte (or char code) is `c` be a number: a digit, a sign or a point. */
export function mayStartNumber(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 43;
}

/** The same test as JavaScript source over the variable `v`, for code the typed scan compiles. */
export function mayStartNumberSource(v: string): string {
  return `((${v} >= 48 && ${v} <= 57) || ${v} === 45 || ${v} === 46 || ${v} === 43)`;
}
