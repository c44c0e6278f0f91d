import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { computeCapabilityFromName } from '../../src/detect/nvidia-names.js';

// Names as nvidia-smi and /proc/driver/nvidia/gpus/*/information print them; values from
// NVIDIA's CUDA GPUs list (developer.nvidia.com/cuda-gpus and /cuda-legacy-gpus).
const CASES: [string, string][] = [
  ['Tesla K80', '3.7'],
  // Kepler Teslas as nvidia-smi prints them, with their suffixes.
  ['Tesla K40m', '3.5'],
  ['Tesla K40c', '3.5'],
  ['Tesla K20Xm', '3.5'],
  ['Tesla K20c', '3.5'],
  ['Tesla K10.G2.8GB', '3.0'],
  ['NVIDIA GeForce GTX 1080 Ti', '6.1'],
  ['NVIDIA GeForce GT 1030', '6.1'],
  ['Tesla M60', '5.2'],
  ['Tesla M40 24GB', '5.2'],
  ['NVIDIA GeForce GTX TITAN X', '5.2'],
  ['Tesla P100-PCIE-16GB', '6.0'],
  ['Tesla P40', '6.1'],
  ['Tesla P4', '6.1'],
  ['NVIDIA GeForce GTX 1080 Ti', '6.1'],
  ['NVIDIA TITAN Xp', '6.1'],
  ['NVIDIA TITAN X (Pascal)', '6.1'],
  ['Quadro P4000', '6.1'],
  ['Tesla V100-SXM2-16GB', '7.0'],
  ['Tesla V100S-PCIE-32GB', '7.0'],
  ['NVIDIA TITAN V', '7.0'],
  ['Tesla T4', '7.5'],
  ['NVIDIA GeForce RTX 2080 Ti', '7.5'],
  ['NVIDIA GeForce GTX 1660 SUPER', '7.5'],
  ['Quadro RTX 6000', '7.5'],
  ['NVIDIA TITAN RTX', '7.5'],
  ['NVIDIA T1000 8GB', '7.5'],
  ['NVIDIA A100-SXM4-80GB', '8.0'],
  ['NVIDIA A100 80GB PCIe', '8.0'],
  ['NVIDIA A30', '8.0'],
  ['NVIDIA A10', '8.6'],
  ['NVIDIA A10G', '8.6'],
  ['NVIDIA A16', '8.6'],
  ['NVIDIA A40', '8.6'],
  ['NVIDIA A2', '8.6'],
  ['NVIDIA GeForce RTX 3090', '8.6'],
  ['NVIDIA GeForce RTX 3050 Ti Laptop GPU', '8.6'],
  ['NVIDIA RTX A6000', '8.6'],
  ['NVIDIA RTX A2000 12GB', '8.6'],
  ['NVIDIA L4', '8.9'],
  ['NVIDIA L40', '8.9'],
  ['NVIDIA L40S', '8.9'],
  ['NVIDIA GeForce RTX 4090', '8.9'],
  ['NVIDIA RTX 6000 Ada Generation', '8.9'],
  ['NVIDIA RTX 4000 SFF Ada Generation', '8.9'],
  ['NVIDIA H100 80GB HBM3', '9.0'],
  ['NVIDIA H100 PCIe', '9.0'],
  ['NVIDIA H200', '9.0'],
  ['NVIDIA H800', '9.0'],
  ['NVIDIA GH200 480GB', '9.0'],
  ['NVIDIA B200', '10.0'],
  ['NVIDIA GB200', '10.0'],
  ['NVIDIA B300 SXM6 AC', '10.3'],
  ['NVIDIA GB300', '10.3'],
  ['NVIDIA GeForce RTX 5090', '12.0'],
  ['NVIDIA RTX PRO 6000 Blackwell Workstation Edition', '12.0'],
  ['NVIDIA RTX PRO 6000 Blackwell Server Edition', '12.0'],
  ['NVIDIA GB10', '12.1'],
  ['NVIDIA Jetson AGX Orin Developer Kit', '8.7'],
  ['Jetson AGX Xavier', '7.2'],
];

describe('computeCapabilityFromName', () => {
  it.each(CASES)('%s -> %s', (name, capability) => {
    expect(computeCapabilityFromName(name)).toBe(capability);
  });

  it('tells apart generations that share a model number', () => {
    expect(computeCapabilityFromName('Quadro RTX 6000')).toBe('7.5');
    expect(computeCapabilityFromName('NVIDIA RTX A6000')).toBe('8.6');
    expect(computeCapabilityFromName('NVIDIA RTX 6000 Ada Generation')).toBe('8.9');
    expect(computeCapabilityFromName('NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition')).toBe('12.0');
  });

  it('ignores case and extra spaces', () => {
    expect(computeCapabilityFromName('  nvidia   geforce rtx 4090 ')).toBe('8.9');
  });

  it('does not guess for unknown names', () => {
    for (const name of ['NVIDIA Frobnicator X1', 'NVIDIA Unreleased GPU', 'GPU', '', 'NVIDIA A1000000', 'Intel(R) Arc(TM) A770 Graphics']) {
      expect(computeCapabilityFromName(name)).toBeUndefined();
    }
  });

  it('never throws and answers only "N.N"', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (name) => {
      const cc = computeCapabilityFromName(name);
      if (cc !== undefined) expect(cc).toMatch(/^\d{1,2}\.\d$/);
    }), { numRuns: 1000 });
  });
});
