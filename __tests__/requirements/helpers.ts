import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of real-world project shapes, used as cwd so sources read "seed/requirements.txt:3". */
export const PROJECTS = fileURLToPath(new URL('../fixtures/projects/', import.meta.url));

/** A throw-away project folder holding the given files (paths with /). */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'torchcraft-req-'));
  for (const [path, text] of Object.entries(files)) {
    const full = join(dir, ...path.split('/'));
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return dir;
}

/** Run a promise expected to fail; return the error (fails the test when it resolves). */
export async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}
