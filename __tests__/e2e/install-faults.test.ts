/**
 * The built action with install: true through the faults a mirror throws at
 * it: HTTP 503, a download cut off half-way, basic auth with the credentials
 * in index-base-url, and credentials left to pip to expand from ${VAR}s.
 * pip's own retries are off (PIP_RETRIES=0) where our retry loop must act;
 * the retry waits are the action's real ones (2 s, then 4 s).
 */
import { expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describePosix } from '../helpers/posix.js';
import { STABLE_TORCH, STABLE_VISION } from '../helpers/torch-index.js';
import { installedTorch } from '../helpers/venv.js';
import { pipStepEnv, runAction, visibleText } from './runner.js';
import { installFixture, RUN_TIMEOUT_MS } from './install-fixture.js';
import { renderSummaryMarkdown } from '../helpers/markdown.js';

const CPU_BUILD = { torch: `${STABLE_TORCH}+cpu`, torchvision: `${STABLE_VISION}+cpu`, imported: { version: `${STABLE_TORCH}+cpu`, cudaAvailable: false } };

const fx = installFixture();
const { pool, sandbox } = fx;

describePosix('the action installs through faults worth retrying', () => {
  it('HTTP 503 for the first two requests: two failed attempts, then installed, each visible in log and summary', async () => {
    fx.server.setFaults({ unavailable: { count: 2 } });
    const python = await pool.fresh();
    const box = sandbox();
    const base = fx.server.baseUrl();
    const run = await runAction(box, { install: 'true', python, installer: 'pip', retries: '3', 'index-base-url': base }, pipStepEnv({ PIP_RETRIES: '0' }), RUN_TIMEOUT_MS);

    expect(run.stdout).not.toContain('::error::');
    expect(run.exitCode).toBe(0);
    expect(fx.server.requests.filter((q) => q.fault === '503')).toHaveLength(2);
    expect(run.outputs).toMatchObject({ 'torch-version': `${STABLE_TORCH}+cpu`, installer: 'pip', 'gpu-available': 'false' });
    expect(await installedTorch(python)).toEqual(CPU_BUILD);
    // Each attempt is its own group, and each retry a warning with its reason and wait.
    for (const n of [1, 2, 3]) expect(run.stdout).toMatch(new RegExp(`^::group::.*-m pip install .*\\(attempt ${n} of 4\\)$`, 'm'));
    expect(run.stdout).not.toMatch(/attempt 4 of 4/);
    expect(run.stdout).toMatch(/^::warning::pip failed \(server-error: .*503.*\); trying again in 2 s \(attempt 2 of 4\)\.$/m);
    expect(run.stdout).toMatch(/^::warning::pip failed \(server-error: .*503.*\); trying again in 4 s \(attempt 3 of 4\)\.$/m);
    const summary = renderSummaryMarkdown(run.summary);
    const table = Object.fromEntries(summary.tables.find((t) => t.some((row) => row[0] === 'Installer'))!.map((row) => [row[0], row[1]]));
    expect(table).toMatchObject({ Installer: 'pip, 3 attempts', Index: `${base}/cpu`, Verification: 'passed' });
    // Each retry is in the summary too, with its reason.
    expect(summary.bullets.filter((b) => /^pip failed \(server-error: .*503.*\); trying again in \d s \(attempt [23] of 4\)\.$/.test(b))).toHaveLength(2);
  });

  it('a download cut off half-way: retried once, then installed', async () => {
    fx.server.setFaults({ cutDownloads: { count: 1, pathIncludes: '.whl' } });
    const python = await pool.fresh();
    const box = sandbox();
    const base = fx.server.baseUrl();
    const run = await runAction(box, { install: 'true', python, installer: 'pip', retries: '2', 'index-base-url': base }, pipStepEnv({ PIP_RETRIES: '0' }), RUN_TIMEOUT_MS);

    expect(run.stdout).not.toContain('::error::');
    expect(run.exitCode).toBe(0);
    expect(fx.server.requests.filter((q) => q.fault === 'cut')).toHaveLength(1);
    expect(run.stdout).toMatch(/^::warning::pip failed \((hash-mismatch|incomplete-download)[:)].*trying again in 2 s \(attempt 2 of 3\)\.$/m);
    expect(renderSummaryMarkdown(run.summary).tables.flat()).toContainEqual(['Installer', 'pip, 2 attempts']);
    expect(run.outputs['torch-version']).toBe(`${STABLE_TORCH}+cpu`);
    expect(await installedTorch(python)).toEqual(CPU_BUILD);
  });
});

