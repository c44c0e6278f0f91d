/**
 * Part 1: what torchcraft's plan-only run costs a job. The action is timed as
 * the runner starts it, against a bare `node -e 0` (the floor any JavaScript
 * action pays), with runs interleaved so drift in the machine hits all three alike.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runTool, type ToolResult } from '../../src/process/run-tool.js';
import { fakeNvidiaSmiScript } from './fake-nvidia-smi.js';
import { actionDefaults, makeRunnerDirs, runnerEnv, type RunnerDirs } from './runner-env.js';
import { median, ratio } from './stats.js';
import { formatMs, formatRatio, type Table } from './table.js';

/** One action run may take this long before it counts as hung. */
const RUN_TIMEOUT_MS = 60_000;

export interface OverheadOptions {
  /** The action's entry, dist/index.js. */
  actionPath: string;
  actionYml: string;
  rounds: number;
  /** Progress lines (stderr). */
  progress: (line: string) => void;
}

/** The count the action prints at the end of a debug run; undefined when it did not. */
export function parseProgramCount(stdout: string): number | undefined {
  const m = /^::debug::torchcraft started (\d+) external programs?\s*$/m.exec(stdout);
  return m ? Number(m[1]) : undefined;
}

/**
 * Programs started, from an `strace -f -e trace=execve` log: successful execs
 * (a PATH search's failed tries do not count), less the first, which is the
 * traced command itself.
 */
