/**
 * The install step's verification and outcome, with real installs: pip into
 * fresh venvs from a PEP 503 index this file serves on 127.0.0.1, fake torch
 * builds whose devices each test sets (FAKE_TORCH_CONFIG). What fails the
 * step: a torch that cannot be imported, an install that left no torch or
 * another build, require-gpu with no served GPU passing. What warns: a device
 * the build cannot run, named with its fix.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { installAndVerify } from '../../src/install/install.js';
import type { InstallRequest } from '../../src/install/types.js';
import { MemoryLog } from '../../src/log.js';
import type { Arch, Gpu, Os } from '../../src/machine.js';
import type { Plan } from '../../src/plan/types.js';
import { runTool } from '../../src/process/run-tool.js';
import { IndexServer } from '../helpers/index-server.js';
import { testPlan, writeRequirements } from '../helpers/plan.js';
import { isolatedPipEnv, VenvPool } from '../helpers/venv.js';
import { buildWheels, companion, defaultPython, fakeTorch, fakeTorchEnv, type FakeTorchConfig } from '../helpers/wheels.js';
import { inspectPython } from '../../src/install/python.js';

const pool = new VenvPool();
let server: IndexServer;
const host: { os: Os; arch: Arch; python: string } = {
  os: ({ linux: 'linux', darwin: 'macos', win32: 'windows' } as Record<string, Os>)[process.platform],
  arch: ({ x64: 'x86_64', arm64: 'aarch64' } as Record<string, Arch>)[process.arch],
  python: '',
};

beforeAll(async () => {
  const version = await runTool(defaultPython(), ['-c', 'import sys;print("%d.%d" % sys.version_info[:2])'], { timeoutMs: 30_000, env: isolatedPipEnv() });
  host.python = version.stdout.trim();
  const [cu130, vision130, cu126, vision126] = await buildWheels(
    [
      fakeTorch({ version: '2.14.1+cu130', cudaAvailable: true }),
      companion('torchvision', '0.29.1+cu130', '2.14.1'),
      fakeTorch({ version: '2.14.1+cu126', cudaAvailable: true }),
      companion('torchvision', '0.29.1+cu126', '2.14.1'),
    ],
    pool.scratch('wheels'),
  );
  server = new IndexServer({ variants: { cu130: [cu130, vision130], cu126: [cu126, vision126] } });
  await server.start();
}, 120_000);

afterAll(async () => {
  await server?.stop();
  pool.cleanup();
});

const nv = (name: string, cc: string): Gpu => ({ vendor: 'nvidia', name, computeCapability: cc, driver: '580.65.06', cuda: '13.0' });
const RTX4090 = nv('NVIDIA GeForce RTX 4090', '8.9');
const GTX1080TI = nv('NVIDIA GeForce GTX 1080 Ti', '6.1');
const device = (g: Gpu, more: object = {}) => ({ name: g.name, capability: (g as { computeCapability: string }).computeCapability, ...more });

/** A plan for this machine with these NVIDIA GPUs, every one served. */
function cudaPlan(backend: string, gpus: Gpu[]): Plan {
  const plan = testPlan({ backend, indexUrl: server.variantUrl(backend), machine: { ...host, gpus } });
  return { ...plan, servedGpus: gpus.map((_, i) => i) };
}

async function install(plan: Plan, config: FakeTorchConfig, over: Partial<InstallRequest> = {}, python?: string) {
  const interpreter = python ?? (await pool.fresh());
  const log = new MemoryLog();
  const outcome = await installAndVerify(
    plan,
    {
      python: interpreter,
      installer: 'pip',
      retries: 0,
      verify: true,
      requireGpu: false,
      requirementsPath: writeRequirements(pool.scratch('req'), plan),
      env: isolatedPipEnv({ PIP_RETRIES: '0', ...fakeTorchEnv(pool.scratch('config'), config) }),
      secrets: [],
      retryDelayMs: 10,
      ...over,
    },
    log,
  );
  return { outcome, log, python: interpreter };
}

