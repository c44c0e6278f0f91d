/**
 * Warm runs, end to end as a runner runs them: `node dist/index.js` with
 * install: true and cache: true against the emulated v2 cache service
 * (twirp + Azure Blob through the SDK's own download path), then the same file
 * again as the post step with the main step's saved state as STATE_*
 * variables, as the runner does after a successful job. A second job on a
 * fresh runner (the cache folder gone, a fresh venv) restores the entry,
 * reports cache-hit, and pip takes the wheels from the cache: the index
 * answers 304 (the validators download.pytorch.org sends) instead of sending
 * them again.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { runTool } from '../../src/process/run-tool.js';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describePosix } from '../helpers/posix.js';
import { startCacheService, type CacheService } from '../helpers/cache-service.js';
import { STABLE_TORCH } from '../helpers/torch-index.js';
import { installedTorch } from '../helpers/venv.js';
import { ACTION, parseCommandFile, pipStepEnv, postStepEnv, runAction, type Sandbox } from './runner.js';
import { installFixture, RUN_TIMEOUT_MS } from './install-fixture.js';

const fx = installFixture();
let service: CacheService;

beforeAll(async () => {
  service = await startCacheService({ blobHost: 'azure' });
});
afterAll(async () => {
  await service?.stop();
});

/** pip caches http:// downloads only from a trusted host (session.py); download.pytorch.org is https. */
const stepEnv = (extra: Record<string, string> = {}): Record<string, string> => pipStepEnv({ PIP_TRUSTED_HOST: '127.0.0.1', ...service.env(), ...extra });

const wheelDownloads = (): { path: string; status: number }[] =>
  fx.server.requests.filter((q) => q.path.endsWith('.whl')).map((q) => ({ path: q.path, status: q.status }));

const cacheFolder = (box: Sandbox): string => join(box.root, 'torchcraft-cache', 'pip');

