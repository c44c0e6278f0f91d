/**
 * The Python interpreter that will install: its version ("3.12") and the
 * architecture it runs as, from one run of it (detection's process count is
 * benchmarked: one interpreter run, whatever is asked of it).
 */
import { isAbsolute } from 'node:path';
import { describeRunFailure, type ProbeContext } from './context.js';
import { isExecutable } from './find-tool.js';
import { parsePythonProbe, PROBE_SCRIPT } from './python-parse.js';

/**
 * The arguments of the one run: `python -I -S -c <script>`. -S skips `site`, which
 * imports every .pth file of site-packages (a distutils shim, certifi...: half the
 * run on a full interpreter); -I ignores PYTHON* variables and the user's site, so
 * nothing of the job's environment runs in the probe. Neither changes the version or
 * the architecture asked. A Python 2 has no -I: it fails here, and python3 is tried next.
 */
export const PYTHON_PROBE_ARGS: readonly string[] = ['-I', '-S', '-c', PROBE_SCRIPT];

/** The interpreter that answered, as named (for notes), and what it runs as. */
export interface InterpreterFound {
  /** "python3", or the path the user gave. */
  name: string;
  /** Pointer size; 32 for a 32-bit interpreter. */
  bits?: 32 | 64;
  /** platform.machine(): "x86_64", "arm64", "AMD64"... */
  machine?: string;
  /** sysconfig.get_platform(), printed on Windows only: "win-amd64". */
  platform?: string;
}

export interface PythonProbe {
  /** "3.12"; absent when no interpreter answered. */
  python?: string;
  /** Set together with python. */
  interpreter?: InterpreterFound;
  notes: string[];
}

export async function probePython(ctx: ProbeContext, python: string | undefined): Promise<PythonProbe> {
  const notes: string[] = [];
  const candidates = python !== undefined ? [python] : ['python', 'python3'];
  for (const candidate of candidates) {
    const program = /[\\/]/.test(candidate) || isAbsolute(candidate)
      ? ((await isExecutable(candidate, ctx.platform)) ? candidate : undefined)
      : await ctx.find(candidate);
    if (program === undefined) {
      notes.push(`${candidate} not found${/[\\/]/.test(candidate) ? '' : ' on PATH'}`);
      continue;
    }
    const result = await ctx.run(program, [...PYTHON_PROBE_ARGS], 0.5);
    const said = result?.ok ? parsePythonProbe(result.stdout) : {};
    if (said.version !== undefined) {
      const interpreter: InterpreterFound = { name: candidate };
      if (said.bits !== undefined) interpreter.bits = said.bits;
      if (said.machine !== undefined) interpreter.machine = said.machine;
      if (said.platform !== undefined) interpreter.platform = said.platform;
      return { python: said.version, interpreter, notes: [] };
    }
    notes.push(result?.ok ? `${candidate} printed no version: ${JSON.stringify(result.stdout.slice(0, 80))}` : describeRunFailure(`${candidate} -c <version>`, result));
  }
  notes.push('Python version unknown: Python checks are skipped');
  return { notes };
}
