/**
 * The action's post step (action.yml `post:`, run by the runner after the job's
 * last step when it succeeded, `post-if: success()`): save the installer's
 * cache the main step decided to save. The same bundle as the main step: the
 * main step marks itself in the step's state (core.saveState), and the runner
 * hands that state back to the post step as STATE_* variables.
 *
 * Never fails the step: a cache that could not be saved is a warning.
 */
import { core } from '../sinks/log.js';
import { CACHE_STATE, parseCacheState } from '../cache/install-cache.js';
import { formatBytes } from '../cache/folder.js';

const MAIN_RAN = 'torchcraft-main-ran';

export function isPostStep(): boolean {
  return core.getState(MAIN_RAN) !== '';
}

/** Called first by the main step, so the runner's second run of this file knows it is the post step. */
export function markMainStep(): void {
  saveStateSafely(MAIN_RAN, 'true');
}

/** core.saveState throws when GITHUB_STATE names a missing file (never on a runner): a post step not run is no reason to fail. */
export function saveStateSafely(name: string, value: string): void {
  try {
    core.saveState(name, value);
  } catch (e) {
    core.debug(`torchcraft: could not save the step state ${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function runPost(): Promise<void> {
  try {
    const state = parseCacheState(core.getState(CACHE_STATE));
    if (!state) return; // the cache was off, or nothing was installed
    if (!state.save) {
      core.info(`Not saving the installer's cache: ${state.reason ?? 'nothing to save'}.`);
      return;
    }
    const service = await import('../cache/service.js');
    const result = await service.save([state.folder], state.key);
    if (result.kind === 'saved') {
      core.info(`Saved the installer's cache as ${state.key}${state.bytes !== undefined ? ` (${formatBytes(state.bytes)} before compression)` : ''}.`);
    } else if (result.kind === 'timeout') {
      core.warning(`Saving the installer's cache took longer than ${result.seconds} s: given up, the next run installs without it.`, { title: service.ANNOTATION_TITLE });
    } else {
      core.info(`The installer's cache was not saved: ${result.reason}`);
    }
  } catch (e) {
    core.warning(`Saving the installer's cache failed: ${e instanceof Error ? e.message : String(e)}`, { title: 'torchcraft cache' });
  }
}
