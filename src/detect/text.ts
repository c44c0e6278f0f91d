/**
 * Small text helpers shared by the parsers. Tool output is untrusted: a parser
 * looks at a bounded amount of it, line by line, without regexes that backtrack.
 */

/** Tool output beyond this is not something a parser needs to read. */
export const MAX_PARSE_CHARS = 256 * 1024;

/** The lines of a tool's output, CRLF or LF, BOM dropped, at most MAX_PARSE_CHARS read. */
export function linesOf(text: string): string[] {
  const bounded = typeof text === 'string' ? text.slice(0, MAX_PARSE_CHARS) : '';
  return bounded.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
}

/** "550.54.15", "470.256.02", "560.94": dotted numbers, two or three parts. */
export function isDriverVersion(s: string): boolean {
  return /^\d{1,4}\.\d{1,4}(?:\.\d{1,4})?$/.test(s);
}

/** "8.6" from "8.6", "8,6" (a localized decimal comma) or "8 . 6"; undefined otherwise. */
export function normalizeMajorMinor(s: string): string | undefined {
  const m = /^\s*(\d{1,2})\s*[.,]\s*(\d{1,2})\s*$/.exec(s);
  return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}
