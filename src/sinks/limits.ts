/**
 * Bounds on what outside input can make torchcraft print: a value in a message
 * is shortened, a list (GPUs, notes, warnings) is cut with a line saying how
 * many were left out. Each sink applies them where text leaves the program.
 */

/** Longest value an error message quotes whole. */
export const MAX_QUOTED = 200;

/**
 * The text, or its start and a count when it is longer than `max` characters:
 * "aaaa… (102400 characters)". Never cuts a surrogate pair in half.
 */
export function shorten(text: string, max = MAX_QUOTED): string {
  if (text.length <= max) return text;
  const keep = Math.max(1, max - 24);
  let cut = text.slice(0, keep);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}… (${text.length} characters)`;
}

/** Items beyond `max` left out, with one more item saying how many. */
export function capItems<T>(items: readonly T[], max: number, more: (n: number) => T): T[] {
  return items.length <= max ? [...items] : [...items.slice(0, max), more(items.length - max)];
}

/** "and 6330 more" for a list cut by capItems. */
export function andMore(n: number, what: string): string {
  return `… and ${n} more ${what}`;
}