describePosix('cache: the installer cache across two jobs', () => {
  it('the first job misses and its post step saves; the second restores (cache-hit) and downloads no wheel again', async () => {
    fx.server.setFaults({});
    const box = fx.sandbox();
    const base = fx.server.baseUrl();
    const inputs = { install: 'true', installer: 'pip', 'index-base-url': base, cache: 'true' };

    // Job 1, main step: nothing to restore yet.
    const main1 = await runAction(box, { ...inputs, python: await fx.pool.fresh() }, stepEnv(), RUN_TIMEOUT_MS);
    expect(main1.stdout).not.toContain('::error');
    expect(main1.exitCode).toBe(0);
    expect(main1.outputs['cache-hit']).toBe('false');
    expect(main1.stdout).toMatch(/^Cache: pip's downloads in .*torchcraft-cache\/pip, key torchcraft-v1-linux_x86_64-cpython3\.\d+-pip-cpu-torch2\.14-[0-9a-f]{32}\.$/m);
    expect(main1.stdout).toContain('No cache for this plan yet');
    expect(wheelDownloads().map((d) => d.status)).toEqual([200, 200]);
    const key = /key (torchcraft-v1-\S+)\.$/m.exec(main1.stdout)![1];
    expect(JSON.parse(main1.state['torchcraft-cache'])).toMatchObject({ key, save: true });
    expect(service.finalized()).toEqual([]);

    // Job 1, post step (post-if: success()): the same file, with the saved state.
    const post1 = await runAction(box, inputs, stepEnv(postStepEnv(main1)), RUN_TIMEOUT_MS);
    expect(post1.exitCode).toBe(0);
    expect(post1.stdout).not.toMatch(/^::(warning|error)/m);
    expect(post1.stdout).toMatch(new RegExp(`^Saved the installer's cache as ${key} \\(`, 'm'));
    // The post step plans nothing: no torchcraft.txt run, no outputs.
    expect(post1.outputs).toEqual({});
    expect(service.finalized().map((e) => e.key)).toEqual([key]);
    expect(service.requests.filter((r) => r.kind === 'blob').map((r) => `${r.op}:${r.status}`)).toEqual(['put-blob:201']);

    // Job 2 on a fresh runner: the cache folder is gone, the venv is new.
    rmSync(cacheFolder(box), { recursive: true, force: true });
    fx.server.setFaults({});
    service.requests.length = 0;
    const python2 = await fx.pool.fresh();
    const main2 = await runAction(box, { ...inputs, python: python2 }, stepEnv(), RUN_TIMEOUT_MS);
    expect(main2.stdout).not.toContain('::error');
    expect(main2.exitCode).toBe(0);
    expect(main2.outputs['cache-hit']).toBe('true');
    expect(main2.stdout).toMatch(new RegExp(`^Restored the cache ${key} \\(\\d+ files, `, 'm'));
    // Restored through the Azure SDK's ranged download, as from *.blob.core.windows.net.
    expect(service.requests.filter((r) => r.kind === 'blob').map((r) => r.op)).toEqual(expect.arrayContaining(['properties', 'get']));
    // pip took both wheels from its cache: revalidated (304), not downloaded.
    expect(wheelDownloads().map((d) => d.status)).toEqual([304, 304]);
    expect(main2.stdout).toMatch(/Using cached .*torch-2\.14\.1(\+|%2B)cpu-py3-none-any\.whl/);
    expect(await installedTorch(python2)).toMatchObject({ torch: `${STABLE_TORCH}+cpu` });

    // Job 2, post step: an exact hit is not saved again.
    const post2 = await runAction(box, inputs, stepEnv(postStepEnv(main2)), RUN_TIMEOUT_MS);
    expect(post2.exitCode).toBe(0);
    expect(post2.stdout).toContain(`Not saving the installer's cache: the cache was restored from this very key (${key}).`);
    expect(service.finalized()).toHaveLength(1);
  });

  it('a cache service that is down is a warning: the install goes on, the step succeeds, nothing is saved', async () => {
    fx.server.setFaults({});
    const box = fx.sandbox();
    const python = await fx.pool.fresh();
    const run = await runAction(
      box,
      { install: 'true', installer: 'pip', 'index-base-url': fx.server.baseUrl(), cache: 'true', python },
      stepEnv({ ACTIONS_RESULTS_URL: `http://127.0.0.1:${await closedPort()}/` }),
      RUN_TIMEOUT_MS,
    );
    expect(run.exitCode).toBe(0);
    expect(run.stdout).not.toContain('::error');
    expect(run.stdout).toMatch(/^::warning title=torchcraft cache::Failed to restore: /m);
    expect(run.outputs).toMatchObject({ 'cache-hit': 'false', 'torch-version': `${STABLE_TORCH}+cpu` });
    expect(await installedTorch(python)).toMatchObject({ torch: `${STABLE_TORCH}+cpu` });
    // The post step will not try again at the end of the job.
    expect(JSON.parse(run.state['torchcraft-cache'])).toMatchObject({ save: false, reason: 'the cache service failed when it was asked for the cache' });
  });

  it('cache auto on a self-hosted runner, export-constraints false: neither, and the post step does nothing', async () => {
    fx.server.setFaults({});
    service.requests.length = 0;
    const box = fx.sandbox();
    const inputs = { install: 'true', installer: 'pip', 'index-base-url': fx.server.baseUrl(), 'export-constraints': 'false' };
    const main = await runAction(box, { ...inputs, python: await fx.pool.fresh() }, stepEnv({ RUNNER_ENVIRONMENT: 'self-hosted' }), RUN_TIMEOUT_MS);
    expect(main.exitCode).toBe(0);
    expect(main.outputs['cache-hit']).toBe('false');
    expect(main.outputs['torch-version']).toBe(`${STABLE_TORCH}+cpu`);
    expect(main.outputs['constraints-path']).toBeUndefined();
    expect(readFileSync(join(box.root, 'env'), 'utf8')).not.toMatch(/CONSTRAINT/);
    expect(main.state['torchcraft-cache']).toBeUndefined();
    expect(existsSync(cacheFolder(box))).toBe(false);
    const post = await runAction(box, inputs, stepEnv(postStepEnv(main)), RUN_TIMEOUT_MS);
    expect(post.exitCode).toBe(0);
    expect(post.stdout.trim()).toBe('');
    expect(service.requests).toEqual([]);
  });

  it('a plan-only run only marks its step for the post step, and needs no file of dist/ but index.js', async () => {
    const box = fx.sandbox();
    const main = await runAction(box, { 'python-version': '3.12', cache: 'true' }, stepEnv({ RUNNER_ENVIRONMENT: 'github-hosted' }));
    expect(main.exitCode).toBe(0);
    expect(main.state).toEqual({ 'torchcraft-main-ran': 'true' });
    expect(main.outputs['cache-hit']).toBeUndefined();
    expect(readdirSync(box.root)).not.toContain('torchcraft-cache');

    // The cache client lives in chunks loaded with import(): without them, planning still works.
    const lone = join(box.root, 'lone-dist');
    mkdirSync(lone);
    for (const f of ['index.js', 'package.json']) copyFileSync(join(ACTION, '..', f), join(lone, f));
    expect(readdirSync(join(ACTION, '..')).filter((f) => /^\d+\.index\.js$/.test(f)).length).toBeGreaterThan(0);
    const files = { GITHUB_OUTPUT: join(box.root, 'lone-output'), GITHUB_STATE: join(box.root, 'lone-state') };
    for (const f of Object.values(files)) writeFileSync(f, '');
    const r = await runTool(process.execPath, [join(lone, 'index.js')], {
      timeoutMs: 60_000,
      cwd: box.workspace,
      env: { PATH: box.path, HOME: box.root, RUNNER_ENVIRONMENT: 'github-hosted', 'INPUT_PYTHON-VERSION': '3.12', INPUT_CACHE: 'true', ...files, ...service.env() },
    });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(parseCommandFile(readFileSync(files.GITHUB_OUTPUT, 'utf8'))).toMatchObject({ backend: 'cpu' });
    // What every run loads carries no HTTP client: undici (through @actions/core's OIDC
    // client) was most of the bundle's bytes before @actions/core was built side-effect free.
    const loaded = readFileSync(join(lone, 'index.js'), 'utf8');
    expect(loaded).not.toMatch(/undici|actions\/oidc-client/);
  });
});

/** A port nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
