/**
 * The verification script against real Python and small fake torch wheels
 * installed with pip: each failure a real build shows (import error, no
 * device, kernel image missing on one device, an arch list without the
 * device, a hung device), and healthy builds. One wheel per build serves every
 * scenario through a configuration file (FAKE_TORCH_CONFIG).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readOutput, runVerification, type RawDevice, type VerifyOptions } from '../../src/install/verify.js';
import { runTool } from '../../src/process/run-tool.js';
import { isolatedPipEnv, VenvPool } from '../helpers/venv.js';
import { ARCH_LISTS, buildWheels, fakeTorch, fakeTorchEnv, type FakeTorchConfig } from '../helpers/wheels.js';

const KERNEL = 'CUDA error: no kernel image is available for execution on the device';
const pool = new VenvPool();
let cuda: string;
let rocm: string;

beforeAll(async () => {
  const [cu130, rocm72] = await buildWheels(
    [fakeTorch({ version: '2.14.1+cu130', cudaAvailable: true, deviceName: 'NVIDIA GeForce RTX 4090' }), fakeTorch({ version: '2.14.1+rocm7.2', cudaAvailable: true })],
    pool.scratch('wheels'),
  );
  const install = async (wheel: string): Promise<string> => {
    const python = await pool.fresh();
    const r = await runTool(python, ['-m', 'pip', 'install', '--no-index', '--no-deps', '--quiet', wheel], { timeoutMs: 120_000, env: isolatedPipEnv() });
    if (!r.ok) throw new Error(`pip install failed: ${r.stderr}`);
    return python;
  };
  // One after the other: the pool makes its base venv on the first call.
  cuda = await install(cu130.path);
  rocm = await install(rocm72.path);
}, 180_000);

afterAll(() => pool.cleanup());

async function verify(python: string, config: FakeTorchConfig, o: Partial<VerifyOptions> = {}) {
  const seen: RawDevice[] = [];
  const run = await runVerification(python, isolatedPipEnv(fakeTorchEnv(pool.scratch('config'), config)), {
    runtime: 'cuda',
    importTimeoutMs: 60_000,
    deviceTimeoutMs: 30_000,
    expectedDevices: 2,
    onDevice: (d) => seen.push(d),
    ...o,
  });
  return { run, seen };
}

const RTX4090 = { name: 'NVIDIA GeForce RTX 4090', capability: '8.9' };
const GTX1080TI = { name: 'NVIDIA GeForce GTX 1080 Ti', capability: '6.1' };
const H100 = { name: 'NVIDIA H100 80GB HBM3', capability: '9.0' };

describe('runVerification, CUDA builds', () => {
  it('a healthy build with two devices: each named, with its capability, the arch list, passed', async () => {
    const { run, seen } = await verify(cuda, { cuda: { available: true, devices: [RTX4090, H100] } });
    expect(run).toEqual({
      ok: true,
      report: expect.objectContaining({
        version: '2.14.1+cu130',
        cuda: '13.0',
        hip: null,
        runtime: 'cuda',
        deviceCount: 2,
        archList: ARCH_LISTS.cu130,
        devices: [
          { index: 0, name: RTX4090.name, capability: '8.9', passed: true, error: undefined },
          { index: 1, name: H100.name, capability: '9.0', passed: true, error: undefined },
        ],
      }),
    });
    if (run.ok) {
      expect(run.report.stopped).toBeUndefined();
      expect(run.report.cudaRuntime).toEqual({ available: true, devices: [RTX4090.name, H100.name], error: undefined });
    }
    // Reported as they came.
    expect(seen.map((d) => d.index)).toEqual([0, 1]);
  });

  it('a kernel image missing on one device of two: that device fails with the CUDA error, the other passes', async () => {
    const { run } = await verify(cuda, { cuda: { available: true, devices: [RTX4090, GTX1080TI] } });
    expect(run.ok && run.report.devices).toEqual([
      expect.objectContaining({ index: 0, capability: '8.9', passed: true }),
      expect.objectContaining({ index: 1, name: GTX1080TI.name, capability: '6.1', passed: false, error: KERNEL }),
    ]);
  });

  it('an arch list without the device\'s capability: the operation fails as the real build does', async () => {
    const { run } = await verify(cuda, { cuda: { available: true, archList: ['sm_90', 'sm_100'], devices: [RTX4090] } });
    expect(run.ok && run.report.archList).toEqual(['sm_90', 'sm_100']);
    expect(run.ok && run.report.devices).toEqual([expect.objectContaining({ capability: '8.9', passed: false, error: KERNEL })]);
  });

  it('a device that hangs costs its own bound only: the devices before and after it are still checked', async () => {
    const { run, seen } = await verify(cuda, { cuda: { available: true, devices: [RTX4090, { ...H100, hang: true }, H100] } }, { deviceTimeoutMs: 1000, expectedDevices: 3 });
    expect(run.ok && run.report.devices).toEqual([
      expect.objectContaining({ index: 0, passed: true }),
      { index: 1, name: H100.name, capability: '9.0', passed: false, error: 'did not finish within 1 s', timedOut: true },
      expect.objectContaining({ index: 2, passed: true }),
    ]);
    expect(run.ok && run.report.stopped).toBeUndefined();
    expect(seen).toHaveLength(3);
  });

  it('a driver that hangs in device_count(): the whole check is bounded, and says where it stopped', async () => {
    const { run } = await verify(cuda, { cuda: { available: true, hangOnCount: true } }, { importTimeoutMs: 2000, deviceTimeoutMs: 500, expectedDevices: 0 });
    expect(run.ok && run.report).toMatchObject({ version: '2.14.1+cu130', cudaRuntime: { available: true }, stopped: 'the check was stopped after 3 s before it listed the devices' });
  });

  it('no device: is_available() is False, and no device is checked', async () => {
    const { run } = await verify(cuda, { cuda: { available: false } });
    expect(run.ok && run.report).toMatchObject({ cudaRuntime: { available: false }, deviceCount: 0, archList: [], devices: [] });
  });

  it('a torch that cannot be imported: the error as Python gave it', async () => {
    const { run } = await verify(cuda, { importError: 'libcudart.so.13: cannot open shared object file: No such file or directory' });
    expect(run).toEqual({ ok: false, problem: 'import torch failed: ImportError: libcudart.so.13: cannot open shared object file: No such file or directory' });
  });

  it('a torch that kills the interpreter at import: a failure, not a crash', async () => {
    const { run } = await verify(cuda, { crashOnImport: true });
    expect(run).toEqual({ ok: false, problem: expect.stringMatching(/^the verification script failed \(exit code none: killed by a signal\)/) });
  });

  it('other runtimes: MPS has one device, XPU its own', async () => {
    const mps = await verify(cuda, { mps: { available: true } }, { runtime: 'mps' });
    expect(mps.run.ok && mps.run.report.devices).toEqual([{ index: 0, name: 'mps', capability: undefined, passed: true, error: undefined }]);
    const xpu = await verify(cuda, { xpu: { available: true, devices: [{ name: 'Intel(R) Arc(TM) A770 Graphics' }, { name: 'Intel(R) Arc(TM) B580 Graphics', error: 'Native API failed. Native API returns: -42' }] } }, { runtime: 'xpu' });
    expect(xpu.run.ok && xpu.run.report.devices).toEqual([
      expect.objectContaining({ index: 0, passed: true, capability: undefined }),
      expect.objectContaining({ index: 1, passed: false, error: 'Native API failed. Native API returns: -42' }),
    ]);
  });

  it('a CPU plan runs no device check', async () => {
    const { run } = await verify(cuda, {}, { runtime: undefined });
    expect(run.ok && run.report).toMatchObject({ devices: [], deviceCount: 0 });
  });
});

describe('runVerification, ROCm builds', () => {
  it('reads gcnArchName; a gfx the build lacks fails with HIP\'s error', async () => {
    const { run } = await verify(rocm, {
      cuda: { available: true, devices: [{ name: 'AMD Instinct MI250X/MI250', capability: 'gfx90a:sramecc+:xnack-' }, { name: 'AMD Radeon RX 6700 XT', capability: 'gfx1031' }] },
    });
    expect(run.ok && run.report).toMatchObject({ hip: '7.2.0-0', cuda: null, archList: ARCH_LISTS.rocm });
    expect(run.ok && run.report.devices).toEqual([
      expect.objectContaining({ capability: 'gfx90a:sramecc+:xnack-', passed: true }),
      expect.objectContaining({ capability: 'gfx1031', passed: false, error: 'HIP error: invalid device function' }),
    ]);
  });
});

describe('readOutput: a check stopped part-way keeps what it found', () => {
  const lines = [
    'TORCHCRAFT_IMPORTED {"version": "2.14.1+cu130"}',
    'TORCHCRAFT_VERIFY {"version": "2.14.1+cu130", "cuda": "13.0", "hip": null, "cudaRuntime": {"available": true}}',
    'TORCHCRAFT_DEVICES {"runtime": "cuda", "count": 4, "archList": ["sm_90"], "problem": null}',
    'TORCHCRAFT_DEVICE {"index": 0, "name": "A", "capability": "9.0", "passed": true}',
    'TORCHCRAFT_DEVICE {"index": 1, "name": "B", "capability": "9.0", "passed": true}',
  ];
  const end = { timedOut: true, exitCode: null, stderr: '', timeoutS: 300, importTimeoutS: 120 };
  it('devices 0 and 1 of 4, and why it stopped', () => {
    const run = readOutput(lines.join('\n'), end);
    expect(run.ok && run.report.devices?.map((d) => d.index)).toEqual([0, 1]);
    expect(run.ok && run.report.stopped).toBe('the check was stopped after 300 s after 2 of 4 devices');
  });
  it('stopped in is_available(): torch was imported, and the step says where it hung', () => {
    expect(readOutput(lines[0], end)).toEqual({ ok: false, problem: 'torch 2.14.1+cu130 was imported, but asking it for its GPU runtimes (is_available) did not finish: the check was stopped after 300 s' });
  });
  it('stopped in the import', () => {
    expect(readOutput('', end)).toEqual({ ok: false, problem: 'importing torch did not finish within 300 s' });
  });
  it('never throws, and keeps what it reads bounded, for any output', () => {
    const line = fc.oneof(fc.constantFrom(...lines), fc.string(), fc.json().map((j) => `TORCHCRAFT_DEVICE ${j}`), fc.json().map((j) => `TORCHCRAFT_DEVICES ${j}`));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.boolean(), (ls, timedOut) => {
        const run = readOutput(ls.join('\n'), { ...end, timedOut });
        if (run.ok) for (const d of run.report.devices ?? []) expect((d.name ?? '').length).toBeLessThanOrEqual(300);
      }),
    );
    const huge = readOutput([...lines.slice(0, 3), `TORCHCRAFT_DEVICE {"index": 0, "name": "${'x'.repeat(100_000)}", "passed": true}`].join('\n'), end);
    expect(huge.ok && huge.report.devices?.[0].name?.length).toBe(300);
  });

  it('lines that are not ours, or broken, are ignored', () => {
    const run = readOutput(['TORCHCRAFT_DEVICE {"index": 9', 'noise', ...lines, 'TORCHCRAFT_DEVICE {"index": -1}', 'TORCHCRAFT_DONE {}'].join('\r\n'), { ...end, timedOut: false, exitCode: 0 });
    expect(run.ok && run.report.devices?.map((d) => d.index)).toEqual([0, 1]);
    expect(run.ok && run.report.stopped).toBe('the check ended (exit code 0) after 2 of 4 devices');
  });
});
