/**
 * The machine a project's requirements are read for, and the PEP 508 marker
 * values that machine has. Markers are evaluated for the target, not for the
 * machine torchcraft runs on: a plan may be made for another machine.
 */
import type { Arch, Os } from '../machine.js';

export interface TargetEnvironment {
  os: Os;
  arch: Arch;
  /** "3.12" (or "3.12.4"); absent when unknown: markers that read it count as true, with a note. */
  python?: string;
}

/** The marker variables PEP 508 defines (with the legacy dotted spellings packaging still accepts, mapped in markers.ts). */
export const MARKER_VARIABLES = [
  'python_version',
  'python_full_version',
  'os_name',
  'sys_platform',
  'platform_release',
  'platform_system',
  'platform_version',
  'platform_machine',
  'platform_python_implementation',
  'implementation_name',
  'implementation_version',
  'extra',
] as const;
export type MarkerVariable = (typeof MARKER_VARIABLES)[number];

/**
 * Values of the marker variables on the target. A variable that is absent is
 * unknown there (the kernel release, or the Python when none was given).
 * `extra` is not here: it depends on the extras requested, see markers.ts.
 */
export type MarkerValues = Partial<Record<Exclude<MarkerVariable, 'extra'>, string>>;

// What CPython reports on each OS: sys.platform, platform.system(), os.name,
// and platform.machine(), which differs per OS for the same CPU
// (Windows says AMD64/ARM64, macOS arm64, Linux aarch64).
const PER_OS: Record<Os, { sys_platform: string; platform_system: string; os_name: string; machine: Record<Arch, string> }> = {
  linux: { sys_platform: 'linux', platform_system: 'Linux', os_name: 'posix', machine: { x86_64: 'x86_64', aarch64: 'aarch64' } },
  windows: { sys_platform: 'win32', platform_system: 'Windows', os_name: 'nt', machine: { x86_64: 'AMD64', aarch64: 'ARM64' } },
  macos: { sys_platform: 'darwin', platform_system: 'Darwin', os_name: 'posix', machine: { x86_64: 'x86_64', aarch64: 'arm64' } },
};

export function markerValues(target: TargetEnvironment): MarkerValues {
  const os = PER_OS[target.os];
  const values: MarkerValues = {
    sys_platform: os.sys_platform,
    platform_system: os.platform_system,
    os_name: os.os_name,
    platform_machine: os.machine[target.arch],
    implementation_name: 'cpython',
    platform_python_implementation: 'CPython',
  };
  const python = parsePython(target.python);
  if (python) {
    values.python_version = python.version;
    values.python_full_version = python.full;
    values.implementation_version = python.full;
  }
  return values;
}

/** "3.12" -> 3.12 / 3.12.0; "3.12.4" -> 3.12 / 3.12.4; "3.13t" (free-threaded) -> 3.13 / 3.13.0; anything else is unknown. */
function parsePython(text: string | undefined): { version: string; full: string } | null {
  const m = /^\s*(\d+)\.(\d+)(?:\.(\d+))?t?\s*$/.exec(text ?? '');
  if (!m) return null;
  return { version: `${m[1]}.${m[2]}`, full: `${m[1]}.${m[2]}.${m[3] ?? '0'}` };
}
