/**
 * `npm run bench`: the numbers the README quotes, printed as plain-text tables
 * under a header naming the machine. Nothing is asserted and nothing fails the
 * command: a part that cannot run here says why and the next one goes on.
 *
 *   --quick       skip parts 2 and 4 (they install ~3 GB of wheels and take minutes)
 *   --rounds N    interleaved rounds for part 1 (default 15)
 *   --action F    the action's entry (default dist/index.js)
 *   --save        also write the figures to scripts/bench/results.txt (every part
 *                 but the bundle's, which is measured from dist/), the file the
 *                 README's figures quote: then `npm run figures` (or `npm run build`)
 *                 rewrites README.md from it. Not with --quick: a saved result has
 *                 every part.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundleTable } from './bench/bundle.js';
import { formatResults } from './bench/figures.js';
import { machineHeader } from './bench/header.js';
import { measureOverhead } from './bench/overhead.js';
import { measureSavings } from './bench/savings.js';
import { measureWarm } from './bench/warm.js';
import { renderTable, type Table } from './bench/table.js';

interface Flags {
  quick: boolean;
  rounds: number;
  action: string;
  /** Not flags: kept here, out of ncc's sight. ncc rewrites a literal path it can
   *  resolve at build time (resolve(cwd, 'action.yml')) into a bundled asset. */
  actionYml: string;
  dist: string;
  save: boolean;
  results: string;
}

function parseFlags(argv: string[]): Flags {
  const flags: Flags = {
    quick: false,
    rounds: 15,
    action: 'dist/index.js',
    actionYml: 'action.yml',
    dist: 'dist',
    save: false,
    results: 'scripts/bench/results.txt',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') flags.quick = true;
    else if (a === '--save') flags.save = true;
    else if (a === '--rounds' && /^\d+$/.test(argv[i + 1] ?? '') && Number(argv[i + 1]) > 0) flags.rounds = Number(argv[++i]);
    else if (a === '--action' && argv[i + 1]) flags.action = argv[++i];
    else process.stderr.write(`bench: ignoring unknown argument ${JSON.stringify(a)}\n`);
  }
  return flags;
}

async function part(title: string, body: () => Promise<Table> | Table): Promise<string> {
  try {
    return renderTable(await body());
  } catch (e) {
    // A bug in one part must not hide the others' numbers.
    return `${title}\nfailed: ${(e as Error).stack ?? String(e)}`;
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const flags = parseFlags(process.argv.slice(2));
  if (flags.save && flags.quick) {
    process.stderr.write('bench: --save needs every part; run it without --quick\n');
    process.exitCode = 2;
    return;
  }
  const root = process.cwd();
  const actionPath = resolve(root, flags.action);
  const actionYml = resolve(root, flags.actionYml);
  const progress = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };

  const out: string[] = [machineHeader()];
  progress('bench: 1. planning overhead');
  out.push(await part('1. Planning overhead', () => measureOverhead({ actionPath, actionYml, rounds: flags.rounds, progress })));
  if (flags.quick) {
    out.push('2. What the right build saves\nskipped: --quick');
  } else {
    progress('bench: 2. install savings (installs a few GB; minutes)');
    out.push(await part('2. What the right build saves', () => measureSavings({ actionPath, actionYml, python: 'python3', progress })));
  }
  out.push(await part('3. Bundle size of dist/', () => bundleTable(resolve(root, flags.dist), root)));
  if (flags.quick) {
    out.push('4. Warm runs\nskipped: --quick');
  } else {
    progress('bench: 4. warm runs (a cold and a warm job with the cache; a minute or two)');
    out.push(await part('4. Warm runs', () => measureWarm({ actionPath, actionYml, python: 'python3', progress })));
  }
  const failed = out.slice(1).filter((p) => /^[^\n]*\nfailed: /.test(p));
  if (flags.save && failed.length > 0) {
    progress(`bench: not saving: ${failed.map((p) => p.split('\n')[0]).join(', ')} failed (the README keeps its figures)`);
    process.exitCode = 1;
  } else if (flags.save) {
    writeFileSync(resolve(root, flags.results), formatResults(out[0], out.slice(1)));
    progress(`bench: saved the figures to ${flags.results}; npm run figures rewrites README.md from them`);
  }
  out.push(`(bench took ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  process.stdout.write(`${out.join('\n\n')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${(e as Error).stack ?? String(e)}\n`);
});
