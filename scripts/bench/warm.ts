/**
 * Part 4: a cold and a warm run of the action with install: true and
 * cache: true, side by side. The real CPU torch wheel of this machine's pip
 * mirror (and its dependencies) is served by the bench's static index on
 * 127.0.0.1, with the validators download.pytorch.org sends; the cache is the
 * emulated v2 Actions cache service (__tests__/helpers/cache-service.ts), so
 * the real @actions/cache client and the Azure SDK upload and download it.
 *
 * Each side is a runner's job: the main step (`node dist/index.js`, timed),
 * then the post step with the main step's state (timed apart: it runs at the
 * end of the job). Between the two jobs the cache folder is removed and the
 * venv is new, as on a fresh runner.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { explain } from '@renovatebot/pep440';
import { runTool } from '../../src/process/run-tool.js';
import { startCacheService, type CacheService } from '../../__tests__/helpers/cache-service.js';
import { parseCommandFile } from '../../__tests__/e2e/runner.js';
import { failure } from './overhead.js';
import { actionDefaults, makeRunnerDirs, runnerEnv, type RunnerDirs } from './runner-env.js';
import { newestWheel, parsePipConfig } from './savings.js';
import { hashMissing, readSimpleTree, readWheelFolder, startStaticIndex, versionOfWheel, type Projects, type StaticIndex } from './static-index.js';
import { formatBytes, formatMs, type Table } from './table.js';

const STEP_TIMEOUT_MS = 20 * 60_000;
const SHORT_TIMEOUT_MS = 120_000;

export interface WarmOptions {
  actionPath: string;
  actionYml: string;
  python: string;
  progress: (line: string) => void;
}

interface Job {
  mainMs: number;
  postMs: number;
  cacheHit?: string;
  torch?: string;
  downloaded: number;
  revalidated: number;
  bytes: number;
  error?: string;
  postLine?: string;
}

async function runJob(
  label: string,
  installer: 'pip' | 'uv',
  dirs: RunnerDirs,
  defaults: ReadonlyMap<string, string>,
  options: WarmOptions,
  server: StaticIndex,
  service: CacheService,
  torchVersion: string,
  root: string,
): Promise<Job> {
  const job: Job = { mainMs: Number.NaN, postMs: Number.NaN, downloaded: 0, revalidated: 0, bytes: 0 };
  const venv = join(root, `venv-${label}`);
  const made = await runTool(options.python, ['-m', 'venv', venv], { timeoutMs: SHORT_TIMEOUT_MS, env: { PATH: process.env.PATH, PIP_CONFIG_FILE: '/dev/null' } });
  if (!made.ok) return { ...job, error: `venv: ${failure(made)}` };
  const python = join(venv, 'bin', 'python');
  const env: NodeJS.ProcessEnv = {
    ...runnerEnv(dirs, defaults, {
      install: 'true',
      cache: 'true',
      python,
      installer,
      backend: 'cpu',
      'torch-version': torchVersion,
      packages: 'torch',
      'index-base-url': server.url,
    }),
    ...service.env(),
    // pip reads no configuration file of this machine; it caches http:// downloads only from a trusted host.
    PIP_CONFIG_FILE: '/dev/null',
    PIP_TRUSTED_HOST: '127.0.0.1',
  };
  const before = { files: server.filesServed('cpu').length, again: server.filesRevalidated('cpu').length, bytes: server.bytesServed('cpu') };

  options.progress(`  warm: ${label} job, main step (${installer})`);
  let begin = performance.now();
  const main = await runTool(process.execPath, [options.actionPath], { timeoutMs: STEP_TIMEOUT_MS, env, cwd: dirs.workspace });
  job.mainMs = performance.now() - begin;
  const outputs = parseCommandFile(readFileSync(env.GITHUB_OUTPUT!, 'utf8'));
  if (!main.ok) return { ...job, error: `main step: ${failure(main)}` };
  job.cacheHit = outputs['cache-hit'];
  job.torch = outputs['torch-version'];
  job.downloaded = server.filesServed('cpu').length - before.files;
  job.revalidated = server.filesRevalidated('cpu').length - before.again;
  job.bytes = server.bytesServed('cpu') - before.bytes;

  options.progress(`  warm: ${label} job, post step`);
  const state = parseCommandFile(readFileSync(env.GITHUB_STATE!, 'utf8'));
  const postEnv = { ...env, ...Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v])) };
  begin = performance.now();
  const post = await runTool(process.execPath, [options.actionPath], { timeoutMs: STEP_TIMEOUT_MS, env: postEnv, cwd: dirs.workspace });
  job.postMs = performance.now() - begin;
  if (!post.ok) return { ...job, error: `post step: ${failure(post)}` };
  job.postLine = post.stdout.split('\n').find((l) => /^(Saved|Not saving|The installer's cache was not saved)/.test(l));
  return job;
}

function ratio(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && a > 0 ? `${(b / a).toFixed(2)}x` : 'n/a';
}

export async function measureWarm(options: WarmOptions): Promise<Table> {
  const table: Table = {
    title: '4. Warm runs: the cache input, a cold and a warm job (the local CPU torch wheel)',
    headers: ['', 'cold job', 'warm job', 'warm / cold'],
    rows: [],
    notes: [],
  };
  const skip = (why: string): Table => ({ ...table, rows: [['cache', why]] });
  if (process.platform !== 'linux' || process.arch !== 'x64') return skip('skipped: needs Linux x86_64 (the wheels are for it)');
  if (!existsSync(options.actionPath)) return skip(`skipped: ${relative(process.cwd(), options.actionPath)} is not built`);

  const config = await runTool(options.python, ['-m', 'pip', 'config', 'list'], { timeoutMs: SHORT_TIMEOUT_MS });
  const { simpleDirs, wheelDirs } = parsePipConfig(config.ok ? config.stdout : '');
  const pool: Projects = new Map();
  for (const dir of simpleDirs) readSimpleTree(dir, pool);
  for (const dir of wheelDirs) readWheelFolder(dir, pool);
  const info = await runTool(options.python, ['-c', 'import sys; print("%d%d" % sys.version_info[:2])'], { timeoutMs: SHORT_TIMEOUT_MS });
  const cpuTorch = newestWheel(pool.get('torch') ?? [], `cp${info.stdout.trim()}`, (v) => v.endsWith('+cpu'));
  if (!info.ok || !cpuTorch) return skip('skipped: no local CPU torch wheel (see pip config list)');
  const cpuVersion = versionOfWheel(cpuTorch.filename)!;
  // The CPU index: its torch and the ordinary dependencies, none of the CUDA stack.
  const cpu: Projects = new Map(
    [...pool]
      .filter(([p]) => !/^(nvidia-|cuda-|triton$|pytorch-triton)/.test(p))
      .map(([p, w]) => [p, p === 'torch' ? [cpuTorch] : w]),
  );
  const { defaults } = actionDefaults(options.actionYml);

  const root = mkdtempSync(join(tmpdir(), 'torchcraft-bench-warm-'));
  let server: StaticIndex | undefined;
  let service: CacheService | undefined;
  try {
    await hashMissing(new Map([['torch', [cpuTorch]]]));
    server = await startStaticIndex([{ name: 'cpu', projects: cpu }]);
    mkdirSync(join(root, 'service'));
    service = await startCacheService({ blobHost: 'azure', dir: join(root, 'service') });
    const installers: ('pip' | 'uv')[] = ['pip'];
    // Asked directly: the bench bundle stays free of the ESM-only @actions packages (findUv uses @actions/io).
    if ((await runTool('uv', ['--version'], { timeoutMs: SHORT_TIMEOUT_MS })).ok) installers.push('uv');
    else table.notes!.push('   uv: skipped, uv is not on PATH (the same two jobs run with installer: uv where it is).');

    for (const installer of installers) {
      const dirs = makeRunnerDirs(join(root, `runner-${installer}`));
      const cold = await runJob(`${installer}-cold`, installer, dirs, defaults, options, server, service, explain(cpuVersion)?.public ?? cpuVersion, root);
      // A fresh runner: the cache folder is gone, the venv is new.
      rmSync(join(dirs.temp, 'torchcraft-cache'), { recursive: true, force: true });
      const warm = await runJob(`${installer}-warm`, installer, dirs, defaults, options, server, service, explain(cpuVersion)?.public ?? cpuVersion, root);
      const entry = service.finalized().find((e) => e.key.includes(`-${installer}-`));
      const cell = (j: Job, v: string): string => (j.error ? 'failed' : v);
      const p = installers.length > 1 ? `${installer}: ` : '';
      table.rows.push([`${p}install step (main)`, cell(cold, formatMs(cold.mainMs)), cell(warm, formatMs(warm.mainMs)), ratio(cold.mainMs, warm.mainMs)]);
      table.rows.push([`${p}post step`, cell(cold, `${formatMs(cold.postMs)} (saves)`), cell(warm, formatMs(warm.postMs)), '']);
      table.rows.push([`${p}cache-hit`, cell(cold, cold.cacheHit ?? '?'), cell(warm, warm.cacheHit ?? '?'), '']);
      table.rows.push([`${p}wheels downloaded`, cell(cold, String(cold.downloaded)), cell(warm, String(warm.downloaded)), '']);
      table.rows.push([`${p}wheels revalidated (304)`, cell(cold, String(cold.revalidated)), cell(warm, String(warm.revalidated)), '']);
      table.rows.push([`${p}bytes from the index`, cell(cold, formatBytes(cold.bytes)), cell(warm, formatBytes(warm.bytes)), ratio(cold.bytes, warm.bytes)]);
      table.rows.push([`${p}cache entry (compressed)`, entry ? formatBytes(entry.size) : 'none', '', '']);
      for (const [j, name] of [
        [cold, 'cold'],
        [warm, 'warm'],
      ] as const) {
        if (j.error) table.notes!.push(`   ${installer} ${name} job failed: ${j.error}`);
      }
      const said = (j: Job): string => (j.postLine ?? '?').replace(/torchcraft-v1-[\w.-]*?-[0-9a-f]{32}/g, '<key>');
      if (cold.torch && warm.torch) table.notes!.push(`   ${installer}: torch ${cold.torch} in both jobs. Post steps: "${said(cold)}" / "${said(warm)}"`);
    }
    table.notes!.push(
      '   Each job: a fresh venv, `node dist/index.js` with install: true, cache: true (main, timed), then the post step with its state.',
      '   The index and the cache service are on 127.0.0.1: no network time, so the cold download costs less here than on a',
      "   runner, and the warm job's restore (download, zstd, tar) is not cheaper than a loopback download. The bytes are what counts:",
      '   pip revalidates each cached wheel (a 304, no body) instead of downloading it again.',
    );
    return table;
  } finally {
    if (service) await service.stop();
    if (server) await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}
