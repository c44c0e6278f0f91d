/**
 * The one module that talks to the Actions cache service, through the
 * toolkit's @actions/cache. It is loaded lazily (import()), only when an
 * install runs with the cache on: the client and the Azure SDK it brings are
 * most of the action's bytes, and a plan-only run must not pay for them.
 *
 * A cache is an optimisation, so nothing here fails the step:
 * - every call is bounded in time: the lookup (the twirp client retries 5xx
 *   answers about 30 s by itself, and has no socket timeout of its own when the
 *   service hangs), the download (SEGMENT_DOWNLOAD_TIMEOUT_MINS is 10 minutes
 *   per 128 MB segment by default; torchcraft asks for 2, the variable still
 *   wins), and the whole restore and save;
 * - @actions/cache reports a service 5xx with core.error, an error annotation
 *   on a step that then succeeds; while its calls run, its annotations are
 *   rewritten as warnings titled "torchcraft cache", so a cache that is down
 *   reads as what it is.
 */
import * as cache from '@actions/cache';
import { markAbandoned } from './unfinished.js';

export interface Bounds {
  /** Asking whether an entry exists. */
  lookupMs: number;
  /** Downloading and unpacking it. */
  restoreMs: number;
  /** Packing and uploading it. */
  saveMs: number;
  /** Per 128 MB download segment. */
  segmentMs: number;
}

export const DEFAULT_BOUNDS: Bounds = { lookupMs: 30_000, restoreMs: 10 * 60_000, saveMs: 10 * 60_000, segmentMs: 2 * 60_000 };

export type RestoreResult =
  | { kind: 'hit' | 'partial'; matchedKey: string }
  | { kind: 'miss' }
  /** The client said why (as a warning); the folder may hold part of an entry. */
  | { kind: 'failed'; reason: string }
  /** Given up after the bound; the call may still be writing into the folder. */
  | { kind: 'timeout'; seconds: number; phase: 'lookup' | 'restore' };

export type SaveResult = { kind: 'saved'; id: number } | { kind: 'not-saved'; reason: string } | { kind: 'timeout'; seconds: number };

export const ANNOTATION_TITLE = 'torchcraft cache';

export function serviceAvailable(): boolean {
  return cache.isFeatureAvailable();
}

/**
 * Run `body` with the client's ::error and ::warning commands rewritten as
 * titled warnings; returns what it said in them. The commands are whole lines
 * (@actions/core writes `::name props::message` + EOL in one write).
 */
export async function withWarnings<T>(body: () => Promise<T>, keepOnReturn: () => boolean = () => false): Promise<{ value: T; said: string[] }> {
  const said: string[] = [];
  const original = process.stdout.write;
  const rewrite = (chunk: unknown): unknown => {
    if (typeof chunk !== 'string') return chunk;
    const m = /^::(error|warning)(?: [^:]*)?::(.*?)(\r?\n)?$/s.exec(chunk);
    if (!m) return chunk;
    said.push(m[2]);
    return `::warning title=${ANNOTATION_TITLE}::${m[2]}${m[3] ?? ''}`;
  };
  process.stdout.write = function (this: unknown, chunk: unknown, ...rest: unknown[]) {
    return (original as (...a: unknown[]) => boolean).call(process.stdout, rewrite(chunk), ...rest);
  } as typeof process.stdout.write;
  try {
    return { value: await body(), said };
  } finally {
    // Work given up on may still print: its lines keep the rewriting.
    if (!keepOnReturn()) process.stdout.write = original;
  }
}

const TIMED_OUT = Symbol('timed out');

async function bounded<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function restore(paths: string[], key: string, restoreKeys: string[], bounds: Bounds = DEFAULT_BOUNDS): Promise<RestoreResult> {
  let gaveUp = false;
  let running: Promise<unknown> = Promise.resolve();
  const attempt = async (options: { lookupOnly?: boolean; segmentTimeoutInMs?: number }, ms: number) =>
    withWarnings(async () => {
      const work = cache.restoreCache(paths, key, restoreKeys, options).catch((e: unknown) => new Error(message(e)));
      running = work;
      return bounded(work, ms);
    }, () => gaveUp);

  const lookup = await attempt({ lookupOnly: true }, bounds.lookupMs);
  if (lookup.value === TIMED_OUT) {
    gaveUp = true;
    markAbandoned(running);
    return { kind: 'timeout', seconds: bounds.lookupMs / 1000, phase: 'lookup' };
  }
  if (lookup.value instanceof Error) return { kind: 'failed', reason: lookup.value.message };
  if (lookup.value === undefined) return lookup.said.length > 0 ? { kind: 'failed', reason: lookup.said.join(' ') } : { kind: 'miss' };

  const full = await attempt({ segmentTimeoutInMs: bounds.segmentMs }, bounds.restoreMs);
  if (full.value === TIMED_OUT) {
    gaveUp = true;
    markAbandoned(running);
    return { kind: 'timeout', seconds: bounds.restoreMs / 1000, phase: 'restore' };
  }
  if (full.value instanceof Error) return { kind: 'failed', reason: full.value.message };
  if (full.value === undefined) return { kind: 'failed', reason: full.said.join(' ') || 'the entry found could not be restored' };
  return { kind: full.value === key ? 'hit' : 'partial', matchedKey: full.value };
}

export async function save(paths: string[], key: string, bounds: Bounds = DEFAULT_BOUNDS): Promise<SaveResult> {
  let gaveUp = false;
  let running: Promise<unknown> = Promise.resolve();
  const run = await withWarnings(async () => {
    const work = cache.saveCache(paths, key).catch((e: unknown) => new Error(message(e)));
    running = work;
    return bounded(work, bounds.saveMs);
  }, () => gaveUp);
  if (run.value === TIMED_OUT) {
    gaveUp = true;
    markAbandoned(running);
    return { kind: 'timeout', seconds: bounds.saveMs / 1000 };
  }
  if (run.value instanceof Error) return { kind: 'not-saved', reason: run.value.message };
  if (run.value === -1 || run.value === undefined) return { kind: 'not-saved', reason: run.said.join(' ') || 'the cache service did not take it' };
  return { kind: 'saved', id: run.value };
}
