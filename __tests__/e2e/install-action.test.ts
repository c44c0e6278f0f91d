/**
 * The built action with install: true, run as the runner runs it, installing
 * from a PEP 503 index this file serves on 127.0.0.1 into fresh venvs: the
 * CPU plan of this machine, a GPU plan from a fake nvidia-smi, the nightly
 * channel, and a hung nvidia-smi. Each test checks the venv itself, the
 * outputs and the job summary.
 */
import { expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describePosix } from '../helpers/posix.js';
import { GPU_DEVICE_NAME, NIGHTLY_TORCH, NIGHTLY_VISION, STABLE_TORCH, STABLE_VISION, TORCH_INDEX_BASES } from '../helpers/torch-index.js';
import { installedTorch } from '../helpers/venv.js';
import { fakeNvidiaSmi } from './fake-tools.js';
import { pipStepEnv, runAction, type Sandbox } from './runner.js';
import { installFixture, RUN_TIMEOUT_MS } from './install-fixture.js';
import { renderSummaryMarkdown } from '../helpers/markdown.js';

const RTX4090 = { name: GPU_DEVICE_NAME, computeCapability: '8.9' };
const DRIVER_580 = { driver: '580.65.06', cuda: '13.0', gpus: [RTX4090] };

const fx = installFixture();
const { pool, sandbox } = fx;

/** The summary's Install table as field -> value, and what held / did not as bullets. */
function installReport(markdown: string): { fields: Record<string, string>; bullets: string } {
  const summary = renderSummaryMarkdown(markdown);
  const table = summary.tables.find((t) => t.some((row) => row[0] === 'Installer'));
  expect(table).toBeDefined();
  return { fields: Object.fromEntries(table!.map((row) => [row[0], row[1]])), bullets: summary.bullets.join('\n') };
}

function requirementsFile(box: Sandbox): string {
  return readFileSync(join(box.workspace, 'torchcraft.txt'), 'utf8');
}

