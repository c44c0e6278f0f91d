/**
 * `npm run figures`: rewrite README.md's figures block (between
 * <!-- figures:start --> and <!-- figures:end -->) from scripts/bench/results.txt
 * and the bundle sizes of dist/ as it is now. `npm run build` runs it after
 * bundling, so a rebuild keeps the README's sizes true.
 *
 *   (no flag)  rewrite the block when it is stale; leave README.md alone when it is
 *              current (gzipped sizes within 2%: another zlib build compresses a
 *              few bytes differently, and that is no reason to touch the file)
 *   --check    change nothing; exit 1 and say what differs when the block is stale
 *   --force    rewrite the block even when it is current
 *
 * __tests__/bench/figures.test.ts runs the same check against the committed files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundleSizeTable, bundleSizes } from './bench/bundle.js';
import { figuresProblems, parseResults, renderFigures, replaceFigures } from './bench/figures.js';

/** Paths are data, not literals ncc could resolve at build time into bundled assets (see bench.ts). */
const paths = { readme: 'README.md', results: 'scripts/bench/results.txt', dist: 'dist' };

function main(): void {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const force = args.includes('--force');
  const unknown = args.filter((a) => a !== '--check' && a !== '--force');
  if (unknown.length > 0 || (check && force)) {
    process.stderr.write('usage: readme-figures [--check | --force]\n');
    process.exitCode = 2;
    return;
  }
  const root = process.cwd();
  const readmePath = resolve(root, paths.readme);
  const readme = readFileSync(readmePath, 'utf8');
  const results = parseResults(readFileSync(resolve(root, paths.results), 'utf8'));
  const files = bundleSizes(resolve(root, paths.dist), root);
  if (files.length === 0) {
    process.stderr.write('readme-figures: dist/ is empty or missing; run npm run build first\n');
    process.exitCode = 1;
    return;
  }
  const problems = figuresProblems(readme, results, files);
  if (check) {
    if (problems.length === 0) {
      process.stdout.write('README.md figures are current.\n');
      return;
    }
    process.stderr.write(`README.md figures are stale (npm run figures rewrites them):\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exitCode = 1;
    return;
  }
  if (problems.length === 0 && !force) return;
  const updated = replaceFigures(readme, renderFigures(results, bundleSizeTable(files)));
  if (updated !== readme) {
    writeFileSync(readmePath, updated);
    process.stdout.write(`README.md: figures rewritten (${problems.length} stale: ${problems[0] ?? 'forced'}).\n`);
  }
}

try {
  main();
} catch (e) {
  process.stderr.write(`readme-figures: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
