/**
 * The cache around the action's install: decide whether it is on, restore
 * the installer's download cache before the install, and after it decide
 * whether the post step saves it (the state it leaves for src/action/post.ts).
 *
 * Saved only after a successful install that missed the exact key and
 * downloaded something (the folder changed), and only while the folder is at
 * most MAX_SAVED_BYTES: a bigger entry would take more than half of a
 * repository's 10 GB of Actions cache, pushing out its other caches (and soon
 * itself), and restoring that much is no faster than downloading it from the
 * PyTorch CDN.
 */
import { core } from '../sinks/log.js';
import type { InstallOutcome } from '../install/types.js';
import type { Log } from '../log.js';
import type { CacheChoice } from '../options.js';
import type { InstallerChoice } from '../install/types.js';
import type { SettingNames } from '../setting-names.js';
import { cacheFacts } from './facts.js';
import { folderState, formatBytes, type FolderState } from './folder.js';
import { cacheKeys } from './key.js';
import type { Bounds } from './service.js';

/** The name of the state the main step leaves for the post step (STATE_torchcraft-cache there). */
export const CACHE_STATE = 'torchcraft-cache';
export const MAX_SAVED_BYTES = 5 * 1024 ** 3;

export interface CacheState {
  key: string;
  folder: string;
  save: boolean;
  /** Why not, when save is false. */
  reason?: string;
  bytes?: number;
}

export interface InstallCache {
  /** The install's environment (the installer pointed at the cache folder). */
  env: NodeJS.ProcessEnv;
  /** The exact key was restored (the cache-hit output). */
  hit: boolean;
  /** After the install: decide whether the post step saves, and leave it the state. */
  finish(install: InstallOutcome | undefined): Promise<CacheState>;
}

export interface CacheRequest {
  choice: CacheChoice;
  /** The interpreter command the install will use. */
  python: string;
  installer: InstallerChoice;
  /** torchcraft.txt's text and the plan's backend and release line. */
  requirementsText: string;
  backend: string;
  release: string;
  env: NodeJS.ProcessEnv;
  log: Log;
  names?: SettingNames;
  bounds?: Bounds;
}

/** auto is on for GitHub-hosted runners and off for self-hosted ones, as setup-uv's enable-cache. */
export function cacheWanted(choice: CacheChoice, env: NodeJS.ProcessEnv): { on: boolean; why: string } {
  if (choice === 'true') return { on: true, why: 'cache is true' };
  if (choice === 'false') return { on: false, why: 'cache is false' };
  const where = env.RUNNER_ENVIRONMENT ?? '';
  return where === 'github-hosted'
    ? { on: true, why: 'cache is auto on a GitHub-hosted runner' }
    : { on: false, why: `cache is auto, which is off on ${where ? `a ${where} runner` : 'a runner that does not say it is GitHub-hosted'} (set cache: true to use it)` };
}

export async function openInstallCache(request: CacheRequest): Promise<InstallCache | undefined> {
  const { log } = request;
  const wanted = cacheWanted(request.choice, request.env);
  if (!wanted.on) {
    log.debug(`torchcraft cache: off (${wanted.why}).`);
    return undefined;
  }
  // The client and the Azure SDK are loaded only here.
  const service = await import('./service.js');
  if (!service.serviceAvailable()) {
    const text = 'This runner offers no Actions cache service (ACTIONS_RESULTS_URL / ACTIONS_CACHE_URL are not set): installing without the cache.';
    if (request.choice === 'true') log.warning(text);
    else log.info(text);
    return undefined;
  }
  const facts = await cacheFacts(request.python, request.installer, request.env, request.names);
  if (!facts.ok) {
    log.info(`Not using the cache: ${facts.reason}.`);
    return undefined;
  }
  const { key, restoreKeys } = cacheKeys({ ...facts.key, backend: request.backend, release: request.release }, request.requirementsText);
  const folder = facts.folder;
  log.info(`Cache: ${facts.installer}'s downloads in ${folder}, key ${key}.`);

  const restored = await service.restore([folder], key, restoreKeys, request.bounds);
  let before: FolderState;
  switch (restored.kind) {
    case 'hit':
    case 'partial':
      before = await folderState(folder);
      log.info(
        restored.kind === 'hit'
          ? `Restored the cache ${restored.matchedKey} (${before.files} files, ${formatBytes(before.bytes)}).`
          : `Restored the cache ${restored.matchedKey} (${before.files} files, ${formatBytes(before.bytes)}), of an earlier plan of the same release line: what did not change is not downloaded again.`,
      );
      break;
    case 'miss':
      before = await folderState(folder);
      log.info('No cache for this plan yet: this install fills it, and the post step saves it.');
      break;
    case 'failed':
      // The client has said why, as a warning. A part-restored folder does no harm (the installer
      // re-downloads what it cannot read), but a save would only fail again, at the end of the job:
      // the service is failing, or the entry exists and cannot be replaced.
      before = await folderState(folder);
      break;
    case 'timeout': {
      // The call may still be unpacking into the folder: keep the installer out of it, and save nothing.
      log.warning(`The cache service did not answer within ${restored.seconds} s (${restored.phase}): installing without the cache.`);
      const state: CacheState = { key, folder, save: false, reason: `the cache service did not answer within ${restored.seconds} s` };
      return { env: request.env, hit: false, finish: async () => leave(state) };
    }
  }

  return {
    env: facts.env,
    hit: restored.kind === 'hit',
    finish: async (install) => {
      const state: CacheState = { key, folder, save: false };
      if (!install?.installed || install.error !== undefined) return leave({ ...state, reason: 'the install did not succeed' });
      if (restored.kind === 'hit') return leave({ ...state, reason: `the cache was restored from this very key (${key})` });
      if (restored.kind === 'failed') return leave({ ...state, reason: 'the cache service failed when it was asked for the cache' });
      const after = await folderState(folder);
      if (after.files === 0 || after.digest === before.digest) return leave({ ...state, reason: 'the install downloaded nothing (all of it was already installed or cached)' });
      if (after.bytes > MAX_SAVED_BYTES) {
        log.info(`The cache would be ${formatBytes(after.bytes)}: over ${formatBytes(MAX_SAVED_BYTES)} (half a repository's Actions cache), so it is not saved.`);
        return leave({ ...state, reason: `${formatBytes(after.bytes)} is over the ${formatBytes(MAX_SAVED_BYTES)} torchcraft saves`, bytes: after.bytes });
      }
      return leave({ ...state, save: true, bytes: after.bytes });
    },
  };
}

function leave(state: CacheState): CacheState {
  try {
    core.saveState(CACHE_STATE, JSON.stringify(state));
  } catch (e) {
    // GITHUB_STATE names a missing file (never on a runner): the post step then saves nothing.
    core.debug(`torchcraft: could not save the step state: ${e instanceof Error ? e.message : String(e)}`);
  }
  return state;
}

export function parseCacheState(text: string): CacheState | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as Partial<CacheState>;
    if (typeof v.key !== 'string' || typeof v.folder !== 'string' || typeof v.save !== 'boolean') return undefined;
    return { key: v.key, folder: v.folder, save: v.save, reason: typeof v.reason === 'string' ? v.reason : undefined, bytes: typeof v.bytes === 'number' ? v.bytes : undefined };
  } catch {
    return undefined;
  }
}