describe('verification runs a kernel on every GPU', () => {
  it('a healthy build with two GPUs: passed, per-device results, a log line per device', async () => {
    const plan = cudaPlan('cu130', [RTX4090, nv('NVIDIA H100 80GB HBM3', '9.0')]);
    const { outcome, log } = await install(plan, { cuda: { available: true, devices: plan.machine.gpus.map((g) => device(g)) } });
    expect(outcome).toMatchObject({ installed: true, verification: 'passed', gpuAvailable: true, torchVersion: '2.14.1+cu130', warnings: [], problems: [] });
    expect(outcome.error).toBeUndefined();
    expect(outcome.index).toBe(server.variantUrl('cu130'));
    expect(outcome.devices).toEqual([
      { index: 0, runtime: 'cuda', name: 'NVIDIA GeForce RTX 4090', capability: '8.9', inArchList: true, passed: true },
      { index: 1, runtime: 'cuda', name: 'NVIDIA H100 80GB HBM3', capability: '9.0', inArchList: true, passed: true },
    ]);
    expect(outcome.checks).toEqual(
      expect.arrayContaining([
        'torch 2.14.1+cu130 has +cu130, as backend cu130 expects.',
        'torch.cuda.is_available() is True (NVIDIA GeForce RTX 4090, NVIDIA H100 80GB HBM3).',
        'Device cuda:0, NVIDIA GeForce RTX 4090 (sm_89): a small operation ran and synchronised, and the build has code for it.',
      ]),
    );
    const info = log.lines.filter((l) => l.level === 'info').map((l) => l.message);
    expect(info).toEqual(expect.arrayContaining(['  cuda:0 "NVIDIA GeForce RTX 4090" sm_89, in the arch list: passed', '  cuda:1 "NVIDIA H100 80GB HBM3" sm_90, in the arch list: passed']));
  });

  it('a kernel image missing on one GPU of two: a warning naming the device and the fix, the step passes', async () => {
    const plan = cudaPlan('cu130', [RTX4090, GTX1080TI]);
    const { outcome } = await install(plan, { cuda: { available: true, devices: [device(RTX4090), device(GTX1080TI)] } });
    expect(outcome).toMatchObject({ installed: true, verification: 'mismatch' });
    expect(outcome.error).toBeUndefined();
    expect(outcome.devices?.map((d) => [d.name, d.inArchList, d.passed])).toEqual([
      ['NVIDIA GeForce RTX 4090', true, true],
      ['NVIDIA GeForce GTX 1080 Ti', false, false],
    ]);
    expect(outcome.warnings).toEqual([
      'Device cuda:1, NVIDIA GeForce GTX 1080 Ti (sm_61): this cu130 build has no kernels for it (arch list sm_75..sm_120; torch said "CUDA error: no kernel image is available for execution on the device"): ' +
        'set backend: cu126 (it covers the other GPUs here too), or hide it with CUDA_VISIBLE_DEVICES (the other GPU runs this build).',
    ]);
    expect(outcome.problems).toEqual(outcome.warnings);
  });

  it('with require-gpu the same passes, since a served GPU ran the build', async () => {
    const plan = cudaPlan('cu130', [RTX4090, GTX1080TI]);
    const { outcome } = await install(plan, { cuda: { available: true, devices: [device(GTX1080TI), device(RTX4090)] } }, { requireGpu: true });
    expect(outcome.error).toBeUndefined();
    expect(outcome.warnings).toEqual([expect.stringMatching(/^Device cuda:0, NVIDIA GeForce GTX 1080 Ti \(sm_61\): this cu130 build has no kernels/)]);
  });

  it('with require-gpu and no served GPU passing, the step fails naming the device and the fix', async () => {
    const plan = cudaPlan('cu130', [GTX1080TI]);
    const { outcome } = await install(plan, { cuda: { available: true, devices: [device(GTX1080TI)] } }, { requireGpu: true });
    expect(outcome.error).toBe(
      'input require-gpu is set, but no GPU the plan serves passed verification: Device cuda:0, NVIDIA GeForce GTX 1080 Ti (sm_61): this cu130 build has no kernels for it ' +
        '(arch list sm_75..sm_120; torch said "CUDA error: no kernel image is available for execution on the device"): set backend: cu126.',
    );
    expect(outcome.devices).toHaveLength(1);
  });

  it('a device that hangs: the others are still checked and logged, and it is named', async () => {
    const plan = cudaPlan('cu130', [RTX4090, RTX4090]);
    const { outcome, log } = await install(plan, { cuda: { available: true, devices: [device(RTX4090, { hang: true }), device(RTX4090)] } }, { verifyDeviceTimeoutMs: 1000 });
    expect(outcome.devices?.map((d) => d.passed)).toEqual([false, true]);
    expect(outcome.warnings).toEqual(['Device cuda:0, NVIDIA GeForce RTX 4090 (sm_89): a small operation on it did not finish within 1 s (hung?): hide it with CUDA_VISIBLE_DEVICES (the other GPU runs this build).']);
    expect(log.text()).toContain('cuda:1 "NVIDIA GeForce RTX 4090" sm_89, in the arch list: passed');
  });
});

