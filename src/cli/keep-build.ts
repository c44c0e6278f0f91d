/**
 * --constraints FILE: the CLI's form of the action's export-constraints. A
 * terminal cannot change its parent shell's environment, so the file is
 * written and the way to use it printed (PIP_CONSTRAINT / UV_CONSTRAINT, or
 * pip install -c), instead of exported.
 */
import { resolve } from 'node:path';
import type { Plan } from '../plan/types.js';
import type { Options } from '../options.js';
import { defaultPython, type RunContext } from '../workflow.js';
import { constraintReference, writeConstraints } from '../install/constraints.js';

/** The absolute path written, or undefined (with a warning) when it could not be. */
export async function keepBuild(file: string, plan: Plan, options: Options, ctx: RunContext): Promise<string | undefined> {
  const path = resolve(ctx.cwd, file);
  const python = options.python ?? (await defaultPython());
  const written = await writeConstraints(python, ctx.env, path, plan).catch((e: unknown) => (e instanceof Error ? e.message : String(e)));
  if (typeof written === 'string') {
    ctx.log.warning(`--constraints: nothing written: ${written}.`);
    return undefined;
  }
  const ref = /\s/.test(file) ? constraintReference(path) : file;
  ctx.log.info(
    `Wrote ${file}: ${written.packages.map((p) => `${p.name}==${p.version}`).join(', ')}. ` +
      `Later installs keep this build with PIP_CONSTRAINT=${ref} (pip), UV_CONSTRAINT=${ref} (uv pip), or pip install -c ${ref} ...`,
  );
  return path;
}
