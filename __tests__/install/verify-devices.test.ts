/**
 * The devices of the planned runtime, judged from a report as the script
 * gives it: arch list against capability, the operation's result, which
 * served GPU each device is, and fix advice derived from the data.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { deviceLine, isKernelImageError, judgeDevices } from '../../src/install/devices.js';
import { matchDevices } from '../../src/install/device-match.js';
import type { RawDevice, TorchReport } from '../../src/install/verify.js';
import type { Gpu } from '../../src/machine.js';
import type { Plan } from '../../src/plan/types.js';
import { ACTION_NAMES, CLI_NAMES } from '../../src/setting-names.js';
import { testPlan } from '../helpers/plan.js';

const KERNEL = 'CUDA error: no kernel image is available for execution on the device';
const HIP_KERNEL = 'HIP error: invalid device function';
const CU130 = ['sm_75', 'sm_80', 'sm_86', 'sm_90', 'sm_100', 'sm_120'];
const ROCM72 = ['gfx900', 'gfx906', 'gfx908', 'gfx90a', 'gfx942', 'gfx950', 'gfx1030', 'gfx1100', 'gfx1101', 'gfx1102', 'gfx1150', 'gfx1151', 'gfx1200', 'gfx1201'];
const nv = (name: string, cc: string): Gpu => ({ vendor: 'nvidia', name, computeCapability: cc, driver: '580.65.06', cuda: '13.0' });
const amd = (name: string, gfx: string): Gpu => ({ vendor: 'amd', name, gfx });
const RTX4090 = nv('NVIDIA GeForce RTX 4090', '8.9');
const GTX1080TI = nv('NVIDIA GeForce GTX 1080 Ti', '6.1');

function plan(backend: string, gpus: Gpu[], over: Partial<Plan> = {}): Plan {
  const p = testPlan({ backend, indexUrl: `http://127.0.0.1:1/whl/${backend}`, machine: { gpus } });
  return { ...p, servedGpus: gpus.flatMap((g, i) => (g.vendor === p.accelerator ? [i] : [])), ...over };
}

function report(devices: RawDevice[], over: Partial<TorchReport> = {}): TorchReport {
  return {
    version: '2.14.1+cu130',
    cuda: '13.0',
    hip: null,
    cudaRuntime: { available: true },
    xpuRuntime: { available: false },
    mpsRuntime: null,
    runtime: 'cuda',
    deviceCount: devices.length,
    archList: CU130,
    devices,
    ...over,
  };
}
const ok = (index: number, g: Gpu, capability = (g as { computeCapability?: string }).computeCapability): RawDevice => ({ index, name: g.name, capability, passed: true });
const bad = (index: number, g: Gpu, error = KERNEL, capability = (g as { computeCapability?: string }).computeCapability): RawDevice => ({ index, name: g.name, capability, passed: false, error });

describe('judgeDevices: CUDA', () => {
  it('a healthy build on two GPUs: both in the arch list, both passed, served', () => {
    const p = plan('cu130', [RTX4090, nv('NVIDIA H100 80GB HBM3', '9.0')]);
    const v = judgeDevices(p, report([ok(0, p.machine.gpus[0]), ok(1, p.machine.gpus[1])]), ACTION_NAMES);
    expect(v.problems).toEqual([]);
    expect(v.servedPassed).toBe(true);
    expect(v.devices).toEqual([
      { index: 0, runtime: 'cuda', name: 'NVIDIA GeForce RTX 4090', capability: '8.9', inArchList: true, passed: true },
      { index: 1, runtime: 'cuda', name: 'NVIDIA H100 80GB HBM3', capability: '9.0', inArchList: true, passed: true },
    ]);
    expect(v.checks).toHaveLength(2);
  });

  it('a kernel image missing on one device of two: names the device, the arch list and the fix that covers both', () => {
    const p = plan('cu130', [RTX4090, GTX1080TI]);
    const v = judgeDevices(p, report([ok(0, RTX4090), bad(1, GTX1080TI)]), ACTION_NAMES);
    expect(v.devices[1]).toEqual({ index: 1, runtime: 'cuda', name: 'NVIDIA GeForce GTX 1080 Ti', capability: '6.1', inArchList: false, passed: false, error: KERNEL });
    expect(v.problems).toEqual([
      `Device cuda:1, NVIDIA GeForce GTX 1080 Ti (sm_61): this cu130 build has no kernels for it (arch list sm_75..sm_120; torch said "${KERNEL}"): ` +
        'set backend: cu126 (it covers the other GPUs here too), or hide it with CUDA_VISIBLE_DEVICES (the other GPU runs this build).',
    ]);
    // The 4090 is served and passed.
    expect(v.servedPassed).toBe(true);
  });

  it('the fix is spelled for the CLI there', () => {
    const p = plan('cu130', [GTX1080TI]);
    const v = judgeDevices(p, report([bad(0, GTX1080TI)]), CLI_NAMES);
    expect(v.problems[0]).toMatch(/: set --backend cu126\.$/);
    expect(v.servedPassed).toBe(false);
  });

  it('a GPU no variant of the planned release covers: the release that has one', () => {
    const kepler = nv('Tesla K80', '3.7');
    const p = plan('cu126', [kepler]);
    const v = judgeDevices(p, report([bad(0, kepler)], { archList: ['sm_50', 'sm_60', 'sm_70', 'sm_75', 'sm_80', 'sm_86', 'sm_90'] }), ACTION_NAMES);
    expect(v.problems[0]).toContain('this cu126 build has no kernels for it (arch list sm_50..sm_90');
    expect(v.problems[0]).toContain('set torch-version: 2.7 and backend: cu118 (the newest release with a build for it)');
  });

  it('the arch list without the capability fails the device even when the error is another', () => {
    const p = plan('cu130', [GTX1080TI]);
    const v = judgeDevices(p, report([bad(0, GTX1080TI, 'CUDA error: unspecified launch failure')]), ACTION_NAMES);
    expect(v.problems[0]).toMatch(/has no kernels for it .*unspecified launch failure.*set backend: cu126/);
  });

  it('a build the data says covers the GPU, but does not: says the data or the build is wrong', () => {
    const p = plan('cu130', [RTX4090]);
    const v = judgeDevices(p, report([bad(0, RTX4090)], { archList: ['sm_90'] }), ACTION_NAMES);
    expect(v.devices[0].inArchList).toBe(false);
    expect(v.problems[0]).toContain("torchcraft's data says cu130 of torch 2.14 covers it, but the installed build does not: the data or the build is wrong (please report it); set backend: cu126, which covers it too.");
  });

  it('an error that is not about kernels gives no backend advice; a hang says so', () => {
    const p = plan('cu130', [RTX4090, nv('NVIDIA GeForce RTX 4090', '8.9')]);
    const hung: RawDevice = { index: 1, name: RTX4090.name, capability: '8.9', passed: false, error: 'did not finish within 60 s', timedOut: true };
    const v = judgeDevices(p, report([bad(0, RTX4090, 'CUDA error: out of memory'), hung]), ACTION_NAMES);
    expect(v.problems[0]).toBe('Device cuda:0, NVIDIA GeForce RTX 4090 (sm_89): a small operation on it failed (torch said "CUDA error: out of memory").');
    expect(v.problems[1]).toBe('Device cuda:1, NVIDIA GeForce RTX 4090 (sm_89): a small operation on it did not finish within 60 s (hung?).');
    expect(v.servedPassed).toBe(false);
  });

  it('devices the check never reported (it was stopped) are failures saying so, after the ones it did', () => {
    const p = plan('cu130', [RTX4090, RTX4090, RTX4090]);
    const v = judgeDevices(p, report([ok(0, RTX4090)], { deviceCount: 3, stopped: 'the check was stopped after 300 s after 1 of 3 devices' }), ACTION_NAMES);
    expect(v.devices.map((d) => [d.index, d.passed])).toEqual([[0, true], [1, false], [2, false]]);
    expect(v.devices[2].error).toBe('not checked: the check was stopped after 300 s after 1 of 3 devices');
    expect(v.servedPassed).toBe(true);
  });

  it('require-gpu counts only the served GPUs: a passing GPU the plan does not serve is not enough', () => {
    const p = plan('cu130', [GTX1080TI, RTX4090], { servedGpus: [0] });
    // torch (fastest first) numbers the 4090 as 0.
    const v = judgeDevices(p, report([ok(0, RTX4090), bad(1, GTX1080TI)]), ACTION_NAMES);
    expect(v.servedPassed).toBe(false);
    const served = judgeDevices(p, report([bad(0, RTX4090, 'CUDA error: out of memory'), ok(1, GTX1080TI)], { archList: ['sm_60', 'sm_86'] }), ACTION_NAMES);
    expect(served.servedPassed).toBe(true);
  });

  it('a check stopped before it listed the devices: a problem saying so', () => {
    const v = judgeDevices(plan('cu130', [RTX4090]), report([], { deviceCount: undefined, devices: undefined, archList: undefined, stopped: 'the check was stopped after 180 s before it listed the devices' }), ACTION_NAMES);
    expect(v.problems).toEqual(['The cuda devices were never listed: the check was stopped after 180 s before it listed the devices.']);
    expect(v.servedPassed).toBe(false);
  });

  it('no device: nothing to judge', () => {
    const v = judgeDevices(plan('cu130', [RTX4090]), report([], { cudaRuntime: { available: false }, deviceCount: 0, archList: [] }), ACTION_NAMES);
    expect(v).toMatchObject({ devices: [], none: true, servedPassed: false });
  });

  it('a CPU plan checks no device', () => {
    expect(judgeDevices(plan('cpu', []), report([], { runtime: undefined }), ACTION_NAMES).devices).toEqual([]);
  });

  it('a device that ran though the arch list lacks it: a problem, but it counts as passed', () => {
    const p = plan('cu130', [GTX1080TI]);
    const v = judgeDevices(p, report([ok(0, GTX1080TI)]), ACTION_NAMES);
    expect(v.servedPassed).toBe(true);
    expect(v.problems[0]).toMatch(/a small operation ran, but the build's arch list \(sm_75\.\.sm_120\) has no code for it/);
  });

  it('never throws, and passes only when every device did, for any report', () => {
    const device = fc.record({
      index: fc.nat(20),
      name: fc.option(fc.string(), { nil: undefined }),
      capability: fc.option(fc.oneof(fc.string(), fc.constantFrom('8.9', '6.1', '12.0', 'gfx90a:xnack-')), { nil: undefined }),
      passed: fc.boolean(),
      error: fc.option(fc.string(), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(device, { maxLength: 6 }), fc.array(fc.string(), { maxLength: 6 }), fc.boolean(), (devices, archList, hip) => {
        const p = plan(hip ? 'rocm7.2' : 'cu130', [RTX4090, amd('AMD Instinct MI300X', 'gfx942')]);
        const v = judgeDevices(p, report(devices, { archList, hip: hip ? '7.2.0' : null }), ACTION_NAMES);
        expect(v.devices).toHaveLength(devices.length);
        if (v.problems.length === 0) expect(v.devices.every((d) => d.passed)).toBe(true);
      }),
    );
  });
});

describe('judgeDevices: ROCm', () => {
  const hip = { version: '2.14.1+rocm7.14', cuda: null, hip: '7.14.0-0', archList: ROCM72.filter((g) => g !== 'gfx900' && g !== 'gfx906') };
  it('compares gcnArchName with the arch list and reports the base name', () => {
    const mi = amd('AMD Instinct MI250X/MI250', 'gfx90a');
    const p = plan('rocm7.14', [mi]);
    const v = judgeDevices(p, report([{ index: 0, name: mi.name, capability: 'gfx90a:sramecc+:xnack-', passed: true }], hip), ACTION_NAMES);
    expect(v.devices).toEqual([{ index: 0, runtime: 'cuda', name: mi.name, capability: 'gfx90a', inArchList: true, passed: true }]);
  });
  it('a gfx another ROCm variant of the release lists: that variant (whatever the data says of the one installed)', () => {
    const vii = amd('AMD Radeon VII', 'gfx906');
    const p = plan('rocm7.14', [vii]);
    const v = judgeDevices(p, report([{ index: 0, name: vii.name, capability: 'gfx906:sramecc+:xnack-', passed: false, error: HIP_KERNEL }], hip), ACTION_NAMES);
    // The reference says rocm7.14 has no gfx906 and rocm7.2 has it; the data may still list it for both.
    expect(v.problems[0]).toMatch(/^Device cuda:0, AMD Radeon VII \(gfx906\): this rocm7\.14 build has no kernels for it \(arch list gfx908, .*\): .*set backend: rocm7\.2\b.*\.$/);
  });
  it('a near miss: the HSA_OVERRIDE_GFX_VERSION the data knows, and HIP_VISIBLE_DEVICES when another GPU runs', () => {
    const rx = amd('AMD Radeon RX 6700 XT', 'gfx1031');
    const w = amd('AMD Radeon PRO W7900', 'gfx1100');
    const p = plan('rocm7.2', [w, rx]);
    const v = judgeDevices(
      p,
      report([{ index: 0, name: w.name, capability: 'gfx1100', passed: true }, { index: 1, name: rx.name, capability: 'gfx1031', passed: false, error: HIP_KERNEL }], { ...hip, archList: ROCM72 }),
      ACTION_NAMES,
    );
    expect(v.problems).toEqual([expect.stringContaining('it often runs as gfx1030 with HSA_OVERRIDE_GFX_VERSION=10.3.0 (torchcraft does not set it)')]);
    expect(v.problems[0]).toContain('or hide it with HIP_VISIBLE_DEVICES');
    expect(isKernelImageError('hipErrorNoBinaryForGpu: Unable to find code object for all current devices!')).toBe(true);
  });
});

describe('judgeDevices: XPU and MPS', () => {
  it('MPS: the one device is the machine\'s Apple GPU; no arch list', () => {
    const p = plan('mps', [{ vendor: 'apple', name: 'Apple M2 Pro' }], { machine: { os: 'macos', arch: 'aarch64', gpus: [{ vendor: 'apple', name: 'Apple M2 Pro' }], notes: [] } });
    const v = judgeDevices(p, report([{ index: 0, name: 'mps', passed: true }], { runtime: 'mps', archList: [], cuda: null }), ACTION_NAMES);
    expect(v.devices).toEqual([{ index: 0, runtime: 'mps', name: 'Apple M2 Pro', passed: true }]);
    expect(deviceLine(v.devices[0], false)).toBe('mps "Apple M2 Pro": passed');
  });
  it('XPU: a failing device is a problem with no invented fix', () => {
    const arc = { vendor: 'intel' as const, name: 'Intel(R) Arc(TM) A770 Graphics', deviceId: '0x56a0' };
    const p = plan('xpu', [arc]);
    const v = judgeDevices(p, report([{ index: 0, name: arc.name, passed: false, error: 'RuntimeError: Native API failed' }], { runtime: 'xpu', archList: [] }), ACTION_NAMES);
    expect(v.problems).toEqual(['Device xpu:0, Intel(R) Arc(TM) A770 Graphics: a small operation on it failed (torch said "RuntimeError: Native API failed").']);
  });
});

describe('deviceLine', () => {
  it('one plain line per device, the name quoted so nothing in it starts a line', () => {
    const p = plan('cu130', [RTX4090, GTX1080TI]);
    const v = judgeDevices(p, report([ok(0, RTX4090), bad(1, GTX1080TI)]), ACTION_NAMES);
    expect(v.devices.map((d) => deviceLine(d, false))).toEqual([
      'cuda:0 "NVIDIA GeForce RTX 4090" sm_89, in the arch list: passed',
      `cuda:1 "NVIDIA GeForce GTX 1080 Ti" sm_61, not in the arch list: failed: ${KERNEL}`,
    ]);
    expect(deviceLine({ index: 0, runtime: 'cuda', name: 'x\n::error::y', passed: true }, false)).toBe('cuda:0 "x\\n::error::y": passed');
  });
});

describe('matchDevices', () => {
  const p = plan('cu130', [GTX1080TI, RTX4090, RTX4090]);
  it('by name, in order within a name, whatever order torch numbers them in', () => {
    expect(matchDevices(p, [{ name: RTX4090.name }, { name: RTX4090.name }, { name: GTX1080TI.name }])).toEqual([1, 2, 0]);
  });
  it('then by capability, then by position when as many are left', () => {
    expect(matchDevices(p, [{ name: 'GPU A', capability: '8.9' }, { name: 'GPU B', capability: '6.1' }])).toEqual([1, 0]);
    expect(matchDevices(p, [{ name: 'a' }, { name: 'b' }, { name: 'c' }])).toEqual([0, 1, 2]);
  });
  it('a device left over matches nothing (a hidden GPU, another machine)', () => {
    expect(matchDevices(p, [{ name: 'a' }, { name: 'b' }])).toEqual([undefined, undefined]);
    expect(matchDevices(p, [{ name: RTX4090.name }, { name: 'other' }])).toEqual([1, undefined]);
  });
  it('only GPUs of the plan\'s vendor', () => {
    const mixed = plan('cu130', [amd('AMD Radeon RX 7900 XTX', 'gfx1100'), RTX4090]);
    expect(matchDevices(mixed, [{ name: 'whatever' }])).toEqual([1]);
  });
});