describe('failure that is failure', () => {
  it('a torch that cannot be imported fails the step, without require-gpu', async () => {
    const plan = cudaPlan('cu130', [RTX4090]);
    const { outcome } = await install(plan, { importError: 'libcudart.so.13: cannot open shared object file: No such file or directory' });
    expect(outcome).toMatchObject({ installed: true, verification: 'failed' });
    expect(outcome.error).toMatch(/^The installed torch could not be run: import torch failed: ImportError: libcudart\.so\.13: cannot open shared object file: No such file or directory\. .*the step fails\.$/);
    expect(outcome.problems).toEqual([expect.stringContaining('import torch failed')]);
  });

  it('an installer that exits 0 but leaves no torch (PIP_TARGET) fails the step, naming the setting', async () => {
    const plan = cudaPlan('cu130', [RTX4090]);
    const target = pool.scratch('target');
    const { outcome, python } = await install(plan, {}, { env: isolatedPipEnv({ PIP_RETRIES: '0', PIP_TARGET: target }), verify: false });
    expect(readdirSync(target)).toEqual(expect.arrayContaining(['torch']));
    expect(outcome.installed).toBe(false);
    const executable = (await inspectPython(python, isolatedPipEnv(), 60_000)).executable;
    expect(outcome.error).toBe(
      `pip exited 0, but torch is not installed in ${executable} afterwards: nothing usable was installed. PIP_TARGET=${target} in the environment sends pip's install elsewhere: unset it for this step.`,
    );
  });

  it('a torch already there that satisfies torch==2.14.* but is another build: kept by pip, so the step fails saying so', async () => {
    const python = await pool.fresh();
    const first = await install(cudaPlan('cu126', [RTX4090]), {}, {}, python);
    expect(first.outcome).toMatchObject({ torchVersion: '2.14.1+cu126', verification: 'passed' });
    const { outcome } = await install(cudaPlan('cu130', [RTX4090]), {}, {}, python);
    expect(outcome.torchVersion).toBe('2.14.1+cu126');
    expect(outcome.error).toMatch(/^pip kept torch 2\.14\.1\+cu126, which was installed before and satisfies torchcraft\.txt's torch==2\.14\.\*, but it is not the planned cu130 build of torch 2\.14 \(\+cu130\)\. Fix: uninstall it first \(.* -m pip uninstall -y torch\), or install into a fresh virtual environment\.$/);
  });

  it('an installer failure keeps the end of its output as structured data', async () => {
    const plan = cudaPlan('cu130', [RTX4090]);
    const missing = { ...plan, indexUrl: server.variantUrl('cu999') };
    const { outcome } = await install(missing, {});
    expect(outcome.installed).toBe(false);
    expect(outcome.installerOutput?.title).toBe("Last lines of pip's output (attempt 1)");
    expect(outcome.installerOutput?.lines.join('\n')).toContain('No matching distribution found for torch');
    expect(outcome.index).toBe(server.variantUrl('cu999'));
  });
});