describePosix('the action installs the planned build (install: true)', () => {
  it('installs the CPU build on this GPU-less machine from the test index, verifies it, and sets the outputs', async () => {
    fx.server.setFaults({});
    const python = await pool.fresh();
    const box = sandbox();
    const base = fx.server.baseUrl();
    const run = await runAction(box, { install: 'true', python, installer: 'pip', 'index-base-url': base }, pipStepEnv(), RUN_TIMEOUT_MS);

    expect(run.stdout).not.toContain('::error::');
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      backend: 'cpu',
      accelerator: 'none',
      'index-url': `${base}/cpu`,
      'torch-requirement': 'torch==2.14.*',
      'torch-version': `${STABLE_TORCH}+cpu`,
      'gpu-available': 'false',
      installer: 'pip',
    });
    const file = requirementsFile(box);
    expect(file).toContain(`--index-url ${base}/cpu\n`);
    expect(file).toMatch(/^torch==2\.14\.\*$/m);
    expect(file).toMatch(/^torchvision==0\.29\.\*$/m);

    // The venv itself holds the build, and it imports.
    expect(await installedTorch(python)).toEqual({
      torch: `${STABLE_TORCH}+cpu`,
      torchvision: `${STABLE_VISION}+cpu`,
      imported: { version: `${STABLE_TORCH}+cpu`, cudaAvailable: false },
    });
    // Only the folder the plan named was asked.
    const paths = fx.server.requests.map((q) => q.path);
    expect(paths).toEqual(expect.arrayContaining(['/whl/cpu/torch/', '/whl/cpu/torchvision/']));
    expect(paths.every((p) => p.startsWith('/whl/cpu/'))).toBe(true);

    // The installer's output is folded into a group; the summary says what happened.
    expect(run.stdout).toMatch(/^::group::.*-m pip install .*-r .*torchcraft\.txt/m);
    expect(run.stdout).toContain(`Successfully installed torch-${STABLE_TORCH}+cpu torchvision-${STABLE_VISION}+cpu`);
    const summary = renderSummaryMarkdown(run.summary);
    expect(summary.headings[0]).toBe('✅ torchcraft installed and verified torch 2.14.1+cpu (cpu)');
    expect(summary.headings).toContain('Install');
    const report = installReport(run.summary);
    expect(report.fields).toMatchObject({ Installer: 'pip, 1 attempt', Index: `${base}/cpu`, Installed: 'yes', torch: `${STABLE_TORCH}+cpu`, Verification: 'passed' });
    expect(report.bullets).toContain(`torch ${STABLE_TORCH}+cpu has +cpu, as backend cpu expects.`);
  });

  it('installs the cu130 build for an RTX 4090 on driver 580, and torch sees the GPU', async () => {
    fx.server.setFaults({});
    const python = await pool.fresh();
    const box = sandbox({ 'nvidia-smi': fakeNvidiaSmi(DRIVER_580) });
    const base = fx.server.baseUrl();
    const run = await runAction(box, { install: 'true', python, installer: 'pip', 'index-base-url': base }, pipStepEnv(), RUN_TIMEOUT_MS);

    expect(run.stdout).not.toContain('::error::');
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      backend: 'cu130',
      accelerator: 'nvidia',
      'driver-version': '580.65.06',
      'index-url': `${base}/cu130`,
      'torch-version': `${STABLE_TORCH}+cu130`,
      'gpu-available': 'true',
      installer: 'pip',
    });
    expect(await installedTorch(python)).toEqual({
      torch: `${STABLE_TORCH}+cu130`,
      torchvision: `${STABLE_VISION}+cu130`,
      imported: { version: `${STABLE_TORCH}+cu130`, cudaAvailable: true },
    });
    expect(fx.server.requests.every((q) => q.path.startsWith('/whl/cu130/'))).toBe(true);
    const report = installReport(run.summary);
    expect(report.fields).toMatchObject({ Installer: 'pip, 1 attempt', Index: `${base}/cu130`, 'GPU available to torch': 'yes', Verification: 'passed' });
    expect(report.bullets).toMatch(/torch\.cuda\.is_available\(\) is True \(NVIDIA GeForce RTX 4090\)/);
  });

  it('a cu130 torch that cannot see the GPU: installed, with a warning, when the GPU is not required', async () => {
    fx.server.setFaults({});
    const python = await pool.fresh();
    const box = sandbox({ 'nvidia-smi': fakeNvidiaSmi(DRIVER_580) });
    const base = `${fx.server.baseUrl()}/${TORCH_INDEX_BASES.nogpu}`;
    const run = await runAction(box, { install: 'true', python, installer: 'pip', 'index-base-url': base }, pipStepEnv(), RUN_TIMEOUT_MS);

    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ backend: 'cu130', 'torch-version': `${STABLE_TORCH}+cu130`, 'gpu-available': 'false' });
    expect(run.stdout).toMatch(/^::warning.*torch\.cuda\.is_available\(\) is False: the installed torch cannot use the nvidia GPU/m);
    const report = installReport(run.summary);
    expect(report.fields).toMatchObject({ 'GPU available to torch': 'no', Verification: 'mismatch' });
    expect(report.bullets).toMatch(/torch\.cuda\.is_available\(\) is False/);
    expect((await installedTorch(python)).imported).toEqual({ version: `${STABLE_TORCH}+cu130`, cudaAvailable: false });
  });

  it('with require-gpu, a torch that cannot see the GPU fails the step, saying so', async () => {
    fx.server.setFaults({});
    const python = await pool.fresh();
    const box = sandbox({ 'nvidia-smi': fakeNvidiaSmi(DRIVER_580) });
    const base = `${fx.server.baseUrl()}/${TORCH_INDEX_BASES.nogpu}`;
    const run = await runAction(box, { install: 'true', python, installer: 'pip', 'index-base-url': base, 'require-gpu': 'true' }, pipStepEnv(), RUN_TIMEOUT_MS);

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^::error::The installed torch does not match the plan: torch\.cuda\.is_available\(\) is False: the installed torch cannot use the nvidia GPU.*require-gpu is set, so the step fails\./m);
    expect(run.outputs).toMatchObject({ backend: 'cu130', 'torch-version': `${STABLE_TORCH}+cu130`, 'gpu-available': 'false', installer: 'pip' });
    expect(renderSummaryMarkdown(run.summary).headings[0]).toBe('❌ torchcraft failed: the installed torch did not pass verification');
    expect(installReport(run.summary).fields.Verification).toBe('mismatch');
    expect(renderSummaryMarkdown(run.summary).text).toMatch(/require-gpu is set, so the step fails/);
  });

  it('channel nightly: installs the dated nightly from <base>/nightly/<variant> with pre-releases allowed', async () => {
    fx.server.setFaults({});
    const python = await pool.fresh();
    const box = sandbox();
    const base = fx.server.baseUrl();
    const run = await runAction(box, { install: 'true', python, installer: 'pip', 'index-base-url': base, channel: 'nightly' }, pipStepEnv(), RUN_TIMEOUT_MS);

    expect(run.stdout).not.toContain('::error::');
    expect(run.exitCode).toBe(0);
    expect(run.outputs['index-url']).toBe(`${base}/nightly/cpu`);
    expect(JSON.parse(run.outputs.json)).toMatchObject({ channel: 'nightly', prerelease: true, indexUrl: `${base}/nightly/cpu` });
    const file = requirementsFile(box);
    expect(file).toContain(`--index-url ${base}/nightly/cpu\n`);
    expect(file).toMatch(/^--pre$/m);
    // The folder also holds the 2.14.1 final: only with --pre does pip take the newer dated build.
    expect(run.outputs['torch-version']).toBe(`${NIGHTLY_TORCH}+cpu`);
    expect(await installedTorch(python)).toEqual({
      torch: `${NIGHTLY_TORCH}+cpu`,
      torchvision: `${NIGHTLY_VISION}+cpu`,
      imported: { version: `${NIGHTLY_TORCH}+cpu`, cudaAvailable: false },
    });
    expect(fx.server.requests.every((q) => q.path.startsWith('/whl/nightly/cpu/'))).toBe(true);
    expect(installReport(run.summary).fields).toMatchObject({ Installer: 'pip, 1 attempt', Index: `${base}/nightly/cpu`, Verification: 'passed' });
  });
});

