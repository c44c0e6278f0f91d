/**
 * The one place torchcraft starts external programs. Every call passes an
 * argument array (never a shell string), runs under a timeout, and comes back
 * as a captured result: this function never throws and never hangs. A missing
 * program, a non-zero exit, a hang or a flood of output are all just results
 * for the caller to turn into a note and a fallback.
 */
import { spawn } from 'node:child_process';

export interface ToolOptions {
  /** Kill the program (and its children) after this long. */
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Keep at most this many bytes of each stream (the tail beyond it is dropped). Default 1 MiB. */
  maxOutputBytes?: number;
  /** Called with each chunk as it arrives, for programs whose output the user should watch. */
  onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
}

export interface ToolResult {
  /** The program as asked for, and its arguments, for messages. */
  command: string;
  args: string[];
  /** Exit code; null when it was killed or never started. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** It ran past timeoutMs and was killed. */
  timedOut: boolean;
  /** It could not be started: "ENOENT", "EACCES"... */
  spawnError?: string;
  /** Output went past maxOutputBytes and was cut. */
  truncated: boolean;
  durationMs: number;
  /** Started, exited 0, not timed out. */
  ok: boolean;
}

const DEFAULT_MAX_OUTPUT = 1024 * 1024;
/** After a timeout, how long to wait for the process to go before giving up on it. */
const KILL_GRACE_MS = 1000;
/** After the program exits, how long its pipes may take to deliver what is left in them. */
const EXIT_DRAIN_MS = 250;

let started = 0;
/** How many programs this process has started: the benchmark reports it. */
export function toolsStarted(): number {
  return started;
}

export function runTool(command: string, args: string[], options: ToolOptions): Promise<ToolResult> {
  const begin = Date.now();
  const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let truncated = false;
    let timedOut = false;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let drainTimer: NodeJS.Timeout | undefined;
    let exited: number | null | undefined;

    const finish = (exitCode: number | null, spawnError?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(drainTimer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      resolve({
        command,
        args,
        exitCode,
        stdout,
        stderr,
        timedOut,
        spawnError,
        truncated,
        durationMs: Date.now() - begin,
        ok: !timedOut && spawnError === undefined && exitCode === 0,
      });
    };

    let child: ReturnType<typeof spawn>;
    try {
      started++;
      child = spawn(command, args, {
        env: options.env ?? process.env,
        cwd: options.cwd,
        shell: false,
        windowsHide: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group on POSIX, so a timeout kills the children a wrapper
        // script started too (a `sleep` that holds the pipe would outlive its shell).
        detached: process.platform !== 'win32',
      });
    } catch (e) {
      // spawn throws synchronously for malformed arguments (a NUL byte, say).
      finish(null, (e as NodeJS.ErrnoException).code ?? String(e));
      return;
    }

    const kill = (): void => {
      try {
        if (process.platform !== 'win32' && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };

    timer = setTimeout(() => {
      timedOut = true;
      kill();
      // Do not wait on pipes a grandchild may still hold: report after a short grace.
      setTimeout(() => finish(null), KILL_GRACE_MS).unref();
    }, options.timeoutMs);

    const collect = (chunks: Buffer[], which: 'stdout' | 'stderr') => (data: Buffer) => {
      const size = which === 'stdout' ? outBytes : errBytes;
      if (size < maxBytes) {
        const room = maxBytes - size;
        const piece = data.length > room ? data.subarray(0, room) : data;
        chunks.push(piece);
        if (which === 'stdout') outBytes += piece.length;
        else errBytes += piece.length;
        if (piece.length < data.length) truncated = true;
      } else {
        truncated = true;
      }
      options.onOutput?.(data.toString('utf8'), which);
    };
    child.stdout?.on('data', collect(out, 'stdout'));
    child.stderr?.on('data', collect(err, 'stderr'));
    child.on('error', (e: NodeJS.ErrnoException) => finish(null, e.code ?? e.message));
    // The wait ends when the program exits, not when its pipes close: a child it left
    // behind (a daemon, a `sleep &`) may hold them open for ever. What is still in the
    // pipes is read for a short while, then they are let go.
    child.on('exit', (code) => {
      if (timedOut) return;
      exited = code;
      drainTimer = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish(code);
      }, EXIT_DRAIN_MS);
      drainTimer.unref();
    });
    child.on('close', (code) => {
      clearTimeout(drainTimer);
      finish(timedOut ? null : (exited ?? code));
    });
  });
}

/** One line for messages: the command and its arguments, quoted where needed. */
export function describeCommand(command: string, args: string[]): string {
  return [command, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
}
