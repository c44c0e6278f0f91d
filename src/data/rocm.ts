/**
 * AMD gfx targets compiled into each ROCm variant. A ROCm build runs only on
 * these (no PTX-like fallback). Sources: [UV] astral-sh/uv
 * crates/uv-torch/src/backend.rs and [BLD], measured with
 * torch.cuda.get_arch_list(), via ../shared/reference/pytorch-wheels.md.
 */
import { compare } from '@renovatebot/pep440';
import { RELEASES, compareLines, rocmOfVariant } from './pytorch.js';

const ROCM5 = ['gfx900', 'gfx906', 'gfx908', 'gfx90a', 'gfx1030'];
const ROCM60 = ['gfx900', 'gfx906', 'gfx908', 'gfx90a', 'gfx942', 'gfx1030', 'gfx1100'];
const ROCM64 = [...ROCM60, 'gfx1101', 'gfx1102', 'gfx1200', 'gfx1201'];
const ROCM71 = [...ROCM64, 'gfx950'];
const ROCM72 = [...ROCM71, 'gfx1150', 'gfx1151'];

const BY_VARIANT: Readonly<Record<string, readonly string[]>> = {
  'rocm6.0': ROCM60,
  'rocm6.1': [...ROCM60, 'gfx1101'],
  'rocm6.2': ROCM60,
  'rocm6.2.4': ROCM64,
  'rocm6.3': ROCM64,
  'rocm6.4': ROCM64,
  'rocm7.0': ROCM71,
  'rocm7.1': ROCM71,
  'rocm7.2': ROCM72,
  // Not measured (2.14); expected to include everything rocm7.2 does [reference].
  'rocm7.14': ROCM72,
};

/** The gfx list of a ROCm variant of a release; null when the data has none. */
export function rocmGfxList(variant: string, line: string): readonly string[] | null {
  const known = BY_VARIANT[variant];
  if (known) return known;
  const rocm = rocmOfVariant(variant);
  if (rocm === null) return null;
  if (rocm.startsWith('5.')) {
    // rocm5.x (2.0-2.3): gfx1100 from 2.1 on.
    return compareLines(line, '2.1') >= 0 ? [...ROCM5, 'gfx1100'] : ROCM5;
  }
  // A ROCm newer than the table: assume it keeps the newest list.
  return compare(rocm, '7.14') > 0 ? ROCM72 : null;
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
