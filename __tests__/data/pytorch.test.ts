import { describe, expect, it } from '@jest/globals';
import { XFORMERS, companionsKnown, releasePart, torchaudioFor, torchvisionFor } from '../../src/data/companions.js';
import { cudaArchList } from '../../src/data/cuda-arches.js';
import { xpuFamily } from '../../src/data/intel-gpus.js';
import { compatMinimumDriver, cudaOfDriver, lastDriverBranch, minimumDriverFor, nativeMinimumDriver } from '../../src/data/nvidia-drivers.js';
import { NEWEST_RELEASE, RELEASES, cudaOfVariant, freeThreadedFor, groupOfVersion, patchGroups, pypiDefaultFor, pythonsFor, releaseFacts, releaseLabel, variantsFor } from '../../src/data/pytorch.js';
import { AMD_INTEGRATED_GFX, anyRocmBuildTargets, hsaOverrideFor, isIntegratedGfx, rocmGfxList } from '../../src/data/rocm.js';

describe('release table', () => {
  it('runs 2.0 to 2.14 in order, one row each', () => {
    expect(RELEASES.map((r) => r.line)).toEqual(['2.0', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8', '2.9', '2.10', '2.11', '2.12', '2.13', '2.14']);
    expect(NEWEST_RELEASE).toBe('2.14');
  });

  it('lists the variants published per (release, os, arch)', () => {
    expect(variantsFor('2.14', 'linux', 'x86_64')).toEqual(['cpu', 'cu126', 'cu130', 'cu132', 'rocm7.2', 'rocm7.14', 'xpu']);
    expect(variantsFor('2.9', 'windows', 'x86_64')).not.toContain('cu129');
    expect(variantsFor('2.9', 'linux', 'x86_64')).toContain('cu129');
    expect(variantsFor('2.7', 'linux', 'aarch64')).toEqual(['cpu', 'cu128']);
    expect(variantsFor('2.4', 'linux', 'x86_64')).not.toContain('xpu');
    expect(variantsFor('2.2', 'macos', 'x86_64')).toEqual(['cpu']);
    expect(variantsFor('2.3', 'macos', 'x86_64')).toEqual([]);
    expect(variantsFor('2.14', 'macos', 'aarch64')).toContain('mps');
    expect(variantsFor('1.13', 'linux', 'x86_64')).toEqual([]);
  });

  it("knows PyPI's default build per platform: CUDA on Linux x86_64, on Linux aarch64 from 2.11 only, CPU on Windows", () => {
    const row = (line: string) => releaseFacts(line)!;
    expect(pypiDefaultFor(row('2.14'), 'linux', 'x86_64')).toBe('cu130');
    expect(pypiDefaultFor(row('2.5'), 'linux', 'x86_64')).toBe('cu124');
    expect(pypiDefaultFor(row('2.10'), 'linux', 'aarch64')).toBe('cpu');
    expect(pypiDefaultFor(row('2.11'), 'linux', 'aarch64')).toBe('cu130');
    expect(pypiDefaultFor(row('2.14'), 'windows', 'x86_64')).toBe('cpu');
    expect(pypiDefaultFor(row('2.14'), 'windows', 'aarch64')).toBe('cpu');
    expect(pypiDefaultFor(row('2.14'), 'macos', 'aarch64')).toBe('mps');
  });

  it('gives every CUDA variant of every release an arch list', () => {
    for (const r of RELEASES) {
      for (const [platform, variants] of [['linux-x86_64', r.cuda], ['windows-x86_64', r.cudaWindows], ['linux-aarch64', r.cudaAarch64]] as const) {
        for (const v of variants) expect([r.line, v, platform, cudaArchList(v, r.line, platform) !== null]).toEqual([r.line, v, platform, true]);
      }
    }
  });

  it('derives a newer release from the newest pattern, without cu126 from 2.15', () => {
    const f = releaseFacts('2.15');
    expect(f?.provisional).toBe(true);
    expect(f?.cuda).toEqual(['cu130', 'cu132']);
    expect(releaseFacts('1.13')).toBeNull();
  });

  it('knows the CUDA arch facts that decide old and new GPUs', () => {
    expect(cudaArchList('cu126', '2.14', 'linux-x86_64')?.ptx).toEqual([]);
    expect(cudaArchList('cu130', '2.14', 'linux-x86_64')?.sass).not.toContain('7.0');
    expect(cudaArchList('cu128', '2.9', 'linux-x86_64')?.sass).toContain('7.0');
    expect(cudaArchList('cu128', '2.11', 'linux-x86_64')?.sass).not.toContain('7.0');
    expect(cudaArchList('cu118', '2.7', 'windows-x86_64')?.sass).toContain('6.1');
    expect(cudaArchList('cu130', '2.14', 'linux-aarch64')?.sass).toContain('11.0');
    expect(cudaOfVariant('cu128')).toBe('12.8');
    expect(cudaOfVariant('rocm6.2')).toBeNull();
  });
});

describe('companions', () => {
  it('pairs torchvision and torchaudio, with the 2.0.x exceptions and no torchaudio from 2.12', () => {
    expect(torchvisionFor('2.5.1')).toBe('0.20.1');
    expect(torchvisionFor('2.14.1')).toBe('0.29.1');
    expect(torchvisionFor('2.0.0')).toBe('0.15.1');
    expect(torchvisionFor('2.0.1')).toBe('0.15.2');
    expect(torchaudioFor('2.0.1')).toBe('2.0.2');
    expect(torchaudioFor('2.11.0')).toBe('2.11.0');
    expect(torchaudioFor('2.12.0')).toBeNull();
    expect(torchvisionFor('2.14')).toBe('0.29.0');
  });

  it('pairs through the PEP 440 release part: post-releases and trailing zeros, never NaN', () => {
    expect(releasePart('2.5.1.post1')).toEqual([2, 5, 1]);
    expect(releasePart('2.9.0rc1')).toEqual([2, 9, 0]);
    expect(releasePart('2.5')).toEqual([2, 5, 0]);
    expect(releasePart('latest')).toBeNull();
    expect(torchvisionFor('2.5.1.post1')).toBe('0.20.1');
    expect(torchaudioFor('2.5.1.post1')).toBe('2.5.1');
    expect(torchvisionFor('2.5.1.0')).toBe('0.20.1');
    expect(torchaudioFor('2.5.1.0')).toBe('2.5.1');
    expect(torchvisionFor('2.0.1.post1')).toBe('0.15.2');
    expect(torchvisionFor('2.10.0a0')).toBe('0.25.0');
    expect(torchvisionFor('not a version')).toBeNull();
  });

  it('knows the companion scheme of torch 2.x only: no guessed torchvision for torch 3', () => {
    expect(companionsKnown('2.14.0')).toBe(true);
    expect(companionsKnown('3.0.0')).toBe(false);
    expect(torchvisionFor('3.0.0')).toBeNull();
    expect(torchvisionFor('3.0')).toBeNull();
    expect(torchaudioFor('3.0.0')).toBeNull();
  });

  it('records xformers pins, exact until 0.0.34 and a range from 0.0.35', () => {
    const of = (x: string): string | undefined => XFORMERS.find((e) => e.xformers === x)?.torch;
    expect(of('0.0.29.post1')).toBe('==2.5.1');
    expect(of('0.0.28.post2')).toBe('==2.5.0');
    expect(of('0.0.34')).toBe('==2.10.0');
    expect(of('0.0.35')).toBe('>=2.10');
  });
});

describe('NVIDIA drivers', () => {
  it('maps a driver to its branch CUDA version, Windows numbers included', () => {
    expect(cudaOfDriver('570.86.15')).toBe('12.8');
    expect(cudaOfDriver('550.54.15')).toBe('12.4');
    expect(cudaOfDriver('528.33')).toBe('12.0');
    expect(cudaOfDriver('581.57')).toBe('13.0');
    expect(cudaOfDriver('566.36')).toBe('12.7');
    expect(cudaOfDriver('390.157')).toBeNull();
    expect(cudaOfDriver('N/A')).toBeNull();
  });

  it('knows native and compatibility minimums per OS', () => {
    expect(nativeMinimumDriver('13.0')).toBe('580');
    expect(compatMinimumDriver('12.6', 'linux')).toBe('525.60.13');
    expect(compatMinimumDriver('12.6', 'windows')).toBe('528.33');
    expect(compatMinimumDriver('11.8', 'linux')).toBe('450.80.02');
    expect(minimumDriverFor('13.0', 'linux')).toBe('580');
    expect(minimumDriverFor('12.8', 'linux')).toBe('525.60.13');
  });
});

describe('AMD and Intel', () => {
  it('lists gfx targets per ROCm variant', () => {
    expect(rocmGfxList('rocm6.2', '2.5')).not.toContain('gfx1101');
    expect(rocmGfxList('rocm7.1', '2.11')).toContain('gfx950');
    expect(rocmGfxList('rocm7.2', '2.11')).toContain('gfx1151');
    expect(rocmGfxList('rocm5.4.2', '2.0')).not.toContain('gfx1100');
    expect(rocmGfxList('rocm5.6', '2.1')).toContain('gfx1100');
    expect(hsaOverrideFor('gfx1032')?.override).toBe('10.3.0');
    expect(hsaOverrideFor('gfx1102')?.override).toBe('11.0.0');
    expect(hsaOverrideFor('gfx942')).toBeNull();
  });

  it('knows AMD integrated GPUs, and which of them some ROCm build targets', () => {
    expect(isIntegratedGfx('gfx1036')).toBe(true);
    expect(isIntegratedGfx('gfx90c')).toBe(true);
    expect(isIntegratedGfx('gfx1100')).toBe(false);
    expect(isIntegratedGfx('gfx942')).toBe(false);
    expect(anyRocmBuildTargets('gfx1036')).toBe(false);
    // gfx1103 (Radeon 760M/780M) is in the ROCm builds from torch 2.13 (#179653).
    expect(anyRocmBuildTargets('gfx1103')).toBe(true);
    expect(anyRocmBuildTargets('gfx1151')).toBe(true);
    expect(anyRocmBuildTargets('gfx1100')).toBe(true);
    // Only Phoenix (gfx1103, from 2.13) and Strix Point/Halo are targeted: the rest never block a discrete card.
    expect(AMD_INTEGRATED_GFX.filter(anyRocmBuildTargets)).toEqual(['gfx1103', 'gfx1150', 'gfx1151']);
  });

  it('tells XPU-capable Intel GPUs from older integrated graphics', () => {
    expect(xpuFamily({ name: 'Intel(R) Arc(TM) A770 Graphics', deviceId: '0x56a0' })?.family).toMatch(/Alchemist/);
    expect(xpuFamily({ name: 'Intel(R) Arc(TM) A770 Graphics' })?.family).toMatch(/Alchemist/);
    expect(xpuFamily({ name: 'Intel(R) Graphics', deviceId: '0x7d51' })?.family).toMatch(/Arrow Lake/);
    expect(xpuFamily({ name: 'Intel(R) Data Center GPU Max 1100' })?.family).toMatch(/Max/);
    expect(xpuFamily({ name: 'Intel(R) UHD Graphics 770', deviceId: '0x4680' })).toBeNull();
    expect(xpuFamily({ name: 'Intel(R) Iris(R) Xe Graphics', deviceId: '0x9a49' })).toBeNull();
  });
});

describe('the corrections of 2026-12-01', () => {
  it('keeps 2.12.0 and 2.12.1 apart: cu129 and 3.13t per patch version', () => {
    const line = releaseFacts('2.12')!;
    const groups = patchGroups(line);
    expect(groups.map((g) => g.versions)).toEqual([['2.12.0'], ['2.12.1']]);
    expect(groupOfVersion(line, '2.12.0').freeThreaded).toContain('3.13');
    expect(groupOfVersion(line, '2.12.1').freeThreaded).not.toContain('3.13');
    expect(variantsFor('2.12.0', 'linux', 'x86_64')).not.toContain('cu129');
    expect(variantsFor('2.12.1', 'linux', 'x86_64')).toContain('cu129');
    expect(variantsFor('2.12.1', 'linux', 'aarch64')).toContain('cu129');
    // An unknown later patch takes the newest group's pattern; the line lists every build of any patch.
    expect(variantsFor('2.12.2', 'linux', 'x86_64')).toContain('cu129');
    expect(variantsFor('2.12', 'linux', 'x86_64')).toEqual(['cpu', 'cu126', 'cu129', 'cu130', 'cu132', 'rocm7.1', 'rocm7.2', 'xpu']);
    expect(releaseLabel(groupOfVersion(line, '2.12.1'))).toBe('2.12.1');
  });

  it('has the aarch64, Windows on Arm and Python 3.15 facts', () => {
    expect(variantsFor('2.5', 'linux', 'aarch64')).toEqual(['cpu', 'cu124']);
    expect(variantsFor('2.6', 'linux', 'aarch64')).toEqual(['cpu', 'cu126']);
    expect(variantsFor('2.8', 'linux', 'aarch64')).toEqual(['cpu', 'cu129']);
    expect(variantsFor('2.13', 'linux', 'x86_64')).toContain('cu129');
    expect(variantsFor('2.14', 'linux', 'x86_64')).not.toContain('cu129');
    expect(pythonsFor(releaseFacts('2.14')!, 'windows', 'aarch64')).toEqual(['3.11', '3.12', '3.13']);
    expect(freeThreadedFor(releaseFacts('2.14')!, 'windows', 'aarch64')).toEqual([]);
    expect(pythonsFor(releaseFacts('2.13')!, 'linux', 'x86_64')).toContain('3.15');
    expect(pythonsFor(releaseFacts('2.13')!, 'windows', 'x86_64')).not.toContain('3.15');
    expect(freeThreadedFor(releaseFacts('2.10')!, 'linux', 'x86_64')).toEqual(['3.13', '3.14']);
  });

  it('has PTX in cu130/cu132 only where the release wheels ship it, Linux only; no sm_70 in 2.11 cu129', () => {
    expect(cudaArchList('cu130', '2.10', 'linux-x86_64')?.ptx).toEqual(['12.0']);
    expect(cudaArchList('cu130', '2.11', 'linux-x86_64')?.ptx).toEqual([]);
    expect(cudaArchList('cu132', '2.12', 'linux-x86_64')?.ptx).toEqual([]);
    expect(cudaArchList('cu130', '2.13', 'linux-x86_64')?.ptx).toEqual(['12.0']);
    expect(cudaArchList('cu130', '2.14', 'linux-x86_64')?.ptx).toEqual([]);
    expect(cudaArchList('cu130', '2.13', 'windows-x86_64')?.ptx).toEqual([]);
    expect(cudaArchList('cu129', '2.11', 'linux-x86_64')?.sass).not.toContain('7.0');
    expect(cudaArchList('cu129', '2.10', 'linux-x86_64')?.sass).toContain('7.0');
    expect(cudaArchList('cu129', '2.13', 'linux-x86_64')?.unconfirmed).toMatch(/not checked/);
    expect(cudaArchList('cu129', '2.8', 'linux-aarch64')?.sass).toContain('9.0');
  });

  it('has the ROCm lists per release and the driver facts', () => {
    expect(rocmGfxList('rocm7.14', '2.14')).not.toContain('gfx906');
    expect(rocmGfxList('rocm7.14', '2.14')).toContain('gfx1103');
    expect(rocmGfxList('rocm7.2', '2.14')).toContain('gfx906');
    expect(rocmGfxList('rocm7.2', '2.12')).not.toContain('gfx1103');
    expect(rocmGfxList('rocm7.0', '2.10')).toContain('gfx1151');
    expect(rocmGfxList('rocm6.4', '2.9')).not.toContain('gfx950');
    expect(rocmGfxList('rocm6.2', '2.5')).not.toContain('gfx1101');
    expect(rocmGfxList('rocm6.1', '2.6')).toContain('gfx1101');
    expect(rocmGfxList('rocm6.1', '2.6')).not.toContain('gfx1200');
    expect(rocmGfxList('rocm6.2.4', '2.7')).toContain('gfx1201');
    expect(cudaOfDriver('620.70.06')).toBe('13.5');
    expect(cudaOfDriver('610.43.02')).toBe('13.3');
    expect(lastDriverBranch('3.7')).toBe(470);
    expect(lastDriverBranch('6.1')).toBe(580);
    expect(lastDriverBranch('7.5')).toBeNull();
  });
});
