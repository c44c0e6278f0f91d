/** The version of the Python interpreter that will install, "3.12". */
import { isAbsolute } from 'node:path';
import { describeRunFailure, type ProbeContext } from './context.js';
import { isExecutable } from './find-tool.js';

const VERSION_SCRIPT = 'import sys; print("%d.%d" % sys.version_info[:2])';

/** "3.12" from the interpreter's output, or undefined. */
export function parsePythonVersion(text: string): string | undefined {
  const m = /^\s*(\d{1,2})\.(\d{1,3})\s*$/.exec(String(text).slice(0, 200));
  return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}

export async function probePython(ctx: ProbeContext, python: string | undefined): Promise<{ python?: string; notes: string[] }> {
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
    const result = await ctx.run(program, ['-c', VERSION_SCRIPT], 0.5);
    const version = result?.ok ? parsePythonVersion(result.stdout) : undefined;
    if (version !== undefined) return { python: version, notes: [] };
    notes.push(result?.ok ? `${candidate} printed no version: ${JSON.stringify(result.stdout.slice(0, 80))}` : describeRunFailure(`${candidate} -c <version>`, result));
  }
  notes.push('Python version unknown: Python checks are skipped');
  return { notes };
}
