/**
 * The cache key of an install: what decides which files the installer
 * downloads, and nothing else. Pure: the facts come from src/cache/facts.ts.
 *
 *   torchcraft-v1-<platform>-<python>-<installer>-<backend>-torch<release>-<plan hash>
 *
 * - platform: the interpreter's own (sysconfig.get_platform(), the macOS
 *   deployment target dropped): an x86_64 Python on an arm64 Mac downloads
 *   x86_64 wheels, so the machine's architecture is not what counts.
 * - python: implementation, X.Y and the free-threading "t" (cp313 and cp313t
 *   wheels differ); not the patch version, which no wheel tag names, so a
 *   runner image moving from 3.12.7 to 3.12.8 keeps its cache.
 * - installer: pip's and uv's caches have different layouts.
 * - the plan: a hash of torchcraft.txt's directive lines (index options and
 *   requirements), not its comments, which name the GPU and driver seen and
 *   would change the key without changing a single download.
 *
 * The restore key is the same prefix without the hash: after a patch release
 * or a changed package list, the newest entry of the same release line and
 * backend seeds the cache (the CUDA libraries and ordinary dependencies often
 * stay). A new release line or backend starts clean, so entries do not pile up
 * the builds of older releases.
 */
import { createHash } from 'node:crypto';

/** Bumped when what an entry holds changes meaning. */
export const CACHE_KEY_VERSION = 'v1';

export interface CacheKeyFacts {
  /** sysconfig.get_platform(): "linux-x86_64", "win-amd64", "macosx-11.0-arm64". */
  platform: string;
  /** sys.implementation.name: "cpython", "pypy". */
  implementation: string;
  /** "3.12" */
  pythonVersion: string;
  /** Free-threaded build (Py_GIL_DISABLED). */
  freeThreaded: boolean;
  installer: 'pip' | 'uv';
  /** Plan.backend: "cpu", "cu126". */
  backend: string;
  /** Plan.release: "2.14". */
  release: string;
}

/** The lines pip acts on: no blank lines, no comments (whole-line or trailing " #"), whitespace trimmed. */
export function directiveLines(requirementsText: string): string[] {
  const out: string[] = [];
  for (const raw of requirementsText.split(/\r?\n/)) {
    // pip strips a comment that starts a line or follows whitespace (req_file.py COMMENT_RE).
    const line = raw.replace(/(^|\s+)#.*$/, '').trim();
    if (line !== '') out.push(line);
  }
  return out;
}

export function planHash(requirementsText: string): string {
  return createHash('sha256').update(directiveLines(requirementsText).join('\n')).digest('hex').slice(0, 32);
}

/** "macosx-11.0-arm64" -> "macosx-arm64"; lower case; anything but [a-z0-9._] folded to "_". */
export function platformPart(platform: string): string {
  const p = platform.toLowerCase().replace(/^macosx-\d+(\.\d+)*-/, 'macosx-');
  return safe(p);
}

export function pythonPart(facts: Pick<CacheKeyFacts, 'implementation' | 'pythonVersion' | 'freeThreaded'>): string {
  return safe(`${facts.implementation.toLowerCase()}${facts.pythonVersion}${facts.freeThreaded ? 't' : ''}`);
}

/** Key parts may not hold commas (@actions/cache refuses them) nor "-" inside a part (it separates parts). */
function safe(part: string): string {
  return part.replace(/[^a-z0-9._]+/gi, '_');
}

export interface CacheKeys {
  key: string;
  /** Tried in order when the key itself has no entry (prefix match, newest first). */
  restoreKeys: string[];
}

export function cacheKeys(facts: CacheKeyFacts, requirementsText: string): CacheKeys {
  const prefix = [
    'torchcraft',
    CACHE_KEY_VERSION,
    platformPart(facts.platform),
    pythonPart(facts),
    facts.installer,
    safe(facts.backend),
    `torch${safe(facts.release)}`,
  ].join('-');
  return { key: `${prefix}-${planHash(requirementsText)}`, restoreKeys: [`${prefix}-`] };
}
