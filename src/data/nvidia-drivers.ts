/**
 * NVIDIA driver facts. Sources: [NV] CUDA release notes, Table 2 (minor-version
 * compatibility) and docs.nvidia.com "Supported Drivers and CUDA Toolkit
 * Versions"; [UV] astral-sh/uv crates/uv-torch/src/backend.rs; via
 * ../shared/reference/pytorch-wheels.md.
 */
import { compare, valid } from '@renovatebot/pep440';
import type { Os } from '../machine.js';

/**
 * Driver branch -> the CUDA version it runs natively (what nvidia-smi prints as
 * "CUDA Version"). Windows driver numbers differ (528.33, 552.x, 581.x) but the
 * largest branch at or below the driver's major maps the same way.
 */
export const DRIVER_BRANCHES: readonly (readonly [branch: number, cuda: string])[] = [
  [418, '10.1'], [440, '10.2'], [450, '11.0'], [455, '11.1'], [460, '11.2'], [465, '11.3'],
  [470, '11.4'], [495, '11.5'], [510, '11.6'], [515, '11.7'], [520, '11.8'], [525, '12.0'],
  [530, '12.1'], [535, '12.2'], [545, '12.3'], [550, '12.4'], [555, '12.5'], [560, '12.6'],
  [565, '12.7'], [570, '12.8'], [575, '12.9'], [580, '13.0'], [590, '13.1'], [595, '13.2'],
  // R610 -> 13.3, R615 -> 13.4 (C2) [3P, #196560]; R620 -> 13.5 [NV: redistrib_620.70.06.json].
  [610, '13.3'], [615, '13.4'], [620, '13.5'],
];

/**
 * The last driver branch NVIDIA ships for an architecture [NV architecture matrix]:
 * Kepler R470; Maxwell, Pascal and Volta R580. Newer architectures: still supported (null).
 * A driver update beyond these is impossible, so no message may advise one.
 */
export function lastDriverBranch(capability: string): number | null {
  const [major, minor] = capability.split('.').map(Number);
  if (major === 3) return 470;
  if (major === 5 || major === 6 || (major === 7 && minor < 5)) return 580;
  return null;
}

/** The CUDA version a branch runs natively ("11.4" for 470). */
export function cudaOfBranch(branch: number): string | null {
  return cudaOfDriver(String(branch));
}

/**
 * Minimum driver that runs any X.* build through minor-version compatibility
 * (a limited feature set: no JIT of PTX newer than the driver knows).
 * 11.x means 11.1+ (11.0 had no compatibility guarantee).
 */
export const COMPAT_MINIMUM: Readonly<Record<number, Readonly<Record<Exclude<Os, 'macos'>, string>>>> = {
  13: { linux: '580', windows: '580' }, // GA drivers: 13.0 580.65.06, 13.1 590.44.01, 13.2 595.45.04
  12: { linux: '525.60.13', windows: '528.33' },
  11: { linux: '450.80.02', windows: '452.39' },
};

/** A driver version normalised for comparison, or null when it is not one ("N/A"). */
export function parseDriver(driver: string | undefined): string | null {
  if (!driver) return null;
  const m = /^\s*(\d+)(\.\d+){0,3}/.exec(driver);
  return m ? valid(m[0].trim()) : null;
}

export function compareDrivers(a: string, b: string): number {
  return compare(a, b);
}

/** The CUDA version a driver runs natively, from its branch; null before R418 or when unparsable. */
export function cudaOfDriver(driver: string): string | null {
  const parsed = parseDriver(driver);
  if (!parsed) return null;
  const major = Number(parsed.split('.')[0]);
  let found: string | null = null;
  for (const [branch, cuda] of DRIVER_BRANCHES) if (branch <= major) found = cuda;
  return found;
}

/** The first branch that runs CUDA X.Y natively ("570" for 12.8); null beyond the table. */
export function nativeMinimumDriver(cuda: string): string | null {
  const hit = DRIVER_BRANCHES.find(([, c]) => compare(c, cuda) >= 0);
  return hit ? String(hit[0]) : null;
}

/** The minor-version-compatibility minimum for a CUDA version's major on an OS; null when none. */
export function compatMinimumDriver(cuda: string, os: Os): string | null {
  if (os === 'macos') return null;
  const major = Number(cuda.split('.')[0]);
  if (major === 11 && compare(cuda, '11.1') < 0) return null;
  return COMPAT_MINIMUM[major]?.[os] ?? null;
}

/** The lowest driver that runs a CUDA X.Y build at all (natively or through compatibility). */
export function minimumDriverFor(cuda: string, os: Os): string | null {
  const options = [nativeMinimumDriver(cuda), compatMinimumDriver(cuda, os)].filter((d): d is string => d !== null);
  if (options.length === 0) return null;
  return options.sort(compareDrivers)[0];
}

/** Architecture names by compute capability, for messages. */
export function nvidiaArchName(capability: string): string {
  const [major, minor] = capability.split('.').map(Number);
  if (major <= 2) return 'Fermi';
  if (major === 3) return 'Kepler';
  if (major === 5) return 'Maxwell';
  if (major === 6) return 'Pascal';
  if (major === 7) return minor >= 5 ? 'Turing' : 'Volta';
  if (major === 8) return minor === 9 ? 'Ada' : 'Ampere';
  if (major === 9) return 'Hopper';
  if (major >= 10 && major <= 12) return 'Blackwell';
  return `compute capability ${capability}`;
}