describePosix('the action installs from an index behind basic auth', () => {
  const credentials = { user: 'ci-bot-7f3a', password: 'tok-Zq81xS3cr3t' };

  it('credentials in index-base-url: installed; the secret is masked and appears in no log, summary or output', async () => {
    fx.server.setFaults({ auth: credentials });
    const python = await pool.fresh();
    const box = sandbox();
    const run = await runAction(box, { install: 'true', python, installer: 'pip', 'index-base-url': fx.server.baseUrl(credentials) }, pipStepEnv(), RUN_TIMEOUT_MS);

    expect(run.stdout).not.toContain('::error::');
    expect(run.exitCode).toBe(0);
    // Every request carried the credentials (a 401 would have been recorded).
    expect(fx.server.requests.length).toBeGreaterThan(0);
    expect(fx.server.requests.every((q) => q.status === 200)).toBe(true);
    expect(await installedTorch(python)).toEqual(CPU_BUILD);
    expect(run.outputs['torch-version']).toBe(`${STABLE_TORCH}+cpu`);

    // Registered with the runner, so it hides them from the log too...
    expect(run.stdout).toContain(`::add-mask::${credentials.password}`);
    // ...and written nowhere a reader sees.
    const seen = visibleText(run);
    expect(seen).not.toContain(credentials.password);
    // The user name beside a password is not a secret (masking "bot" would garble the log); pip prints it with the password masked.
    expect(seen.split(`${credentials.user}:`).slice(1).every((rest) => rest.startsWith('****@'))).toBe(true);
    expect(run.outputs['index-url']).toBe(`http://***:***@127.0.0.1:${new URL(fx.server.origin).port}/whl/cpu`);
    expect(renderSummaryMarkdown(run.summary).tables.flat()).toContainEqual(['Index', `http://***:***@127.0.0.1:${new URL(fx.server.origin).port}/whl/cpu`]);
    // The one place the credentials must be: the file pip reads.
    expect(readFileSync(join(box.workspace, 'torchcraft.txt'), 'utf8')).toContain(`--index-url ${fx.server.variantUrl('cpu', credentials)}\n`);
  });

  it('${VAR} credentials: pip expands them from the step environment; the file keeps the references', async () => {
    fx.server.setFaults({ auth: credentials });
    const python = await pool.fresh();
    const box = sandbox();
    const base = `http://\${TC_MIRROR_USER}:\${TC_MIRROR_TOKEN}@127.0.0.1:${new URL(fx.server.origin).port}/whl`;
    const run = await runAction(
      box,
      { install: 'true', python, installer: 'pip', 'index-base-url': base },
      pipStepEnv({ TC_MIRROR_USER: credentials.user, TC_MIRROR_TOKEN: credentials.password }),
      RUN_TIMEOUT_MS,
    );

    expect(run.stdout).not.toContain('::error::');
    expect(run.exitCode).toBe(0);
    expect(fx.server.requests.every((q) => q.status === 200)).toBe(true);
    expect(await installedTorch(python)).toEqual(CPU_BUILD);
    const file = readFileSync(join(box.workspace, 'torchcraft.txt'), 'utf8');
    expect(file).toContain(`--index-url ${base}/cpu\n`);
    expect(file).not.toContain(credentials.password);
    // References are not secrets: shown as written. The value pip expanded them to is shown nowhere.
    expect(run.outputs['index-url']).toBe(`${base}/cpu`);
    const seen = visibleText(run);
    expect(seen).not.toContain(credentials.password);
    expect(run.stdout).not.toContain('::add-mask::');
  });

  it('wrong credentials: refused once, not retried, a clear error, the secret nowhere', async () => {
    fx.server.setFaults({ auth: credentials });
    const python = await pool.fresh();
    const box = sandbox();
    const wrong = { user: credentials.user, password: 'tok-WR0NGs3cr3t' };
    const run = await runAction(box, { install: 'true', python, installer: 'pip', retries: '3', 'index-base-url': fx.server.baseUrl(wrong) }, pipStepEnv({ PIP_RETRIES: '0' }), RUN_TIMEOUT_MS);

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^::error::The package index http:\/\/\*\*\*:\*\*\*@127\.0\.0\.1:\d+\/whl\/cpu refused the credentials \(HTTP 401\/403\)\..*index-base-url/m);
    expect(run.stdout).not.toMatch(/attempt 2 of 4/);
    expect(visibleText(run)).not.toContain(wrong.password);
    expect(await installedTorch(python)).toEqual({});
  });
});
