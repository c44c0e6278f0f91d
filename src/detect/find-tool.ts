/**
 * Finding a program before starting it: looking on PATH costs no process, and
 * detection on a machine without GPU tools should start none (it is benchmarked).
 */
import { access, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join } from 'node:path';

export interface LookupEnv {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

/** An environment variable, by the case-insensitive name Windows uses. */
export function envValue(lookup: LookupEnv, name: string): string | undefined {
  if (lookup.platform !== 'win32') return lookup.env[name];
  const key = Object.keys(lookup.env).find((k) => k.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : lookup.env[key];
}

/** Whether `path` is a file this platform can start. */
export async function isExecutable(path: string, platform: NodeJS.Platform): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    if (platform !== 'win32') await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * File names to try for a program: on Windows each PATHEXT extension that can be
 * started without a shell (.exe, .com: runTool never uses one), elsewhere the name.
 */
function candidateNames(name: string, lookup: LookupEnv): string[] {
  if (lookup.platform !== 'win32') return [name];
  if (/\.(exe|com)$/i.test(name)) return [name];
  const pathext = (envValue(lookup, 'PATHEXT') ?? '.COM;.EXE').split(';');
  const exts = pathext.map((e) => e.trim().toLowerCase()).filter((e) => e === '.exe' || e === '.com');
  return (exts.length > 0 ? exts : ['.exe']).map((e) => name + e);
}

/** The first PATH entry holding `name` as a program, or undefined. */
export async function findOnPath(name: string, lookup: LookupEnv): Promise<string | undefined> {
  const delimiter = lookup.platform === 'win32' ? ';' : ':';
  const dirs = (envValue(lookup, 'PATH') ?? '').split(delimiter).filter((d) => d.trim() !== '');
  for (const dir of dirs) {
    // Windows PATH entries are sometimes quoted.
    const clean = dir.replace(/^"(.*)"$/, '$1');
    for (const file of candidateNames(name, lookup)) {
      const full = join(clean, file);
      if (await isExecutable(full, lookup.platform)) return full;
    }
  }
  return undefined;
}

/** `name` on PATH, else the first of `extraPaths` that is a program. */
export async function findTool(name: string, extraPaths: readonly string[], lookup: LookupEnv): Promise<string | undefined> {
  const onPath = await findOnPath(name, lookup);
  if (onPath !== undefined) return onPath;
  for (const path of extraPaths) if (await isExecutable(path, lookup.platform)) return path;
  return undefined;
}
