import { describe, expect, it } from '@jest/globals';
import { gpuProbeTroubles, noGpuReason, runWarnings } from '../../src/report/probe-trouble.js';
import { testPlan } from '../helpers/plan.js';

const HUNG = 'nvidia-smi --query-gpu timed out after 1.4 s and was killed: driver hung?';
const NO_DRIVER = "nvidia-smi --query-gpu: nvidia-smi couldn't communicate with the NVIDIA driver (exit 9): is the driver installed and loaded?";
const ABSENT = 'nvidia-smi not found on PATH or at /usr/lib/wsl/lib/nvidia-smi';

function cpuPlan(notes: string[], warnings: string[] = []) {
  const plan = testPlan({ backend: 'cpu', indexUrl: 'https://download.pytorch.org/whl/cpu', machine: { notes } });
  plan.warnings.push(...warnings);
  return plan;
}

describe('GPU tools that did not answer', () => {
  it('counts a hung, failing or driverless GPU tool, not an absent one nor the Python probe', () => {
    const notes = [ABSENT, HUNG, NO_DRIVER, 'rocminfo failed (exit 1): ROCk module is NOT loaded', 'python3 -c <version> timed out after 0.5 s and was killed', 'no GPU found'];
    expect(gpuProbeTroubles(cpuPlan(notes))).toEqual([HUNG, NO_DRIVER, 'rocminfo failed (exit 1): ROCk module is NOT loaded']);
  });

  it('says nothing when the plan uses a GPU anyway', () => {
    const plan = testPlan({ backend: 'cu130', indexUrl: 'https://download.pytorch.org/whl/cu130', machine: { notes: [HUNG] } });
    expect(gpuProbeTroubles(plan)).toEqual([]);
    expect(runWarnings(plan)).toEqual([]);
  });

  it('raises each to a warning after the plan\'s own', () => {
    expect(runWarnings(cpuPlan([HUNG], ['plan warning']))).toEqual(['plan warning', `A GPU tool did not answer (${HUNG}), so the cpu build was planned.`]);
    expect(runWarnings(cpuPlan([ABSENT]))).toEqual([]);
  });

  it('gives require-gpu its reason', () => {
    expect(noGpuReason(cpuPlan([HUNG]))).toBe(`A GPU tool did not answer (${HUNG}).`);
    expect(noGpuReason(cpuPlan([HUNG], ['The driver is too old.']))).toBe(`The driver is too old. A GPU tool did not answer (${HUNG}).`);
    expect(noGpuReason(cpuPlan([ABSENT]))).toBe('this machine has no GPU that a PyTorch build supports.');
  });
});
