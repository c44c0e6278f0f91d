/**
 * What every probe shares: where the file system is, how to find and run a
 * program within the detection's time budget, and how a failed run reads as a note.
 */
import { join } from 'node:path';
import { runTool, type ToolResult } from '../process/run-tool.js';
import { findTool, type LookupEnv } from './find-tool.js';

/** Below this much time left, a program is not started at all. */
const MIN_RUN_MS = 250;
/** A single program gets at most this share of the whole budget, leaving room for a fallback. */
const RUN_SHARE = 0.7;

/** A tool's result with the time limit it ran under (for "timed out after N s"). */
export type RunResult = ToolResult & { limitMs: number };

export interface ProbeResult<G> {
  gpus: G[];
  notes: string[];
  /** A GPU tool that is there but failed or hung (Machine.warnings). */
  troubles: string[];
}

export class ProbeContext implements LookupEnv {
  readonly deadline: number;

  constructor(
    readonly platform: NodeJS.Platform,
    readonly env: NodeJS.ProcessEnv,
    readonly fsRoot: string,
    readonly timeoutMs: number,
    now = Date.now(),
  ) {
    this.deadline = now + timeoutMs;
  }

  /** A path on the probed file system: "/proc/driver/nvidia/version" under fsRoot. */
  path(absolute: string): string {
    return join(this.fsRoot, absolute);
  }

  find(name: string, extraPaths: readonly string[] = []): Promise<string | undefined> {
    return findTool(name, extraPaths, this);
  }

  /** How long the next program may run: a share of the budget, never past the deadline. */
  runLimitMs(share = RUN_SHARE): number {
    return Math.min(this.deadline - Date.now(), Math.ceil(this.timeoutMs * share));
  }

  /**
   * Run a program under the budget; undefined when too little time is left to
   * start it (the caller notes that it was skipped).
   */
  async run(command: string, args: string[], share = RUN_SHARE): Promise<RunResult | undefined> {
    const limit = this.runLimitMs(share);
    if (limit < MIN_RUN_MS) return undefined;
    const result = await runTool(command, args, { timeoutMs: limit, env: this.env, maxOutputBytes: 1024 * 1024 });
    return { ...result, limitMs: limit };
  }
}

/** "nvidia-smi timed out after 7 s: driver hung?", "rocminfo failed (exit 1): ROCk module is NOT loaded". */
export function describeRunFailure(label: string, result: RunResult | undefined, timeoutHint = ''): string {
  if (result === undefined) return `${label} was not run: the detection time budget was spent`;
  if (result.timedOut) {
    const seconds = Number((result.limitMs / 1000).toFixed(1));
    return `${label} timed out after ${seconds} s and was killed${timeoutHint ? `: ${timeoutHint}` : ''}`;
  }
  if (result.spawnError !== undefined) return `${label} could not be started (${result.spawnError})`;
  const said = firstLine(result.stderr) || firstLine(result.stdout);
  return `${label} failed (exit ${result.exitCode})${said ? `: ${said}` : ''}`;
}

/** The first non-empty line of a tool's output, shortened for a note. */
export function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
