// npm run build: bundle the action (dist/index.js) and the CLI (dist/cli/index.js)
// with ncc, then regenerate the requirements/ catalog from the same renderer, and
// the README's figures (bundle sizes) from the new dist/.
// Both outputs are committed; CI rebuilds and fails when they differ.
import { execFileSync } from 'node:child_process';
import { rmSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const ncc = (entry, out) =>
  execFileSync(process.execPath, ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build', entry, '-o', out, '--license', 'licenses.txt', '-q'], {
    stdio: 'inherit',
  });

// @actions/core does not declare itself free of side effects, so webpack keeps
// every module it imports, used or not: getIDToken's OIDC client, and through it
// @actions/http-client and undici (1 MB, a third of the bundle's load time), in
// every run. It is free of them (its modules only define functions, classes and
// one Summary object), so the flag is set for the build and put back after; the
// action then loads the HTTP client only when it fetches (the cache, the index).
const SIDE_EFFECT_FREE = ['node_modules/@actions/core/package.json'];
const originals = SIDE_EFFECT_FREE.map((file) => [file, readFileSync(file, 'utf8')]);
try {
  for (const [file, text] of originals) writeFileSync(file, JSON.stringify({ ...JSON.parse(text), sideEffects: false }, null, 2));
  rmSync('dist', { recursive: true, force: true });
  ncc('src/action/index.ts', 'dist');
  ncc('src/cli/index.ts', 'dist/cli');
} finally {
  for (const [file, text] of originals) writeFileSync(file, text);
}

// The catalog generator is TypeScript too: bundle it to a scratch folder and run it.
rmSync('.tmp/catalog', { recursive: true, force: true });
mkdirSync('.tmp', { recursive: true });
ncc('scripts/catalog.ts', '.tmp/catalog');
execFileSync(process.execPath, ['.tmp/catalog/index.js'], { stdio: 'inherit' });

// The README's figures block quotes the bundle sizes of the dist/ just built
// (scripts/readme-figures.ts); README.md is rewritten only when it is stale.
rmSync('.tmp/figures', { recursive: true, force: true });
ncc('scripts/readme-figures.ts', '.tmp/figures');
execFileSync(process.execPath, ['.tmp/figures/index.js'], { stdio: 'inherit' });
