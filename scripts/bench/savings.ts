/**
 * Part 2: what choosing the right build saves on a CPU-only Linux machine.
 * (a) is what `pip install torch` brings from PyPI on Linux x86_64 (a CUDA build
 * and its nvidia-* stack); (b) is `pip install -r torchcraft.txt` for the CPU
 * build. Both come from real wheels on this machine's disk (its pip mirror),
 * served over 127.0.0.1 so pip downloads them as it would from an index and the
 * server can count the bytes. Each side installs into a fresh venv.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { compare, explain } from '@renovatebot/pep440';
import { runTool, type ToolResult } from '../../src/process/run-tool.js';
import { failure } from './overhead.js';
import { actionDefaults, makeRunnerDirs, runnerEnv } from './runner-env.js';
import {
  hashMissing,
  normalizeProject,
  readSimpleTree,
  readWheelFolder,
  startStaticIndex,
  versionOfWheel,
  type Projects,
  type StaticIndex,
  type Wheel,
} from './static-index.js';
import { formatBytes, formatMs, type Table } from './table.js';

const PIP_TIMEOUT_MS = 30 * 60_000;
const SHORT_TIMEOUT_MS = 120_000;
const SKIPPED_NO_WHEELS = 'skipped: no local wheels (see pip config list)';

export interface SavingsOptions {
  actionPath: string;
  actionYml: string;
  python: string;
  progress: (line: string) => void;
}

/** Where this machine's pip finds packages on disk: simple-index folders and find-links folders. */
export function parsePipConfig(text: string): { simpleDirs: string[]; wheelDirs: string[] } {
  const simpleDirs = new Set<string>();
  const wheelDirs = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^[^=]*?\.?((?:extra-)?index-url|find-links)='?([^']*)'?\s*$/.exec(line.trim());
    if (!m) continue;
    for (const item of m[2].split(/\s+/).filter(Boolean)) {
      let path: string | undefined;
      if (item.startsWith('file:')) {
        try {
          path = fileURLToPath(item);
        } catch {
          path = undefined;
        }
      } else if (item.startsWith('/')) {
        path = item;
      }
      if (path === undefined) continue;
      (m[1] === 'find-links' ? wheelDirs : simpleDirs).add(path.replace(/\/+$/, ''));
    }
  }
  return { simpleDirs: [...simpleDirs], wheelDirs: [...wheelDirs] };
}

/** Requires-Dist lines of a METADATA file that apply without extras. */
export function requiresDist(metadata: string): string[] {
  const lines = metadata.split(/\r?\n/);
  // The headers end at the first blank line; the long description follows.
  const end = lines.indexOf('');
  return (end >= 0 ? lines.slice(0, end) : lines)
    .filter((l) => l.startsWith('Requires-Dist:'))
    .map((l) => l.slice('Requires-Dist:'.length).trim())
    .filter((r) => !/\bextra\s*==/.test(r));
}

/** The project a requirement names ("cuda-toolkit[cublas]==13.0.3; ..." -> "cuda-toolkit"). */
export function requirementProject(requirement: string): string {
  return normalizeProject(/^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(requirement.trim())?.[0] ?? requirement);
}

/** The newest wheel among `wheels` for the Python tag and Linux x86_64 that `accept` keeps. */
export function newestWheel(wheels: readonly Wheel[], pythonTag: string, accept: (version: string) => boolean): Wheel | undefined {
  const fits = wheels.filter((w) => {
    const version = versionOfWheel(w.filename);
    return (
      version !== undefined &&
      accept(version) &&
      (w.filename.includes(`-${pythonTag}-`) || /-py3-none-/.test(w.filename)) &&
      /linux[^-]*x86_64|-any\.whl$/.test(w.filename)
    );
  });
  return fits.sort((a, b) => compare(versionOfWheel(b.filename)!, versionOfWheel(a.filename)!))[0];
}

const isLocalBuild = (version: string): boolean => version.includes('+');

