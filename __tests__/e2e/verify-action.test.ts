/**
 * Verification through the built action, as a runner runs it: install from
 * the test index into a fresh venv, with a fake nvidia-smi for the machine and
 * the fake torch's devices set per test (FAKE_TORCH_CONFIG), then the step's
 * exit, annotations, outputs and log.
 */
import { expect, it } from '@jest/globals';
import { renderSummaryMarkdown } from '../helpers/markdown.js';
import { describePosix } from '../helpers/posix.js';
import { GPU_DEVICE_NAME, STABLE_TORCH } from '../helpers/torch-index.js';
import { fakeTorchEnv, type FakeTorchConfig } from '../helpers/wheels.js';
import { fakeNvidiaSmi, type FakeNvidiaGpu } from './fake-tools.js';
import { installFixture, RUN_TIMEOUT_MS } from './install-fixture.js';
import { pipStepEnv, runAction } from './runner.js';

const RTX4090: FakeNvidiaGpu = { name: GPU_DEVICE_NAME, computeCapability: '8.9' };
const H100: FakeNvidiaGpu = { name: 'NVIDIA H100 80GB HBM3', computeCapability: '9.0' };
const GTX1080TI: FakeNvidiaGpu = { name: 'NVIDIA GeForce GTX 1080 Ti', computeCapability: '6.1' };
const KERNEL = 'CUDA error: no kernel image is available for execution on the device';

const fx = installFixture();

async function run(gpus: FakeNvidiaGpu[], torch: FakeTorchConfig, inputs: Record<string, string> = {}, extraEnv: Record<string, string> = {}) {
  fx.server.setFaults({});
  const python = await fx.pool.fresh();
  const box = fx.sandbox({ 'nvidia-smi': fakeNvidiaSmi({ driver: '580.65.06', cuda: '13.0', gpus }) });
  const env = pipStepEnv({ ...fakeTorchEnv(box.root, torch), ...extraEnv });
  return runAction(box, { install: 'true', python, installer: 'pip', 'index-base-url': fx.server.baseUrl(), ...inputs }, env, RUN_TIMEOUT_MS);
}

const devices = (...gpus: FakeNvidiaGpu[]) => gpus.map((g) => ({ name: g.name, capability: g.computeCapability }));

describePosix('the action verifies the installed torch on every GPU', () => {
  it('a healthy build on two GPUs passes, with per-device results in the outputs and the log', async () => {
    const r = await run([RTX4090, H100], { cuda: { available: true, devices: devices(RTX4090, H100) } });
    expect(r.stdout).not.toMatch(/^::(error|warning)/m);
    expect(r.exitCode).toBe(0);
    expect(r.outputs).toMatchObject({ backend: 'cu130', 'torch-version': `${STABLE_TORCH}+cu130`, 'gpu-available': 'true', verified: 'true' });
    expect(JSON.parse(r.outputs.devices)).toEqual([
      { index: 0, runtime: 'cuda', name: GPU_DEVICE_NAME, capability: '8.9', inArchList: true, passed: true },
      { index: 1, runtime: 'cuda', name: H100.name, capability: '9.0', inArchList: true, passed: true },
    ]);
    expect(r.stdout).toMatch(/^ {2}cuda:0 "NVIDIA GeForce RTX 4090" sm_89, in the arch list: passed$/m);
    expect(r.stdout).toMatch(/^ {2}cuda:1 "NVIDIA H100 80GB HBM3" sm_90, in the arch list: passed$/m);
    const summary = renderSummaryMarkdown(r.summary);
    expect(summary.headings[0]).toBe(`✅ torchcraft installed and verified torch ${STABLE_TORCH}+cu130 (cu130)`);
    const deviceRows = summary.tables.find((t) => t[0]?.[0] === 'Device');
    expect(deviceRows?.slice(1).map((row) => [row[0], row[3], row[4]])).toEqual([
      ['cuda:0', 'yes', 'passed'],
      ['cuda:1', 'yes', 'passed'],
    ]);
  });

  it('a build without kernels for one GPU: a warning naming the device and the fix; the step passes', async () => {
    const r = await run([RTX4090, GTX1080TI], { cuda: { available: true, devices: devices(RTX4090, GTX1080TI) } }, { backend: 'cu130' });
    expect(r.exitCode).toBe(0);
    expect(r.outputs.verified).toBe('false');
    expect(JSON.parse(r.outputs.devices)[1]).toEqual({ index: 1, runtime: 'cuda', name: GTX1080TI.name, capability: '6.1', inArchList: false, passed: false, error: KERNEL });
    const warning = r.stdout.split('\n').find((l) => l.startsWith('::warning') && l.includes('Device cuda:1'));
    expect(warning).toBeDefined();
    expect(warning).toContain('NVIDIA GeForce GTX 1080 Ti (sm_61): this cu130 build has no kernels for it (arch list sm_75..sm_120');
    expect(warning).toContain('set backend: cu126 (it covers the other GPUs here too), or hide it with CUDA_VISIBLE_DEVICES');
    expect(r.stdout).toMatch(/^ {2}cuda:1 "NVIDIA GeForce GTX 1080 Ti" sm_61, not in the arch list: failed: CUDA error: no kernel image is available/m);
  });

  it('with require-gpu, a build whose kernels fit no GPU fails the step, naming the device and the fix', async () => {
    // A build that differs from the data (a mirror's own build, say): its arch list has no sm_8x.
    const r = await run([RTX4090], { cuda: { available: true, archList: ['sm_90', 'sm_100', 'sm_120'], devices: devices(RTX4090) } }, { 'require-gpu': 'true' });
    expect(r.exitCode).toBe(1);
    const error = r.stdout.split('\n').find((l) => l.startsWith('::error::'));
    expect(error).toMatch(/^::error::input require-gpu is set, but no GPU the plan serves passed verification: Device cuda:0, NVIDIA GeForce RTX 4090 \(sm_89\): this cu130 build has no kernels for it \(arch list sm_90, sm_100, sm_120; torch said "CUDA error: no kernel image is available for execution on the device"\): /);
    expect(error).toContain('set backend: cu126, which covers it too.');
    expect(r.outputs).toMatchObject({ verified: 'false', 'gpu-available': 'true' });
    expect(JSON.parse(r.outputs.devices)).toEqual([expect.objectContaining({ passed: false, inArchList: false })]);
  });

  it('a torch that cannot be imported fails the step', async () => {
    const r = await run([RTX4090], { importError: 'libcudart.so.13: cannot open shared object file: No such file or directory' });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^::error::The installed torch could not be run: import torch failed: ImportError: libcudart\.so\.13: cannot open shared object file: No such file or directory\./m);
    expect(r.outputs).toMatchObject({ 'torch-version': `${STABLE_TORCH}+cu130`, verified: 'false', devices: '[]' });
  });

  it('an installer that exits 0 having installed nothing (PIP_DRY_RUN in the environment) fails the step, naming the setting', async () => {
    const r = await run([RTX4090], {}, {}, { PIP_DRY_RUN: '1' });
    expect(r.stdout).toContain('Would install torch-2.14.1+cu130');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^::error::pip exited 0, but torch is not installed in .* afterwards: nothing usable was installed\. PIP_DRY_RUN=1 in the environment makes pip only say what it would install: unset it for this step\.$/m);
    expect(r.outputs).toMatchObject({ 'torch-version': '', verified: 'false' });
  });
});
