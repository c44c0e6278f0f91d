/**
 * What a wheel's tags mean in torchcraft's terms: which platform (`linux-x86_64`,
 * `macos-aarch64`...) and which CPython ("3.12", "3.13t" free-threaded) it installs
 * on. The index check uses it to ask "does this release have a wheel for this
 * machine?", the facts check to list what an index publishes. Pure.
 *
 * Sources: PEP 425 (tags), PEP 600 (manylinux_x_y), PEP 656 (musllinux: not
 * matched, PyTorch publishes none), PEP 703 (the `t` ABI suffix of free-threaded
 * builds), pip's packaging.tags for the macOS rules (`universal2` fits both
 * arches; a wheel tagged macosx_14_0 needs macOS 14 or newer).
 */
import type { Arch, Os } from '../machine.js';
import type { WheelName } from './wheel-name.js';

export type TargetPlatform = `${Os}-${Arch}`;

export interface PlatformTagInfo {
  platform: TargetPlatform;
  /** manylinux: the glibc the wheel needs ("2.28"); macOS: the oldest macOS ("14.0"). */
  minimum?: string;
}

const MANYLINUX_LEGACY: Readonly<Record<string, string>> = { manylinux1: '2.5', manylinux2010: '2.12', manylinux2014: '2.17' };

/** The platform a single platform tag installs on, or null for any other (musllinux, i686, ppc64le, any). */
export function platformOfTag(tag: string): PlatformTagInfo | null {
  const t = tag.toLowerCase();
  let m = /^manylinux_(\d+)_(\d+)_(x86_64|aarch64)$/.exec(t);
  if (m) return { platform: `linux-${m[3] as Arch}`, minimum: `${m[1]}.${m[2]}` };
  m = /^(manylinux1|manylinux2010|manylinux2014)_(x86_64|aarch64)$/.exec(t);
  if (m) return { platform: `linux-${m[2] as Arch}`, minimum: MANYLINUX_LEGACY[m[1]] };
  m = /^linux_(x86_64|aarch64)$/.exec(t);
  if (m) return { platform: `linux-${m[1] as Arch}` };
  if (t === 'win_amd64') return { platform: 'windows-x86_64' };
  if (t === 'win_arm64') return { platform: 'windows-aarch64' };
  m = /^macosx_(\d+)_(\d+)_(arm64|x86_64|intel|universal2)$/.exec(t);
  if (m) {
    const minimum = `${m[1]}.${m[2]}`;
    // universal2 holds both; callers that ask per platform see it as each.
    if (m[3] === 'arm64') return { platform: 'macos-aarch64', minimum };
    return { platform: 'macos-x86_64', minimum };
  }
  return null;
}

/** Every platform a wheel installs on (a universal2 wheel: both macOS arches), with minimums. */
export function platformsOf(wheel: WheelName): PlatformTagInfo[] {
  const out: PlatformTagInfo[] = [];
  for (const tag of wheel.platformTags) {
    const info = platformOfTag(tag);
    if (info) out.push(info);
    const m = /^macosx_(\d+)_(\d+)_universal2$/.exec(tag);
    if (m) out.push({ platform: 'macos-aarch64', minimum: `${m[1]}.${m[2]}` });
  }
  return out;
}

/**
 * The CPython minors a wheel installs on, "3.12" for the GIL build and "3.13t" for
 * the free-threaded one. cp312-cp312 is 3.12 only; cp313-cp313t is 3.13t only;
 * cp39-abi3 is every GIL CPython from 3.9 (listed up to `upTo`); py3-none is every
 * CPython 3 up to `upTo`, free-threaded too.
 */
export function pythonsOf(wheel: WheelName, upTo = '3.15'): string[] {
  const [, maxMinor] = upTo.split('.').map(Number);
  const out = new Set<string>();
  for (const py of wheel.pythonTags) {
    const cp = /^cp3(\d+)$/.exec(py);
    for (const abi of wheel.abiTags) {
      if (cp && abi === `cp3${cp[1]}`) out.add(`3.${cp[1]}`);
      else if (cp && abi === `cp3${cp[1]}t`) out.add(`3.${cp[1]}t`);
      else if (cp && abi === 'abi3') for (let n = Number(cp[1]); n <= maxMinor; n++) out.add(`3.${n}`);
      else if ((py === 'py3' || (cp && abi === 'none')) && abi === 'none') {
        const from = cp ? Number(cp[1]) : 0;
        for (let n = from; n <= maxMinor; n++) {
          out.add(`3.${n}`);
          if (n >= 13) out.add(`3.${n}t`);
        }
      }
    }
  }
  return [...out].sort((a, b) => Number(a.slice(2).replace('t', '.5')) - Number(b.slice(2).replace('t', '.5')));
}

/** Whether the wheel installs on the platform for the Python ("3.12", "3.13t"); minimum is the platform tag's, when it has one. */
export function wheelFits(wheel: WheelName, platform: TargetPlatform, python: string): { fits: boolean; minimum?: string } {
  const onPlatform = platformsOf(wheel).filter((p) => p.platform === platform);
  if (onPlatform.length === 0 || !pythonsOf(wheel).includes(python)) return { fits: false };
  // With several tags for the platform (manylinux_2_17.manylinux2014), the least demanding one counts.
  const minimum = onPlatform
    .map((p) => p.minimum)
    .filter((m): m is string => m !== undefined)
    .sort((a, b) => compareDotted(a, b))[0];
  return minimum === undefined ? { fits: true } : { fits: true, minimum };
}

function compareDotted(a: string, b: string): number {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
}
