/**
 * AMD gfx targets compiled into each ROCm build. A ROCm build runs only on these
 * (no PTX-like fallback). The list depends on the torch release as well as the ROCm
 * version, so it is kept per release. Sources (keys of
 * ../shared/reference/pytorch-wheels.md): [BLD] pytorch/builder, [CI] pytorch/pytorch
 * .ci/docker/manywheel/build.sh, [PR] #141667 (gfx1101, 2.6), #147761 and #148562
 * (gfx1102, gfx1200, gfx1201, 2.7), #167299 (gfx950, gfx1150, gfx1151, 2.10), #179653
 * (gfx1103, 2.13), ROCm/pytorch#3518 (rocm7.14, TheRock's list: no gfx900/gfx906).
 * [UV]'s measured table does not tell releases apart, so it is not used for lists.
 */
import { compare } from '@renovatebot/pep440';
import { RELEASES, compareLines, rocmOfVariant } from './pytorch.js';

const ROCM_20 = ['gfx900', 'gfx906', 'gfx908', 'gfx90a', 'gfx1030'];
const ROCM_21 = [...ROCM_20, 'gfx1100'];
const ROCM_60 = [...ROCM_21, 'gfx942'];
const ROCM_26 = [...ROCM_60, 'gfx1101'];
const ROCM_27 = [...ROCM_26, 'gfx1102', 'gfx1200', 'gfx1201'];
const ROCM_210 = [...ROCM_27, 'gfx950', 'gfx1150', 'gfx1151'];
const ROCM_213 = [...ROCM_210, 'gfx1103'];
/** rocm7.14 (2.14) is built through TheRock with the common list: no gfx900, no gfx906 [CI, ROCm/pytorch#3518]. */
const THEROCK = ROCM_213.filter((g) => g !== 'gfx900' && g !== 'gfx906');

/** Per release, from the line on: the gfx list of its legacy (non-TheRock) ROCm builds. */
const BY_RELEASE: readonly (readonly [from: string, list: readonly string[]])[] = [
  ['2.0', ROCM_20],
  ['2.1', ROCM_21],
  ['2.4', ROCM_60],
  ['2.6', ROCM_26],
  ['2.7', ROCM_27],
  ['2.10', ROCM_210],
  ['2.13', ROCM_213],
];

/** The gfx list of a ROCm variant of a release; null when the data has none. */
export function rocmGfxList(variant: string, line: string): readonly string[] | null {
  const rocm = rocmOfVariant(variant);
  if (rocm === null) return null;
  if (compareLines(line, '2.0') < 0) return null;
  // TheRock builds (ROCm 7.14 and newer): the common list.
  if (compare(rocm, '7.14') >= 0) return THEROCK;
  // 2.3's rocm6.0 already had gfx942 (the 6.x list), its rocm5.7 not.
  if (line === '2.3' && rocm.startsWith('6.')) return ROCM_60;
  let list: readonly string[] = ROCM_20;
  for (const [from, l] of BY_RELEASE) if (compareLines(line, from) >= 0) list = l;
  return list;
}

/**
 * unconfirmed [3P]: gfx906 fails at run time with the rocm6.4+ and 7.x wheels (rocBLAS
 * Tensile library, ROCm/TheRock#1844; unslothai/unsloth#7354). Not used to decide; said
 * in a warning when such a build is planned for gfx906.
 */
export function unconfirmedGfxTrouble(gfx: string, variant: string): string | null {
  const rocm = rocmOfVariant(variant);
  if (gfx !== 'gfx906' || rocm === null || compare(rocm, '6.4') < 0) return null;
  return `unconfirmed reports (ROCm/TheRock#1844) say gfx906 fails at run time with the rocm6.4 and newer wheels (rocBLAS); if it does, torch-version 2.9 with backend rocm6.3 is the last build reported to work`;
}

/**
 * HSA_OVERRIDE_GFX_VERSION commonly used to run a near-miss gfx on the nearest
 * supported one (gfx1031/1032/1034 -> 10.3.0, gfx110x -> 11.0.0). A hint only,
 * never applied.
 */
export function hsaOverrideFor(gfx: string): { override: string; runsAs: string } | null {
  if (/^gfx103[1-6]$/.test(gfx)) return { override: '10.3.0', runsAs: 'gfx1030' };
  if (/^gfx110[1-3]$/.test(gfx)) return { override: '11.0.0', runsAs: 'gfx1100' };
  return null;
}

/**
 * gfx targets of AMD integrated GPUs (APUs), which rocminfo lists beside a
 * discrete card (a Ryzen 7000/9000 desktop's "AMD Radeon Graphics" is gfx1036).
 * Source: LLVM docs/AMDGPUUsage.rst, "AMDGPU Processors" table, the "dGPU/APU"
 * column (gfx700 gfx703 gfx705 gfx801 gfx810 gfx902 gfx909 gfx90c gfx1013 gfx1033
 * gfx1035 gfx1036 gfx1103 gfx1150 gfx1151 gfx1152 gfx1210). gfx1037 (Mendocino,
 * GC 10.3.7) is not in that table; the amdgpu kernel driver reports it for the
 * Ryzen 7020 iGPU, so it is listed too.
 */
export const AMD_INTEGRATED_GFX: readonly string[] = [
  'gfx700', 'gfx703', 'gfx705', 'gfx801', 'gfx810', 'gfx902', 'gfx909', 'gfx90c', 'gfx1013', 'gfx1033',
  'gfx1035', 'gfx1036', 'gfx1037', 'gfx1103', 'gfx1150', 'gfx1151', 'gfx1152', 'gfx1210',
];

export function isIntegratedGfx(gfx: string): boolean {
  return AMD_INTEGRATED_GFX.includes(gfx.trim().toLowerCase());
}

/** Whether any ROCm build of any release in the data lists the gfx target. */
export function anyRocmBuildTargets(gfx: string): boolean {
  return RELEASES.some((r) => r.rocm.some((v) => rocmGfxList(v, r.line)?.includes(gfx) === true));
}
