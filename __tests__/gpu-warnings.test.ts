import { planInstall } from '../src/plan/policy.js';
import { describe, expect, it } from '@jest/globals';
import { noGpuReason, requireGpuFailure, runWarnings } from '../src/gpu-warnings.js';
import { testPlan } from './helpers/plan.js';

const HUNG = 'nvidia-smi --query-gpu timed out after 1.4 s and was killed: driver hung?';

function cpuPlan(machineWarnings: string[] | undefined, warnings: string[] = []) {
  const plan = testPlan({ backend: 'cpu', indexUrl: 'https://download.pytorch.org/whl/cpu', machine: { notes: ['no GPU found'], warnings: machineWarnings } });
  plan.accelerator = 'none';
  plan.warnings.push(...warnings);
  return plan;
}

describe('GPU tools that did not answer', () => {
  it('raises each to a warning after the plan\'s own, saying it left the plan on the CPU', () => {
    expect(runWarnings(cpuPlan([HUNG], ['plan warning']))).toEqual(['plan warning', `A GPU tool did not answer (${HUNG}), so the cpu build was planned.`]);
    expect(runWarnings(cpuPlan(undefined))).toEqual([]);
  });

  it('still warns when the plan found a GPU another way, without blaming the plan on it', () => {
    const plan = testPlan({ backend: 'cu130', indexUrl: 'https://download.pytorch.org/whl/cu130', machine: { notes: [], warnings: [HUNG] } });
    plan.accelerator = 'nvidia';
    expect(runWarnings(plan)).toEqual([`A GPU tool did not answer (${HUNG}).`]);
  });

  it('gives require-gpu its reason', () => {
    expect(noGpuReason(cpuPlan([HUNG]))).toBe(`A GPU tool did not answer (${HUNG}).`);
    expect(noGpuReason(cpuPlan([HUNG], ['The driver is too old.']))).toBe(`The driver is too old. A GPU tool did not answer (${HUNG}).`);
    expect(noGpuReason(cpuPlan(undefined))).toBe('this machine has no GPU that a PyTorch build supports.');
  });

  it('fails require-gpu for a CUDA build planned for a GPU no driver answered for', () => {
    const blind = testPlan({ backend: 'cu126', indexUrl: 'https://download.pytorch.org/whl/cu126', machine: { gpus: [{ vendor: 'nvidia', name: 'NVIDIA GPU [10de:2330]' }], warnings: ["nvidia-smi --query-gpu failed (exit 9): NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver"] } });
    blind.accelerator = 'nvidia';
    blind.servedGpus = [0];
    expect(requireGpuFailure(blind)).toMatch(/^no NVIDIA driver answered, so the cu126 build was chosen without knowing .*couldn't communicate/);
    const seen = testPlan({ backend: 'cu126', indexUrl: 'https://download.pytorch.org/whl/cu126', machine: { gpus: [{ vendor: 'nvidia', name: 'NVIDIA H100', computeCapability: '9.0', driver: '580.65.06' }] } });
    seen.accelerator = 'nvidia';
    seen.servedGpus = [0];
    expect(requireGpuFailure(seen)).toBeUndefined();
    // Judged by the GPUs the build serves: a backend asked for that serves none of them fails.
    const none = testPlan({ backend: 'cu130', indexUrl: 'https://download.pytorch.org/whl/cu130', machine: { gpus: [{ vendor: 'nvidia', name: 'NVIDIA GeForce GTX 1080', computeCapability: '6.1', driver: '580.65.06' }] } });
    none.accelerator = 'nvidia';
    none.servedGpus = [];
    expect(requireGpuFailure(none)).toMatch(/^the cu130 build serves none of this machine's GPUs/);
    expect(requireGpuFailure(cpuPlan([HUNG]))).toBe(noGpuReason(cpuPlan([HUNG])));
  });

  it('judges require-gpu by the served GPUs of a mixed machine, from the real policy', () => {
    const mixed = planInstall(
      { os: 'linux', arch: 'x86_64', python: '3.12', notes: [], gpus: [{ vendor: 'nvidia', name: 'NVIDIA GeForce RTX 5090', computeCapability: '12.0', driver: '580.65.06', cuda: '13.0' }, { vendor: 'nvidia', name: 'NVIDIA GeForce GTX 1080 Ti', computeCapability: '6.1', driver: '580.65.06', cuda: '13.0' }] },
      { backend: 'auto', torchVersion: '', packages: [], indexBaseUrl: 'https://download.pytorch.org/whl', channel: 'stable', constraints: [] },
    );
    expect(mixed.servedGpus).toEqual([0]);
    expect(requireGpuFailure(mixed)).toBeUndefined();
  });
});
