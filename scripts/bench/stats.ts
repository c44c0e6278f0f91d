/**
 * The few statistics the benchmark prints. Medians, not means: one slow run
 * (a page cache miss, a scheduler hiccup) must not move the number.
 */

/** The median of the values; NaN for none. */
export function median(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return Number.NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** value / baseline; NaN when either is not a positive finite number. */
export function ratio(value: number, baseline: number): number {
  if (!Number.isFinite(value) || !Number.isFinite(baseline) || baseline <= 0 || value < 0) return Number.NaN;
  return value / baseline;
}
