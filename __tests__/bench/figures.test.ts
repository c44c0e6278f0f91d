import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { bundleSizeTable, bundleSizes, type FileSize } from '../../scripts/bench/bundle.js';
import {
  FIGURES_END,
  FIGURES_START,
  currentFigures,
  figuresProblems,
  formatResults,
  parseResults,
  renderFigures,
  replaceFigures,
} from '../../scripts/bench/figures.js';

const RESULTS = 'scripts/bench/results.txt';

describe("README's figures", () => {
  // The check npm run figures -- --check makes: the README quotes the committed
  // results file, and its bundle sizes are those of the committed dist/ (not of a
  // build made here). After a rebuild: npm run figures, or npm run build.
  it('quote scripts/bench/results.txt and the sizes of the committed dist/ (run npm run figures when this fails)', () => {
    const files = bundleSizes('dist', process.cwd());
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['dist/index.js', 'dist/cli/index.js']));
    const problems = figuresProblems(readFileSync('README.md', 'utf8'), parseResults(readFileSync(RESULTS, 'utf8')), files);
    expect(problems).toEqual([]);
  });

  it('stored results hold the header and the measured parts 1, 2 and 4, not the bundle sizes', () => {
    const results = parseResults(readFileSync(RESULTS, 'utf8'));
    expect(results.header).toMatch(/^torchcraft benchmark\nmachine: .+\nos: .+\nnode: +v\d+/);
    expect([...results.parts.keys()]).toEqual([1, 2, 4]);
    for (const part of results.parts.values()) expect(part).not.toMatch(/\nfailed: /);
  });
});

const HEADER = 'torchcraft benchmark\nmachine: a CPU, 2 cores, 8.00 GiB memory\nos:      Linux (x64)\nnode:    v20.20.2\ndate:    2026-12-02';
const PART1 = '1. Planning overhead\nrun       median\n--------  ------\nbaseline  24.4 ms';
const PART3_AS_PRINTED = '3. Bundle size of dist/\nfile  size  gzipped\n----  ----  -------\ndist/x.js  1 B  1 B';
const PART4 = '4. Warm runs\nskipped: --quick';
const FILES: FileSize[] = [
  { path: 'dist/cli/index.js', bytes: 476_000, gzipBytes: 131_000 },
  { path: 'dist/index.js', bytes: 1_570_000, gzipBytes: 393_000 },
  { path: 'dist/package.json', bytes: 23, gzipBytes: 43 },
];

function readmeWith(files: FileSize[], results = parseResults(formatResults(HEADER, [PART1, PART3_AS_PRINTED, PART4]))): string {
  return `# x\n\n## Performance\n\n${renderFigures(results, bundleSizeTable(files))}\n\nProse.\n`;
}

describe('formatResults and parseResults', () => {
  it('store every part but the bundle sizes, and read them back (CRLF too), the "(bench took ...)" line dropped', () => {
    const text = formatResults(HEADER, [PART1, PART3_AS_PRINTED, PART4]);
    expect(text).not.toContain('Bundle size');
    for (const t of [text, `${text}\n(bench took 412 s)\n`, text.replace(/\n/g, '\r\n')]) {
      const r = parseResults(t);
      expect(r.header).toBe(HEADER);
      expect([...r.parts.entries()]).toEqual([
        [1, PART1],
        [4, PART4],
      ]);
    }
  });
});

describe('figuresProblems', () => {
  const results = parseResults(formatResults(HEADER, [PART1, PART3_AS_PRINTED, PART4]));

  it('finds nothing in a block written from the same results and dist/, and the block holds the bundle table in order', () => {
    const readme = readmeWith(FILES);
    expect(figuresProblems(readme, results, FILES)).toEqual([]);
    const block = currentFigures(readme);
    expect(block.startsWith(FIGURES_START)).toBe(true);
    expect(block.endsWith(FIGURES_END)).toBe(true);
    expect(block).toMatch(/```text\ntorchcraft benchmark\n[\s\S]*\n\n1\. Planning[\s\S]*\n\n3\. Bundle size of dist\/\n[\s\S]*dist\/index\.js +1\.50 MiB +384 KiB\n[\s\S]*\n\n4\. Warm runs\nskipped: --quick\n```/);
    // The same check through CRLF line ends (a checkout without .gitattributes).
    expect(figuresProblems(readme.replace(/\n/g, '\r\n'), results, FILES)).toEqual([]);
  });

  it('reports a bundle that grew', () => {
    const grown = FILES.map((f) => (f.path === 'dist/index.js' ? { ...f, bytes: 1_700_000 } : f));
    expect(figuresProblems(readmeWith(FILES), results, grown)).toEqual([
      'bundle sizes: the README says "dist/index.js  1.50 MiB  384 KiB", dist/ gives "dist/index.js  1.62 MiB  384 KiB"',
      'bundle sizes: the README says "total (3 files)  1.95 MiB  512 KiB", dist/ gives "total (3 files)  2.08 MiB  512 KiB"',
    ]);
  });

  it('reports a file added to dist/', () => {
    const more = [...FILES, { path: 'dist/9.index.js', bytes: 100, gzipBytes: 90 }];
    expect(figuresProblems(readmeWith(FILES), results, more)).toEqual(['bundle sizes: the README lists 4 rows, dist/ has 5']);
  });

  it('lets a gzipped size differ by under 2% (another zlib build), not by more', () => {
    const gz = (factor: number): FileSize[] => FILES.map((f) => ({ ...f, gzipBytes: Math.round(f.gzipBytes * factor) }));
    expect(figuresProblems(readmeWith(FILES), results, gz(1.01))).toEqual([]);
    expect(figuresProblems(readmeWith(FILES), results, gz(0.99))).toEqual([]);
    expect(figuresProblems(readmeWith(FILES), results, gz(1.06)).length).toBeGreaterThan(0);
  });

  it('reports a measured figure that differs from the stored results', () => {
    const edited = readmeWith(FILES).replace('baseline  24.4 ms', 'baseline  12.0 ms');
    expect(figuresProblems(edited, results, FILES)).toEqual(['"1. Planning overhead" differs from scripts/bench/results.txt']);
    const newer = parseResults(formatResults(HEADER, [PART1, PART3_AS_PRINTED, '4. Warm runs\nmeasured']));
    expect(figuresProblems(readmeWith(FILES), newer, FILES)).toEqual(['"4. Warm runs" differs from scripts/bench/results.txt']);
  });

  it('reports a README without exactly one block', () => {
    expect(figuresProblems('# x\n', results, FILES)).toEqual([expect.stringMatching(/exactly one <!-- figures:start -->/)]);
    const twice = readmeWith(FILES) + readmeWith(FILES);
    expect(figuresProblems(twice, results, FILES)).toEqual([expect.stringMatching(/exactly one/)]);
  });
});

describe('replaceFigures', () => {
  it('rewrites the block and leaves the rest of the README as it was', () => {
    const results = parseResults(formatResults(HEADER, [PART1, PART4]));
    const stale = readmeWith(FILES).replace('1.50 MiB', '1.41 MiB');
    const fixed = replaceFigures(stale, renderFigures(results, bundleSizeTable(FILES)));
    expect(fixed).toBe(readmeWith(FILES, results));
    expect(fixed.startsWith('# x\n\n## Performance\n\n<!-- figures:start -->')).toBe(true);
    expect(fixed.endsWith('<!-- figures:end -->\n\nProse.\n')).toBe(true);
    expect(figuresProblems(fixed, results, FILES)).toEqual([]);
  });
});
