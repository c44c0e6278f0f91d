/**
 * export-constraints: after a successful install, the installed family's exact
 * versions go to a constraints file under RUNNER_TEMP, and PIP_CONSTRAINT and
 * UV_CONSTRAINT (keeping what the job had) to GITHUB_ENV, so the job's later
 * installs keep this build or fail loudly. See src/install/constraints.ts.
 */
import { core } from '../sinks/log.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan } from '../plan/types.js';
import { writeConstraints } from '../install/constraints.js';

/** Writes and exports; returns the file's path, or undefined (with a warning) when it could not. */
export async function exportConstraints(plan: Plan, python: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  let path: string;
  try {
    path = join(mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'torchcraft-')), 'constraints.txt');
  } catch (e) {
    core.warning(`Could not create the constraints file (${(e as Error).message}): the job's later installs may replace the installed build.`, { title: 'torchcraft constraints' });
    return undefined;
  }
  const written = await writeConstraints(python, env, path, plan).catch((e: unknown) => (e instanceof Error ? e.message : String(e)));
  if (typeof written === 'string') {
    core.warning(`No constraints exported: ${written}. The job's later installs may replace the installed build.`, { title: 'torchcraft constraints' });
    return undefined;
  }
  core.exportVariable('PIP_CONSTRAINT', written.variables.PIP_CONSTRAINT);
  core.exportVariable('UV_CONSTRAINT', written.variables.UV_CONSTRAINT);
  core.info(
    `The build stays: PIP_CONSTRAINT and UV_CONSTRAINT now add ${path} (${written.packages.map((p) => `${p.name}==${p.version}`).join(', ')}) for the rest of the job.`,
  );
  return path;
}
