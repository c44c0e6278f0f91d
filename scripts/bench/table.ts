/**
 * Plain-text tables and the number formats in them. Plain text because the
 * README quotes the output as it is, and a terminal, a CI log and a Markdown
 * code block all show it the same.
 */

export interface Table {
  title: string;
  headers: string[];
  /**
   * Cells, one array per row. A row shorter than the headers lets its last
   * cell run on across the missing columns ("skipped: ..." messages).
   */
  rows: string[][];
  /** Footnotes, printed under the table as they are. */
  notes?: string[];
}

const GAP = '  ';

/** The table as lines of text: title, header, rule, rows, notes; first column left-aligned, the rest right-aligned. */
export function renderTable(table: Table): string {
  const columns = table.headers.length;
  const widths = table.headers.map((h) => h.length);
  for (const row of table.rows) {
    // A spanning last cell does not widen the column it starts in.
    const full = row.length >= columns;
    row.slice(0, columns).forEach((cell, i) => {
      if (full || i < row.length - 1) widths[i] = Math.max(widths[i], cell.length);
    });
  }
  const line = (cells: string[]): string => {
    const full = cells.length >= columns;
    const parts = cells.slice(0, columns).map((cell, i) => {
      if (!full && i === cells.length - 1) return cell;
      return i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]);
    });
    return parts.join(GAP).trimEnd();
  };
  const out = [table.title, line(table.headers), widths.map((w) => '-'.repeat(w)).join(GAP)];
  for (const row of table.rows) out.push(line(row));
  for (const note of table.notes ?? []) out.push(note);
  return out.join('\n');
}

/** Milliseconds, to one decimal below 100 ms; "n/a" when not a number. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 100_000) return `${(ms / 1000).toFixed(0)} s`;
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return ms < 100 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(0)} ms`;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** Bytes in binary units, three significant digits: "1.23 GiB"; "n/a" when not a number. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'n/a';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${bytes} B`;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** A ratio as "12.3x"; "n/a" when not a number. */
export function formatRatio(r: number): string {
  if (!Number.isFinite(r)) return 'n/a';
  return r >= 100 ? `${r.toFixed(0)}x` : `${r.toFixed(r >= 10 ? 1 : 2)}x`;
}
