/**
 * Part 3: what the committed bundle weighs. `dist/` is what a runner downloads
 * with the action and what `npx` fetches, so its size is part of the cost.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { formatBytes, type Table } from './table.js';

export interface FileSize {
  /** Relative to the bundle folder's parent: "dist/index.js". */
  path: string;
  bytes: number;
  gzipBytes: number;
}

function walk(dir: string, into: string[]): void {
  // Code-unit order, not the locale's: the README's table must come out the same everywhere.
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, into);
    else if (entry.isFile()) into.push(path);
  }
}

/** Every file under `dir`, its size and its size gzipped (level 9); [] when there is no such folder. */
export function bundleSizes(dir: string, base: string): FileSize[] {
  try {
    if (!statSync(dir).isDirectory()) return [];
  } catch {
    return [];
  }
  const files: string[] = [];
  walk(dir, files);
  return files.map((path) => {
    const data = readFileSync(path);
    // Forward slashes on Windows too: the README names files as dist/cli/index.js.
    return { path: relative(base, path).split(sep).join('/'), bytes: data.length, gzipBytes: gzipSync(data, { level: 9 }).length };
  });
}

export function bundleTable(dir: string, base: string): Table {
  return bundleSizeTable(bundleSizes(dir, base));
}

/** Part 3 from sizes already measured (the README's figures check reuses it). */
export function bundleSizeTable(files: FileSize[]): Table {
  const table: Table = { title: '3. Bundle size of dist/', headers: ['file', 'size', 'gzipped'], rows: [] };
  if (files.length === 0) {
    table.rows.push(['dist/', 'skipped: run npm run build first']);
    return table;
  }
  for (const f of files) table.rows.push([f.path, formatBytes(f.bytes), formatBytes(f.gzipBytes)]);
  const sum = (pick: (f: FileSize) => number): number => files.reduce((n, f) => n + pick(f), 0);
  table.rows.push([`total (${files.length} files)`, formatBytes(sum((f) => f.bytes)), formatBytes(sum((f) => f.gzipBytes))]);
  table.notes = ['   gzipped: each file compressed alone at level 9, as a rough measure of what travels.'];
  return table;
}
