import { describe, expect, it } from '@jest/globals';
import { TEGRA_CAPABILITIES, tegraBoard } from '../../src/data/jetson.js';
import { cudaArchList } from '../../src/data/cuda-arches.js';

describe('Jetson (Tegra) GPUs', () => {
  it('knows the Tegra-only compute capabilities, by board', () => {
    expect(tegraBoard({ vendor: 'nvidia', name: 'NVIDIA Jetson AGX Orin Developer Kit', computeCapability: '8.7' })).toBe('Jetson Orin');
    expect(tegraBoard({ vendor: 'nvidia', name: 'Xavier', computeCapability: '7.2' })).toBe('Jetson Xavier');
    expect(tegraBoard({ vendor: 'nvidia', name: 'TX2', computeCapability: '6.2' })).toBe('Jetson TX2');
  });

  it('goes by the name only when the capability is unknown', () => {
    expect(tegraBoard({ vendor: 'nvidia', name: 'NVIDIA Jetson Xavier NX Developer Kit' })).toBe('Jetson');
    expect(tegraBoard({ vendor: 'nvidia', name: 'NVIDIA Orin Nano' })).toBe('Jetson');
    // A capability that is not Tegra's wins over a Jetson-like name.
    expect(tegraBoard({ vendor: 'nvidia', name: 'Jetson lab rig: RTX 4090', computeCapability: '8.9' })).toBeNull();
  });

  it('leaves out Thor (11.0): the CUDA 13 sbsa builds list it', () => {
    expect(tegraBoard({ vendor: 'nvidia', name: 'NVIDIA Jetson AGX Thor Developer Kit', computeCapability: '11.0' })).toBeNull();
    expect(tegraBoard({ vendor: 'nvidia', name: 'NVIDIA Jetson AGX Thor Developer Kit' })).toBeNull();
    expect(tegraBoard({ vendor: 'nvidia', name: 'Jetson T5000' })).toBeNull();
    expect(cudaArchList('cu130', '2.14', 'linux-aarch64')?.sass).toContain('11.0');
  });

  it('does not flag data-centre and desktop GPUs', () => {
    for (const cc of ['8.0', '8.6', '9.0', '10.0', '12.0', '12.1']) expect(tegraBoard({ vendor: 'nvidia', name: 'NVIDIA GPU', computeCapability: cc })).toBeNull();
    expect(TEGRA_CAPABILITIES.map((t) => t.capability)).toEqual(['3.2', '5.3', '6.2', '7.2', '8.7']);
  });
});
