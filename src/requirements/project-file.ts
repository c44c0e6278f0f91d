/**
 * Project files stay in the project. The files torchcraft reads for pins (the
 * requirements input and what they include with -r/-c) must lie inside the
 * project folder: the workspace (GITHUB_WORKSPACE) when the run is inside it,
 * else the working folder. A pull request that adds `-r ~/.netrc` or
 * `-r /proc/self/environ` to requirements.txt must not get those files' lines
 * into notes, errors or the job summary, so a path outside, or a link that
 * leads outside, is not opened at all: the caller warns, naming the include as
 * written.
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { describeFsError, readRegularFile } from '../read-file.js';

/** A requirements file or pyproject.toml larger than this is not a project file (40,000 lines are about 1 MiB). */
export const MAX_PROJECT_FILE_BYTES = 8 * 1024 * 1024;

/** The folder project files must lie in. */
export function projectRoot(cwd: string, workspace: string | undefined): string {
  const here = resolve(cwd);
  if (workspace) {
    const ws = resolve(workspace);
    if (isInside(here, ws)) return ws;
  }
  return here;
}

export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  if (rel === '') return true;
  return !isAbsolute(rel) && rel.split(sep)[0] !== '..';
}

export type ProjectFile =
  | { kind: 'ok'; /** The real path (links resolved): the key for cycles and repeats. */ real: string; data: Buffer }
  | { kind: 'outside' }
  | { kind: 'link-outside' }
  | { kind: 'unreadable'; reason: string };

const realRoots = new Map<string, string>();

async function realRoot(root: string): Promise<string> {
  let real = realRoots.get(root);
  if (real === undefined) {
    real = await realpath(root).catch(() => root);
    realRoots.set(root, real);
  }
  return real;
}

/** Where the file really is, whether it may be read, and, when it may, its bytes. */
export async function locateProjectFile(path: string, root: string): Promise<{ kind: 'ok'; real: string } | Exclude<ProjectFile, { kind: 'ok' }>> {
  if (!isInside(path, root)) return { kind: 'outside' };
  let real: string;
  try {
    real = await realpath(path);
  } catch (e) {
    return { kind: 'unreadable', reason: describeFsError(e) };
  }
  if (!isInside(real, await realRoot(root))) return { kind: 'link-outside' };
  return { kind: 'ok', real };
}

export async function readProjectFile(real: string): Promise<ProjectFile> {
  try {
    return { kind: 'ok', real, data: await readRegularFile(real, MAX_PROJECT_FILE_BYTES) };
  } catch (e) {
    return { kind: 'unreadable', reason: describeFsError(e) };
  }
}
