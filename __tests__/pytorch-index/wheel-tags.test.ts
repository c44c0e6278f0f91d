import { describe, expect, it } from '@jest/globals';
import { parseWheelName } from '../../src/pytorch-index/wheel-name.js';
import { platformOfTag, pythonsOf, wheelFits } from '../../src/pytorch-index/wheel-tags.js';

const wheel = (name: string) => {
  const w = parseWheelName(name);
  if (!w) throw new Error(`not a wheel: ${name}`);
  return w;
};

describe('platformOfTag', () => {
  it('maps the platform tags PyTorch publishes', () => {
    expect(platformOfTag('manylinux_2_28_x86_64')).toEqual({ platform: 'linux-x86_64', minimum: '2.28' });
    expect(platformOfTag('manylinux2014_aarch64')).toEqual({ platform: 'linux-aarch64', minimum: '2.17' });
    expect(platformOfTag('linux_aarch64')).toEqual({ platform: 'linux-aarch64' });
    expect(platformOfTag('win_amd64')).toEqual({ platform: 'windows-x86_64' });
    expect(platformOfTag('win_arm64')).toEqual({ platform: 'windows-aarch64' });
    expect(platformOfTag('macosx_14_0_arm64')).toEqual({ platform: 'macos-aarch64', minimum: '14.0' });
    expect(platformOfTag('macosx_10_9_x86_64')).toEqual({ platform: 'macos-x86_64', minimum: '10.9' });
  });
  it('matches nothing PyTorch does not publish for', () => {
    for (const t of ['musllinux_1_2_x86_64', 'manylinux_2_28_ppc64le', 'win32', 'any', 'linux_i686']) expect(platformOfTag(t)).toBeNull();
  });
});

describe('pythonsOf', () => {
  it('tells GIL and free-threaded builds apart', () => {
    expect(pythonsOf(wheel('torch-2.9.1-cp313-cp313-manylinux_2_28_x86_64.whl'))).toEqual(['3.13']);
    expect(pythonsOf(wheel('torch-2.9.1-cp313-cp313t-manylinux_2_28_x86_64.whl'))).toEqual(['3.13t']);
  });
  it('expands abi3 and pure-Python wheels', () => {
    expect(pythonsOf(wheel('x-1.0-cp39-abi3-win_amd64.whl'), '3.11')).toEqual(['3.9', '3.10', '3.11']);
    expect(pythonsOf(wheel('x-1.0-py3-none-any.whl'), '3.13')).toContain('3.13t');
  });
});

describe('wheelFits', () => {
  it('needs both the platform and the Python', () => {
    const w = wheel('torch-2.14.1+cpu-cp312-cp312-manylinux_2_28_aarch64.whl');
    expect(wheelFits(w, 'linux-aarch64', '3.12')).toEqual({ fits: true, minimum: '2.28' });
    expect(wheelFits(w, 'linux-x86_64', '3.12').fits).toBe(false);
    expect(wheelFits(w, 'linux-aarch64', '3.13').fits).toBe(false);
  });
  it('takes the least demanding of several tags, and universal2 for both Mac arches', () => {
    const w = wheel('x-1.0-cp312-cp312-manylinux_2_28_x86_64.manylinux2014_x86_64.whl');
    expect(wheelFits(w, 'linux-x86_64', '3.12').minimum).toBe('2.17');
    const u = wheel('x-1.0-cp312-cp312-macosx_11_0_universal2.whl');
    expect(wheelFits(u, 'macos-aarch64', '3.12')).toEqual({ fits: true, minimum: '11.0' });
    expect(wheelFits(u, 'macos-x86_64', '3.12').fits).toBe(true);
  });
});
