/**
 * The decisions around the install: whether the cache is on, and whether the
 * post step saves, taken against the emulated cache service with the real
 * client and a real interpreter (the install itself is the e2e tests' part).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheWanted, CACHE_STATE, openInstallCache, parseCacheState, type CacheRequest } from '../../src/cache/install-cache.js';
import type { InstallOutcome } from '../../src/install/types.js';
import { MemoryLog } from '../../src/log.js';
import { startCacheService, type CacheService } from '../helpers/cache-service.js';
import { isolatedPipEnv, VenvPool } from '../helpers/venv.js';
import { describePosix } from '../helpers/posix.js';
import { parseCommandFile } from '../e2e/runner.js';

describe('cacheWanted', () => {
  it('auto is on for GitHub-hosted runners only, as setup-uv', () => {
    expect(cacheWanted('auto', { RUNNER_ENVIRONMENT: 'github-hosted' }).on).toBe(true);
    expect(cacheWanted('auto', { RUNNER_ENVIRONMENT: 'self-hosted' })).toEqual({ on: false, why: expect.stringContaining('off on a self-hosted runner') });
    expect(cacheWanted('auto', {}).on).toBe(false);
    expect(cacheWanted('true', { RUNNER_ENVIRONMENT: 'self-hosted' }).on).toBe(true);
    expect(cacheWanted('false', { RUNNER_ENVIRONMENT: 'github-hosted' }).on).toBe(false);
  });
});

describe('parseCacheState', () => {
  it('reads what the main step left, and nothing malformed', () => {
    expect(parseCacheState(JSON.stringify({ key: 'k', folder: '/f', save: true, bytes: 3 }))).toEqual({ key: 'k', folder: '/f', save: true, bytes: 3, reason: undefined });
    expect(parseCacheState('')).toBeUndefined();
    expect(parseCacheState('{"key": 1}')).toBeUndefined();
    expect(parseCacheState('not json')).toBeUndefined();
  });
});

const installed: InstallOutcome = { installer: 'pip', attempts: 1, installed: true, verification: 'passed', summary: [], warnings: [] };

describePosix('openInstallCache', () => {
  const pool = new VenvPool();
  const root = mkdtempSync(join(tmpdir(), 'torchcraft-install-cache-'));
  const stateFile = join(root, 'state');
  const saved = { ...process.env };
  let service: CacheService;
  let python: string;

  beforeAll(async () => {
    service = await startCacheService();
    python = await pool.fresh();
    Object.assign(process.env, service.env(), { GITHUB_WORKSPACE: root, RUNNER_TEMP: root, GITHUB_STATE: stateFile });
  });
  afterAll(async () => {
    process.env = saved;
    await service.stop();
    pool.cleanup();
    rmSync(root, { recursive: true, force: true });
  });

  const request = (extra: Partial<CacheRequest> = {}): CacheRequest => {
    const env = isolatedPipEnv({ RUNNER_TEMP: root, RUNNER_ENVIRONMENT: 'github-hosted' });
    delete env.PIP_NO_CACHE_DIR;
    return { choice: 'auto', python, installer: 'pip', requirementsText: 'torch==2.14.*\n', backend: 'cpu', release: '2.14', env, log: new MemoryLog(), ...extra };
  };
  const state = (): Record<string, string> => parseCommandFile(readFileSync(stateFile, 'utf8'));

  it('is off, asking nothing, when auto meets a self-hosted runner', async () => {
    service.requests.length = 0;
    const r = request({ env: { RUNNER_ENVIRONMENT: 'self-hosted' } });
    expect(await openInstallCache(r)).toBeUndefined();
    expect(service.requests).toEqual([]);
    expect((r.log as MemoryLog).text()).toMatch(/^debug: torchcraft cache: off \(cache is auto, which is off on a self-hosted runner/);
  });

  it('warns when cache is true and the runner offers no cache service', async () => {
    const url = process.env.ACTIONS_RESULTS_URL;
    delete process.env.ACTIONS_RESULTS_URL;
    try {
      const r = request({ choice: 'true' });
      expect(await openInstallCache(r)).toBeUndefined();
      expect((r.log as MemoryLog).text()).toMatch(/^warning: This runner offers no Actions cache service/);
    } finally {
      process.env.ACTIONS_RESULTS_URL = url;
    }
  });

  it('a miss points the install at the folder; nothing downloaded means nothing to save, a download means save', async () => {
    writeFileSync(stateFile, '');
    const r = request();
    const cache = (await openInstallCache(r))!;
    expect(cache.hit).toBe(false);
    expect(cache.env.PIP_CACHE_DIR).toBe(join(root, 'torchcraft-cache', 'pip'));
    expect((r.log as MemoryLog).text()).toContain('No cache for this plan yet');
    expect(await cache.finish(installed)).toMatchObject({ save: false, reason: 'the install downloaded nothing (all of it was already installed or cached)' });
    expect(parseCacheState(state()[CACHE_STATE])).toMatchObject({ save: false });

    // What an install that downloaded would leave.
    const again = (await openInstallCache(request()))!;
    mkdirSync(again.env.PIP_CACHE_DIR!, { recursive: true });
    writeFileSync(join(again.env.PIP_CACHE_DIR!, 'downloaded.whl'), 'bytes');
    expect(await again.finish(installed)).toMatchObject({ save: true, bytes: 5 });
    expect(await again.finish({ ...installed, installed: false, error: 'pip failed' })).toMatchObject({ save: false, reason: 'the install did not succeed' });
    expect(await again.finish(undefined)).toMatchObject({ save: false });
  });
});