describePosix('the action with install: true and an nvidia-smi that never answers', () => {
  const hung = () => fakeNvidiaSmi({ ...DRIVER_580, hang: true });

  it('ends within the probe timeout with a CPU plan and a warning, and installs the CPU build', async () => {
    fx.server.setFaults({});
    const python = await pool.fresh();
    const box = sandbox({ 'nvidia-smi': hung() });
    const base = fx.server.baseUrl();
    const run = await runAction(box, { install: 'true', python, installer: 'pip', 'index-base-url': base, 'probe-timeout': '2' }, pipStepEnv(), RUN_TIMEOUT_MS);

    expect(run.timedOut).toBe(false);
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ backend: 'cpu', accelerator: 'none', 'torch-version': `${STABLE_TORCH}+cpu`, 'gpu-available': 'false' });
    // Not only a detection note: a warning annotation, and in the summary's warnings.
    expect(run.stdout).toMatch(/^::warning title=torchcraft::A GPU tool did not answer \(nvidia-smi --query-gpu timed out after [\d.]+ s and was killed: driver hung\?\), so the cpu build was planned\.$/m);
    const summary = renderSummaryMarkdown(run.summary);
    expect(summary.headings).toContain('Warnings');
    expect(summary.bullets.join('\n')).toMatch(/A GPU tool did not answer \(nvidia-smi --query-gpu timed out/);
    expect((await installedTorch(python)).torch).toBe(`${STABLE_TORCH}+cpu`);
  });

  it('with require-gpu fails saying why, and installs nothing', async () => {
    fx.server.setFaults({});
    const python = await pool.fresh();
    const box = sandbox({ 'nvidia-smi': hung() });
    const run = await runAction(
      box,
      { install: 'true', python, installer: 'pip', 'index-base-url': fx.server.baseUrl(), 'probe-timeout': '2', 'require-gpu': 'true' },
      pipStepEnv(),
      RUN_TIMEOUT_MS,
    );

    expect(run.timedOut).toBe(false);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^::error::require-gpu is true but no usable GPU was found: A GPU tool did not answer \(nvidia-smi --query-gpu timed out after [\d.]+ s and was killed: driver hung\?\)\.$/m);
    expect(fx.server.requests).toEqual([]);
    expect(await installedTorch(python)).toEqual({});
    expect(run.outputs['torch-version']).toBeUndefined();
    expect(renderSummaryMarkdown(run.summary).headings).not.toContain('Install');
  });
});