export function countExecs(straceLog: string): number {
  let ok = 0;
  for (const line of straceLog.split('\n')) {
    if (/\bexecve(\(|\s+resumed>)/.test(line) && /=\s*0\s*$/.test(line)) ok++;
  }
  return Math.max(0, ok - 1);
}

/** The last meaningful line of a failed run, for the table. */
export function failure(result: ToolResult): string {
  if (result.spawnError) return `could not start (${result.spawnError})`;
  if (result.timedOut) return 'timed out';
  const last = (result.stderr.trim() || result.stdout.trim()).split('\n').pop() ?? '';
  return `exit ${result.exitCode}${last ? `: ${last.slice(0, 120)}` : ''}`;
}

/**
 * What the probe will start: the first python or python3 on PATH, and whether it is
 * a script (a pyenv shim starts bash and pyenv before Python: several times the cost).
 */
function describePythonOnPath(): string {
  for (const name of ['python', 'python3']) {
    for (const dir of (process.env.PATH ?? '').split(':')) {
      if (!dir) continue;
      const file = join(dir, name);
      if (!existsSync(file)) continue;
      let head = '';
      try {
        head = readFileSync(file).subarray(0, 2).toString('latin1');
      } catch {
        /* unreadable: described by name only */
      }
      return `the first interpreter on PATH is ${file}${head === '#!' ? ', a script (a shim such as pyenv\'s starts a shell before Python; setup-python puts the interpreter itself on PATH)' : ''}`;
    }
  }
  return 'no python or python3 on PATH';
}

interface Scenario {
  label: string;
  command: string;
  args: string[];
  env: () => NodeJS.ProcessEnv;
  cwd?: string;
  times: number[];
  error?: string;
}

async function timeOnce(s: Scenario): Promise<void> {
  const env = s.env();
  const begin = performance.now();
  const result = await runTool(s.command, s.args, { timeoutMs: RUN_TIMEOUT_MS, env, cwd: s.cwd });
  const ms = performance.now() - begin;
  if (result.ok) s.times.push(ms);
  else s.error ??= failure(result);
}

function actionInputs(dirs: RunnerDirs, probePython = false): Record<string, string> {
  const inputs: Record<string, string> = { 'requirements-path': join(dirs.workspace, 'torchcraft.txt') };
  if (!probePython) inputs['python-version'] = '3.12';
  return inputs;
}

async function countPrograms(
  actionPath: string,
  dirs: RunnerDirs,
  env: NodeJS.ProcessEnv,
  straceLog: string,
  haveStrace: boolean,
): Promise<string> {
  const debug = await runTool(process.execPath, [actionPath], { timeoutMs: RUN_TIMEOUT_MS, env, cwd: dirs.workspace });
  const said = parseProgramCount(debug.stdout);
  const parts = [`action says ${said === undefined ? 'n/a' : String(said)}`];
  if (haveStrace) {
    const traced = await runTool('strace', ['-f', '-qq', '-e', 'trace=execve', '-o', straceLog, process.execPath, actionPath], {
      timeoutMs: RUN_TIMEOUT_MS,
      env,
      cwd: dirs.workspace,
    });
    if (traced.ok && existsSync(straceLog)) parts.push(`strace saw ${countExecs(readFileSync(straceLog, 'utf8'))} execve`);
    else parts.push('strace could not trace');
  }
  if (!debug.ok) parts.push(`(run ${failure(debug)})`);
  return parts.join('; ');
}

export async function measureOverhead(options: OverheadOptions): Promise<Table> {
  const table: Table = {
    title: '1. Planning overhead (plan-only action run, as a runner starts it)',
    headers: ['run', 'median', 'vs node -e 0', 'runs'],
    rows: [],
    notes: [],
  };
  const root = mkdtempSync(join(tmpdir(), 'torchcraft-bench-'));
  try {
    const fakeBin = join(root, 'fake-bin');
    mkdirSync(fakeBin);
    const smi = join(fakeBin, 'nvidia-smi');
    writeFileSync(smi, fakeNvidiaSmiScript(8));
    chmodSync(smi, 0o755);

    const { defaults, notes } = actionDefaults(options.actionYml);
    table.notes!.push(...notes.map((n) => `   ${n}`));
    const plain = makeRunnerDirs(join(root, 'plain'));
    const gpu = makeRunnerDirs(join(root, 'gpu'));
    const haveAction = existsSync(options.actionPath);

    // The baseline gets the same environment as the action: this process's own may
    // carry variables that slow every node start (NODE_EXTRA_CA_CERTS reads a CA bundle).
    const baseline: Scenario = {
      label: 'node -e 0 (baseline)',
      command: process.execPath,
      args: ['-e', '0'],
      env: () => runnerEnv(plain, defaults, actionInputs(plain)),
      cwd: plain.workspace,
      times: [],
    };
    const noGpu: Scenario = {
      label: 'plan-only, no GPU, python-version set',
      command: process.execPath,
      args: [options.actionPath],
      env: () => runnerEnv(plain, defaults, actionInputs(plain)),
      cwd: plain.workspace,
      times: [],
    };
    // As most users run it: no python-version, so the interpreter on PATH is asked.
    const probed: Scenario = {
      label: 'plan-only, no GPU, Python probed',
      command: process.execPath,
      args: [options.actionPath],
      env: () => runnerEnv(plain, defaults, actionInputs(plain, true)),
      cwd: plain.workspace,
      times: [],
    };
    const eightGpu: Scenario = {
      label: 'plan-only, fake 8x H100 nvidia-smi',
      command: process.execPath,
      args: [options.actionPath],
      env: () => runnerEnv(gpu, defaults, actionInputs(gpu), { pathPrefix: fakeBin }),
      cwd: gpu.workspace,
      times: [],
    };
    const scenarios = haveAction ? [baseline, noGpu, probed, eightGpu] : [baseline];

    // One untimed round first: the first start reads everything from disk.
    for (const s of scenarios) await timeOnce({ ...s, times: [] });
    for (let round = 1; round <= options.rounds; round++) {
      options.progress(`  overhead: round ${round}/${options.rounds}`);
      for (const s of scenarios) await timeOnce(s);
    }

    const base = median(baseline.times);
    for (const s of [baseline, noGpu, probed, eightGpu]) {
      if (s !== baseline && !haveAction) {
        table.rows.push([s.label, 'skipped: run npm run build first']);
        continue;
      }
      if (s.times.length === 0) {
        table.rows.push([s.label, `failed: ${s.error ?? 'no run succeeded'}`]);
        continue;
      }
      const m = median(s.times);
      table.rows.push([s.label, formatMs(m), formatRatio(ratio(m, base)), String(s.times.length)]);
      if (s.error) table.notes!.push(`   ${s.label}: ${options.rounds - s.times.length} run(s) failed: ${s.error}`);
    }

    if (haveAction) {
      const strace = await runTool('strace', ['-V'], { timeoutMs: 10_000 });
      const traceDir = join(root, 'strace');
      mkdirSync(traceDir);
      table.rows.push([
        'programs started, no GPU',
        await countPrograms(options.actionPath, plain, runnerEnv(plain, defaults, actionInputs(plain), { debug: true }), join(traceDir, 'plain'), strace.ok),
      ]);
      table.rows.push([
        'programs started, 8 GPUs',
        await countPrograms(
          options.actionPath,
          gpu,
          runnerEnv(gpu, defaults, actionInputs(gpu), { pathPrefix: fakeBin, debug: true }),
          join(traceDir, 'gpu'),
          strace.ok,
        ),
      ]);
    } else {
      table.rows.push(['programs started', 'skipped: run npm run build first']);
    }
    table.notes!.push(`   "Python probed": ${describePythonOnPath()}.`);
    table.notes!.unshift(
      `   ${options.rounds} interleaved rounds (baseline, no GPU, Python probed, 8 GPUs) after one untimed warm-up; wall time of the whole process.`,
      '   "action says": the ::debug:: count the action prints under RUNNER_DEBUG=1; strace: successful execve, the action itself not counted.',
    );
    return table;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