function sizeOf(path: string): number {
  let total = 0;
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return 0;
  }
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path)) total += sizeOf(join(path, entry));
    return total;
  }
  return stat.isFile() ? stat.size : 0;
}

/** pip's environment: this machine's pip configuration cut off entirely. */
export function isolatedPipEnv(tmp: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PIP_') && k !== 'PYTHONPATH' && k !== 'VIRTUAL_ENV') env[k] = v;
  env.PIP_CONFIG_FILE = '/dev/null';
  env.TMPDIR = tmp;
  return env;
}

interface Side {
  label: string;
  torch?: string;
  ms: number;
  downloaded: number;
  wheels: number;
  disk: number;
  error?: string;
}

async function python(cmd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<ToolResult> {
  return runTool(cmd, args, { timeoutMs: SHORT_TIMEOUT_MS, env });
}

/** Install `pipRuns` (each an argument list after `pip install`) into a fresh venv under `root`, timed and measured. */
async function installSide(
  label: string,
  root: string,
  basePython: string,
  server: StaticIndex,
  tree: string,
  pipRuns: string[][],
  progress: (line: string) => void,
): Promise<Side> {
  const side: Side = { label, ms: Number.NaN, downloaded: Number.NaN, wheels: 0, disk: Number.NaN };
  const venv = join(root, 'venv');
  const tmp = join(root, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const env = isolatedPipEnv(tmp);
  const made = await runTool(basePython, ['-m', 'venv', venv], { timeoutMs: SHORT_TIMEOUT_MS, env });
  if (!made.ok) return { ...side, error: `venv: ${failure(made)}` };
  const py = join(venv, 'bin', 'python');
  const paths = await python(py, ['-c', "import sysconfig; p = sysconfig.get_paths(); print(p['purelib']); print(p['platlib'])"], env);
  const sitePackages = [...new Set(paths.stdout.trim().split('\n').filter(Boolean))];
  const measure = (): number => sitePackages.reduce((n, p) => n + sizeOf(p), 0);
  const before = measure();
  const bytesBefore = server.bytesServed(tree);
  const filesBefore = server.filesServed(tree).length;

  let ms = 0;
  for (const args of pipRuns) {
    const shown = args.filter((a, i) => a !== '--index-url' && args[i - 1] !== '--index-url');
    progress(`  savings: ${label}: pip install ${shown.join(' ').slice(0, 100)}`);
    const full = ['-m', 'pip', 'install', '--no-cache-dir', '--disable-pip-version-check', '--no-input', '--progress-bar', 'off', '--timeout', '60', ...args];
    const begin = performance.now();
    const result = await runTool(py, full, { timeoutMs: PIP_TIMEOUT_MS, env, cwd: root });
    ms += performance.now() - begin;
    if (!result.ok) {
      const lastError = result.stderr.split('\n').filter((l) => l.startsWith('ERROR')).pop();
      return { ...side, error: `pip: ${lastError ?? failure(result)}` };
    }
  }
  side.ms = ms;
  side.downloaded = server.bytesServed(tree) - bytesBefore;
  side.wheels = server.filesServed(tree).length - filesBefore;
  side.disk = measure() - before;
  const version = await python(py, ['-c', "import importlib.metadata as m; print(m.version('torch'))"], env);
  side.torch = version.ok ? version.stdout.trim() : undefined;
  return side;
}

/**
 * torchcraft.txt for the CPU build, written by the action itself when it is built
 * (backend cpu, the local wheel's version, torch only: the mirror has no CPU
 * torchvision), else in the same form by the bench. Returns the file and who wrote it.
 */
async function writeTorchcraftTxt(
  root: string,
  options: SavingsOptions,
  indexBase: string,
  torchVersion: string,
  pythonVersion: string,
): Promise<{ path: string; by: string }> {
  const dirs = makeRunnerDirs(join(root, 'action'));
  const path = join(dirs.workspace, 'torchcraft.txt');
  let why = `${relative(process.cwd(), options.actionPath)} is not built`;
  if (existsSync(options.actionPath)) {
    const { defaults } = actionDefaults(options.actionYml);
    const env = runnerEnv(dirs, defaults, {
      backend: 'cpu',
      'torch-version': torchVersion,
      packages: 'torch',
      'index-base-url': indexBase,
      'python-version': pythonVersion,
      'requirements-path': path,
    });
    const run = await runTool(process.execPath, [options.actionPath], { timeoutMs: SHORT_TIMEOUT_MS, env, cwd: dirs.workspace });
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (run.ok && new RegExp(`^--index-url\\s+${indexBase.replace(/[.]/g, '\\.')}/cpu/?\\s*$`, 'm').test(text)) {
      return { path, by: `the action (${relative(process.cwd(), options.actionPath)}, backend cpu)` };
    }
    why = run.ok ? 'the action wrote no --index-url to the local index' : `the action failed (${failure(run)})`;
  }
  const fallback = join(root, 'torchcraft.txt');
  writeFileSync(fallback, `--index-url ${indexBase}/cpu\ntorch==${torchVersion}\n`);
  return { path: fallback, by: `the bench, in the action's form (${why})` };
}

const lines = (path: string): string =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .join('; ');

function saved(a: number, b: number, format: (n: number) => string): string {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return 'n/a';
  const pct = a > 0 ? ` (${Math.round(((a - b) / a) * 100)}%)` : '';
  return `${format(a - b)}${pct}`;
}

export async function measureSavings(options: SavingsOptions): Promise<Table> {
  const table: Table = {
    title: '2. What the right build saves on a CPU-only Linux x86_64 machine',
    headers: ['', 'pip install torch (PyPI)', 'torchcraft.txt (CPU)', 'saved'],
    rows: [],
    notes: [],
  };
  const skip = (why: string): Table => ({ ...table, rows: [['install', why]] });
  if (process.platform !== 'linux' || process.arch !== 'x64') return skip('skipped: needs Linux x86_64 (the wheels are for it)');

  const config = await runTool(options.python, ['-m', 'pip', 'config', 'list'], { timeoutMs: SHORT_TIMEOUT_MS });
  if (!config.ok) return skip(SKIPPED_NO_WHEELS);
  const { simpleDirs, wheelDirs } = parsePipConfig(config.stdout);
  const pool: Projects = new Map();
  for (const dir of simpleDirs) readSimpleTree(dir, pool);
  for (const dir of wheelDirs) readWheelFolder(dir, pool);

  const info = await runTool(options.python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { timeoutMs: SHORT_TIMEOUT_MS });
  const pythonVersion = info.stdout.trim();
  if (!info.ok || !/^\d+\.\d+$/.test(pythonVersion)) return skip(`skipped: ${options.python} did not run`);
  const pythonTag = `cp${pythonVersion.replace('.', '')}`;
  const torchWheels = pool.get('torch') ?? [];
  const cudaTorch = newestWheel(torchWheels, pythonTag, (v) => !isLocalBuild(v));
  const cpuTorch = newestWheel(torchWheels, pythonTag, (v) => v.endsWith('+cpu'));
  if (!cudaTorch || !cpuTorch) return skip(SKIPPED_NO_WHEELS);
  const cudaVersion = versionOfWheel(cudaTorch.filename)!;
  const cpuVersion = versionOfWheel(cpuTorch.filename)!;

  // (a) PyPI: no local-version builds (PyPI has none). (b) the CPU index: its torch
  // and the ordinary dependencies, none of the CUDA stack.
  const pypi: Projects = new Map([...pool].map(([p, w]) => [p, p === 'torch' ? w.filter((x) => !isLocalBuild(versionOfWheel(x.filename) ?? '')) : w]));
  const cpu: Projects = new Map(
    [...pool]
      .filter(([p]) => !/^(nvidia-|cuda-|triton$|pytorch-triton)/.test(p))
      .map(([p, w]) => [p, p === 'torch' ? w.filter((x) => (versionOfWheel(x.filename) ?? '').endsWith('+cpu')) : w]),
  );

  const meta = await runTool(
    options.python,
    ['-c', "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nn = [x for x in z.namelist() if x.count('/') == 1 and x.endswith('.dist-info/METADATA')][0]\nsys.stdout.write(z.read(n).decode('utf-8', 'replace'))", cudaTorch.path],
    { timeoutMs: SHORT_TIMEOUT_MS },
  );
  if (!meta.ok) return skip(`skipped: could not read ${cudaTorch.filename} (${failure(meta)})`);
  const requirements = requiresDist(meta.stdout);
  const missing = requirements.filter((r) => !pypi.has(requirementProject(r)));

  const root = mkdtempSync(join(tmpdir(), 'torchcraft-bench-savings-'));
  let server: StaticIndex | undefined;
  try {
    options.progress('  savings: hashing wheels that have no sha256 in their index');
    await hashMissing(new Map([['torch', [cudaTorch, cpuTorch]]]));
    server = await startStaticIndex([
      { name: 'pypi', projects: pypi },
      { name: 'cpu', projects: cpu },
    ]);
    const pypiUrl = `${server.url}/pypi`;
    // Where the mirror lacks one of torch's requirements, pip cannot resolve
    // `pip install torch`; install torch alone, then everything else it requires.
    const runsA: string[][] =
      missing.length === 0
        ? [['--index-url', pypiUrl, 'torch']]
        : [
            ['--index-url', pypiUrl, '--no-deps', `torch==${cudaVersion}`],
            ['--index-url', pypiUrl, ...requirements.filter((r) => !missing.includes(r))],
          ];
    const a = await installSide('(a) PyPI', join(root, 'a'), options.python, server, 'pypi', runsA, options.progress);
    rmSync(join(root, 'a'), { recursive: true, force: true });

    const file = await writeTorchcraftTxt(root, options, server.url, explain(cpuVersion)?.public ?? cpuVersion, pythonVersion);
    const b = await installSide('(b) CPU', join(root, 'b'), options.python, server, 'cpu', [['--index-url', `${server.url}/cpu`, '-r', file.path]], options.progress);
    rmSync(join(root, 'b'), { recursive: true, force: true });

    const cell = (s: Side, value: string): string => (s.error ? 'failed' : value);
    table.rows.push(['torch installed', cell(a, a.torch ?? '?'), cell(b, b.torch ?? '?'), '']);
    table.rows.push(['install time', cell(a, formatMs(a.ms)), cell(b, formatMs(b.ms)), saved(a.ms, b.ms, formatMs)]);
    table.rows.push(['downloaded', cell(a, formatBytes(a.downloaded)), cell(b, formatBytes(b.downloaded)), saved(a.downloaded, b.downloaded, formatBytes)]);
    table.rows.push(['disk used (site-packages)', cell(a, formatBytes(a.disk)), cell(b, formatBytes(b.disk)), saved(a.disk, b.disk, formatBytes)]);
    table.rows.push(['wheels downloaded', cell(a, String(a.wheels)), cell(b, String(b.wheels)), '']);
    const notes = table.notes!;
    for (const s of [a, b]) if (s.error) notes.push(`   ${s.label} failed: ${s.error}`);
    notes.push(
      `   The nearest pair the local mirror has: torch ${cudaVersion} (PyPI's Linux build, CUDA 13) against torch ${cpuVersion};`,
      '   the versions differ, so the comparison is of the builds, not of one release.',
      `   Python ${pythonVersion}; wheels served from 127.0.0.1 (no network time: on a real link the 'downloaded' row costs more);`,
      '   pip isolated (PIP_CONFIG_FILE=/dev/null, no PIP_* variables, --no-cache-dir), a fresh venv per side.',
      `   torchcraft.txt written by ${file.by}: ${lines(file.path)}`,
    );
    if (missing.length > 0) {
      notes.push(
        `   The mirror lacks ${missing.map(requirementProject).join(', ')} (required by torch ${cudaVersion}): (a) installs torch --no-deps,`,
        '   then the rest of its requirements, and leaves those out, so (a) is slightly under-counted.',
      );
    }
    return table;
  } finally {
    if (server) await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}
