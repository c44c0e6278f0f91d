/**
 * The built CLI bin with --install, as a user runs it at a terminal: into a
 * fresh venv, from the test index on 127.0.0.1.
 */
import { expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describePosix } from '../helpers/posix.js';
import { GPU_DEVICE_NAME, STABLE_TORCH, STABLE_VISION } from '../helpers/torch-index.js';
import { installedTorch } from '../helpers/venv.js';
import { fakeNvidiaSmi } from './fake-tools.js';
import { pipStepEnv, runCliBin } from './runner.js';
import { installFixture, RUN_TIMEOUT_MS } from './install-fixture.js';

const fx = installFixture();
const { pool, sandbox } = fx;

describePosix('torchcraft --install', () => {
  it('installs the CPU build into --python, verifies it and exits 0', async () => {
    fx.server.setFaults({});
    const python = await pool.fresh();
    const box = sandbox();
    const base = fx.server.baseUrl();
    const r = await runCliBin(box, ['--install', '--python', python, '--installer', 'pip', '--index-base-url', base], pipStepEnv({ NO_COLOR: '1' }), RUN_TIMEOUT_MS);

    expect(r.stderr).not.toMatch(/^torchcraft: /m);
    expect(r.exitCode).toBe(0);
    expect(await installedTorch(python)).toEqual({
      torch: `${STABLE_TORCH}+cpu`,
      torchvision: `${STABLE_VISION}+cpu`,
      imported: { version: `${STABLE_TORCH}+cpu`, cudaAvailable: false },
    });
    expect(readFileSync(join(box.workspace, 'torchcraft.txt'), 'utf8')).toContain(`--index-url ${base}/cpu\n`);
    expect(r.stdout).toContain('torchcraft: cpu build of torch 2.14');
    expect(r.stdout).toMatch(/^Install:\n {2}\*\*Install\*\*: pip installed torchcraft\.txt from .*\/whl\/cpu in 1 attempt\.\n {2}\*\*Verification\*\*: passed\./m);
    // The installer's own output goes to stderr, as it runs.
    expect(r.stderr).toContain(`Successfully installed torch-${STABLE_TORCH}+cpu torchvision-${STABLE_VISION}+cpu`);
  });

  it('--json after installing a GPU build: the install outputs under the action\'s names', async () => {
    fx.server.setFaults({});
    const python = await pool.fresh();
    const box = sandbox({ 'nvidia-smi': fakeNvidiaSmi({ driver: '580.65.06', cuda: '13.0', gpus: [{ name: GPU_DEVICE_NAME, computeCapability: '8.9' }] }) });
    const r = await runCliBin(box, ['--install', '--json', '--python', python, '--installer', 'pip', '--index-base-url', fx.server.baseUrl()], pipStepEnv(), RUN_TIMEOUT_MS);

    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      backend: 'cu130',
      accelerator: 'nvidia',
      'torch-version': `${STABLE_TORCH}+cu130`,
      'gpu-available': 'true',
      installer: 'pip',
    });
    expect((await installedTorch(python)).imported).toEqual({ version: `${STABLE_TORCH}+cu130`, cudaAvailable: true });
  });

  it('--require-gpu on this GPU-less machine exits 1, saying why, and installs nothing', async () => {
    fx.server.setFaults({});
    const python = await pool.fresh();
    const box = sandbox();
    const r = await runCliBin(box, ['--install', '--require-gpu', '--python', python, '--installer', 'pip', '--index-base-url', fx.server.baseUrl()], pipStepEnv(), RUN_TIMEOUT_MS);

    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^torchcraft: --require-gpu: no usable GPU was found: this machine has no GPU that a PyTorch build supports\.$/m);
    expect(fx.server.requests).toEqual([]);
    expect(await installedTorch(python)).toEqual({});
  });

  it('an interpreter that is not Python: exits 1 with the reason and the fix', async () => {
    fx.server.setFaults({});
    const box = sandbox();
    const r = await runCliBin(box, ['--install', '--python', '/bin/true', '--installer', 'pip', '--index-base-url', fx.server.baseUrl()], pipStepEnv(), RUN_TIMEOUT_MS);

    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^torchcraft: --python: "\/bin\/true" is not a usable Python interpreter: .*Set --python to a Python 3 interpreter.*actions\/setup-python/m);
    expect(fx.server.requests).toEqual([]);
  });
});
