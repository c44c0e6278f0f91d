import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { expectedLabels, judge, parseReport, type TorchReport } from '../../src/install/verify.js';
import { testPlan } from '../helpers/plan.js';

const gpu = (available: boolean, devices: string[] = []) => ({ available, devices });
function report(over: Partial<TorchReport>): TorchReport {
  return { version: '2.14.1+cu126', cuda: '12.6', hip: null, cudaRuntime: gpu(true, ['NVIDIA A100']), xpuRuntime: gpu(false), mpsRuntime: gpu(false), ...over };
}
const url = 'http://127.0.0.1:1/whl/cu126';

describe('expectedLabels', () => {
  it('is the variant for a download.pytorch.org-style index', () => {
    expect(expectedLabels(testPlan({ backend: 'cu126', indexUrl: url }))).toEqual(['cu126']);
    expect(expectedLabels(testPlan({ backend: 'rocm6.2', indexUrl: url }))).toEqual(['rocm6.2']);
    expect(expectedLabels(testPlan({ backend: 'xpu', indexUrl: url }))).toEqual(['xpu']);
  });
  it('is no label for PyPI (mps, macOS) and either for aarch64 CPU', () => {
    expect(expectedLabels(testPlan({ backend: 'mps', indexUrl: null, machine: { os: 'macos', arch: 'aarch64' } }))).toEqual(['']);
    expect(expectedLabels(testPlan({ backend: 'cpu', indexUrl: null, machine: { os: 'macos', arch: 'aarch64' } }))).toEqual(['']);
    expect(expectedLabels(testPlan({ backend: 'cpu', indexUrl: url, machine: { os: 'macos', arch: 'aarch64' } }))).toEqual(['', 'cpu']);
    expect(expectedLabels(testPlan({ backend: 'cpu', indexUrl: url, machine: { arch: 'aarch64' } }))).toEqual(['cpu', '']);
  });
});

describe('judge', () => {
  it('passes a cu126 build that sees its GPU', () => {
    const v = judge(testPlan({ backend: 'cu126', indexUrl: url }), report({}));
    expect(v).toMatchObject({ passed: true, gpuAvailable: true, gpuExpected: true, problems: [] });
    expect(v.checks.join(' ')).toContain('NVIDIA A100');
  });
  it('flags a GPU plan whose torch cannot see the GPU', () => {
    const v = judge(testPlan({ backend: 'cu126', indexUrl: url }), report({ cudaRuntime: gpu(false) }));
    expect(v.passed).toBe(false);
    expect(v.gpuAvailable).toBe(false);
    expect(v.problems.join(' ')).toContain('torch.cuda.is_available() is False');
  });
  it('flags a CPU build installed for a CUDA plan: label and torch.version.cuda', () => {
    const v = judge(testPlan({ backend: 'cu126', indexUrl: url }), report({ version: '2.14.1+cpu', cuda: null, cudaRuntime: gpu(false) }));
    expect(v.problems.join(' ')).toMatch(/has \+cpu, but backend cu126 expects \+cu126/);
    expect(v.problems.join(' ')).toMatch(/torch.version.cuda is None/);
  });
  it('flags a CUDA version that does not match the variant', () => {
    const v = judge(testPlan({ backend: 'cu126', indexUrl: url }), report({ cuda: '13.0' }));
    expect(v.problems).toEqual([expect.stringContaining('torch.version.cuda is 13.0')]);
  });
  it('flags another release than planned', () => {
    const v = judge(testPlan({ backend: 'cu126', indexUrl: url, release: '2.13' }), report({}));
    expect(v.problems).toEqual([expect.stringContaining('not from the planned release 2.13')]);
  });
  it('checks ROCm through torch.cuda and torch.version.hip', () => {
    const plan = testPlan({ backend: 'rocm7.2', indexUrl: url });
    expect(judge(plan, report({ version: '2.14.1+rocm7.2', cuda: null, hip: '7.2.0-0' })).passed).toBe(true);
    expect(judge(plan, report({ version: '2.14.1+rocm7.2', cuda: null, hip: null })).problems.join(' ')).toContain('hip is None');
  });
  it('checks XPU through torch.xpu', () => {
    const plan = testPlan({ backend: 'xpu', indexUrl: url });
    expect(judge(plan, report({ version: '2.14.1+xpu', cuda: null, cudaRuntime: gpu(false), xpuRuntime: gpu(true, ['Intel Arc A770']) })).passed).toBe(true);
    expect(judge(plan, report({ version: '2.14.1+xpu', cuda: null, cudaRuntime: gpu(true), xpuRuntime: gpu(false) })).problems.join(' ')).toContain('torch.xpu.is_available() is False');
  });
  it('a CPU plan needs no GPU but refuses a CUDA build', () => {
    const plan = testPlan({ backend: 'cpu', indexUrl: url });
    expect(judge(plan, report({ version: '2.14.1+cpu', cuda: null, cudaRuntime: gpu(false) }))).toMatchObject({ passed: true, gpuExpected: false });
    expect(judge(plan, report({ version: '2.14.1+cpu', cuda: '12.6' })).passed).toBe(false);
  });
  it('mps from PyPI: no label, GPU through torch.backends.mps', () => {
    const plan = testPlan({ backend: 'mps', indexUrl: null, machine: { os: 'macos', arch: 'aarch64' } });
    expect(judge(plan, report({ version: '2.14.1', cuda: null, cudaRuntime: gpu(false), mpsRuntime: gpu(true) })).passed).toBe(true);
    expect(judge(plan, report({ version: '2.14.1+cpu', cuda: null, cudaRuntime: gpu(false), mpsRuntime: gpu(true) })).passed).toBe(false);
  });
  it('never throws on any reported version or runtime', () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.string()), fc.boolean(), fc.constantFrom('cpu', 'cu126', 'rocm6.2', 'xpu', 'mps'), (version, cuda, avail, backend) => {
        const v = judge(testPlan({ backend, indexUrl: url }), report({ version, cuda, cudaRuntime: gpu(avail) }));
        expect(v.passed).toBe(v.problems.length === 0);
      }),
    );
  });
});

describe('parseReport', () => {
  it('reads the script output', () => {
    const r = parseReport(JSON.stringify({ version: '2.14.1+cu126', cuda: '12.6', hip: null, cudaRuntime: { available: true, devices: ['X'] }, xpuRuntime: null }));
    expect(r).toEqual({ ok: true, report: expect.objectContaining({ version: '2.14.1+cu126', cudaRuntime: { available: true, devices: ['X'], error: undefined }, xpuRuntime: null }) });
  });
  it('reports an import failure', () => {
    expect(parseReport(JSON.stringify({ error: 'ImportError: libcudart.so.12' }))).toEqual({ ok: false, problem: 'import torch failed: ImportError: libcudart.so.12' });
  });
  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), (s) => {
      const r = parseReport(s);
      expect(typeof r.ok).toBe('boolean');
    }));
  });
});
