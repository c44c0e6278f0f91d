/**
 * The README's figures block: what `npm run bench` measured, quoted as it printed
 * it, with the bundle sizes (part 3) computed from the committed dist/ instead.
 *
 * Two sources, because they go stale in different ways. The measured parts (1, 2,
 * 4) depend on the machine and take minutes and gigabytes to produce, so they live
 * in a committed results file (`npm run bench -- --save` writes it) and the README
 * quotes that file. The bundle sizes change with every change to src/, so they are
 * recomputed from dist/ whenever the README is checked or rewritten.
 */
import { bundleSizeTable, type FileSize } from './bundle.js';
import { renderTable, type Table } from './table.js';

export const FIGURES_START = '<!-- figures:start -->';
export const FIGURES_END = '<!-- figures:end -->';
const NOTE =
  '<!-- Written by `npm run figures` (also run by `npm run build`): parts 1, 2 and 4 from scripts/bench/results.txt ' +
  '(`npm run bench -- --save` writes it), part 3 from dist/. Edit those, not this block. -->';

/** The part of the bench output that is computed from dist/, never stored. */
export const BUNDLE_PART = 3;

export interface BenchResults {
  /** The machine header, as `machineHeader()` printed it. */
  header: string;
  /** Each part's text by its number ("1. Planning overhead ..." is part 1). */
  parts: Map<number, string>;
}

/** Splits bench output (header, then parts separated by blank lines, each starting "N. ") into its pieces. */
export function parseResults(text: string): BenchResults {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((b) => b.replace(/\s+$/, ''))
    .filter((b) => b !== '');
  const header: string[] = [];
  const parts = new Map<number, string>();
  for (const block of blocks) {
    const m = /^(\d+)\. /.exec(block);
    if (m) parts.set(Number(m[1]), block);
    else if (parts.size === 0) header.push(block);
    // Anything after the parts ("(bench took 412 s)") is not a figure.
  }
  return { header: header.join('\n\n'), parts };
}

/** The results file `npm run bench -- --save` writes: the header and every part but the bundle's. */
export function formatResults(header: string, parts: string[]): string {
  const kept = parts.filter((p) => !p.startsWith(`${BUNDLE_PART}. `));
  return `${[header, ...kept].join('\n\n')}\n`;
}

/** The whole block, markers included, from the stored results and the bundle's table. */
export function renderFigures(results: BenchResults, bundle: Table): string {
  const numbers = [...new Set([...results.parts.keys(), BUNDLE_PART])].sort((a, b) => a - b);
  const body = numbers.map((n) => (n === BUNDLE_PART ? renderTable(bundle) : (results.parts.get(n) ?? '')));
  return [FIGURES_START, NOTE, '', '```text', [results.header, ...body].join('\n\n'), '```', FIGURES_END].join('\n');
}

/** Where the block is in the README: [start of the start marker, end of the end marker]. */
function blockRange(readme: string): [number, number] {
  const start = readme.indexOf(FIGURES_START);
  const end = readme.indexOf(FIGURES_END);
  if (start < 0 || end < start || readme.indexOf(FIGURES_START, start + 1) >= 0 || readme.indexOf(FIGURES_END, end + 1) >= 0) {
    throw new Error(`README.md must hold exactly one ${FIGURES_START} ... ${FIGURES_END} block, in that order`);
  }
  return [start, end + FIGURES_END.length];
}

/** The README's current block, markers included. */
export function currentFigures(readme: string): string {
  const [start, end] = blockRange(readme);
  return readme.slice(start, end).replace(/\r\n?/g, '\n');
}

/** The README with its block replaced by `block`. */
export function replaceFigures(readme: string, block: string): string {
  const [start, end] = blockRange(readme);
  return readme.slice(0, start) + block + readme.slice(end);
}

/**
 * How far a gzipped size may be from this machine's. zlib's output depends on its
 * build: Node's bundled zlib hashes with CRC32 instructions where the CPU has them,
 * which finds other matches, so the same file compresses to slightly different
 * sizes on another runner or Node version. Plain sizes are exact. (The cells are
 * rounded to three digits, so 2% also covers a rounding step; 16 bytes, tiny files.)
 */
const GZIP_TOLERANCE = 0.02;

const UNIT_BYTES: Record<string, number> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4 };

function parseBytes(cell: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?) (B|KiB|MiB|GiB|TiB)$/.exec(cell);
  return m ? Number(m[1]) * UNIT_BYTES[m[2]] : undefined;
}

/** The rows of a rendered bundle table: cells split on the column gaps, the rule line left out. */
function bundleRows(part: string): string[][] {
  return part
    .split('\n')
    .filter((l) => !/^[-\s]+$/.test(l))
    .map((l) => l.trim().split(/\s{2,}/));
}

function sameBundle(found: string, expected: string): string[] {
  const problems: string[] = [];
  const a = bundleRows(found);
  const b = bundleRows(expected);
  if (a.length !== b.length) return [`bundle sizes: the README lists ${a.length - 3} rows, dist/ has ${b.length - 3}`];
  for (let i = 0; i < b.length; i++) {
    const [fileA, sizeA, gzA, ...restA] = a[i];
    const [fileB, sizeB, gzB, ...restB] = b[i];
    const gzFound = parseBytes(gzA ?? '');
    const gzWanted = parseBytes(gzB ?? '');
    const gzipClose =
      gzA === gzB || (gzFound !== undefined && gzWanted !== undefined && Math.abs(gzFound - gzWanted) <= Math.max(GZIP_TOLERANCE * gzWanted, 16));
    if (fileA !== fileB || sizeA !== sizeB || !gzipClose || restA.join(' ') !== restB.join(' ')) {
      problems.push(`bundle sizes: the README says "${a[i].join('  ')}", dist/ gives "${b[i].join('  ')}"`);
    }
  }
  return problems;
}

/**
 * What is stale in the README's figures block, one line per difference; [] when it
 * quotes the results file and the committed dist/ (gzipped sizes within 2%).
 */
export function figuresProblems(readme: string, results: BenchResults, files: FileSize[]): string[] {
  let found: string;
  try {
    found = currentFigures(readme);
  } catch (e) {
    return [(e as Error).message];
  }
  const expected = renderFigures(results, bundleSizeTable(files));
  if (found === expected) return [];
  const partsOf = (block: string): string[] => {
    const inner = block.slice(block.indexOf('```text\n') + 8, block.lastIndexOf('\n```'));
    return inner.split(/\n\n(?=\d+\. )/);
  };
  const problems: string[] = [];
  const headOf = (block: string): string => block.slice(0, block.indexOf('```text\n'));
  if (headOf(found) !== headOf(expected)) problems.push('the lines before the figures differ from what npm run figures writes');
  const a = partsOf(found);
  const b = partsOf(expected);
  if (a.length !== b.length) return [...problems, `the README shows ${a.length} pieces (header and parts), the results and dist/ give ${b.length}`];
  for (let i = 0; i < b.length; i++) {
    if (a[i] === b[i]) continue;
    if (b[i].startsWith(`${BUNDLE_PART}. `) && a[i].startsWith(`${BUNDLE_PART}. `)) problems.push(...sameBundle(a[i], b[i]));
    else problems.push(`"${b[i].split('\n')[0]}" differs from scripts/bench/results.txt`);
  }
  return problems;
}
