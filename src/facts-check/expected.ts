/**
 * What src/data/ says the PyTorch indexes publish, as plain sets the facts check can
 * hold against a listing: for every variant page, every known torch version, the
 * platforms it has wheels for and the CPython tags ("3.12", "3.13t") on each.
 */
import { RELEASES, allVariants, freeThreadedFor, groupOfVersion, pythonsFor, variantsFor } from '../data/pytorch.js';
import type { Arch, Os } from '../machine.js';
import type { TargetPlatform } from '../pytorch-index/wheel-tags.js';

/** platform -> CPython tags, for one (variant, version). */
export type PlatformPythons = Map<TargetPlatform, Set<string>>;

/** variant -> version -> platform -> Pythons. */
export type Publication = Map<string, Map<string, PlatformPythons>>;

export const PLATFORMS: readonly { os: Os; arch: Arch }[] = [
  { os: 'linux', arch: 'x86_64' },
  { os: 'linux', arch: 'aarch64' },
  { os: 'windows', arch: 'x86_64' },
  { os: 'windows', arch: 'aarch64' },
  { os: 'macos', arch: 'x86_64' },
  { os: 'macos', arch: 'aarch64' },
];

/** The index folders the data names: every variant but "mps" (PyPI's macOS wheel, served from /whl/cpu too). */
export function dataVariants(): string[] {
  return allVariants().filter((v) => v !== 'mps');
}

/** Every published version in the data, oldest first. */
export function dataVersions(): string[] {
  return RELEASES.flatMap((r) => r.versions);
}

/** What the data expects each variant page to list. */
export function expectedPublication(): Publication {
  const out: Publication = new Map();
  for (const r of RELEASES) {
    for (const version of r.versions) {
      const facts = groupOfVersion(r, version);
      for (const { os, arch } of PLATFORMS) {
        const platform = `${os}-${arch}` as TargetPlatform;
        // macOS arm64's "mps" build is PyPI's wheel, which /whl/cpu also serves.
        const variants = new Set(variantsFor(facts, os, arch).map((v) => (v === 'mps' ? 'cpu' : v)));
        const pythons = new Set([...pythonsFor(facts, os, arch), ...freeThreadedFor(facts, os, arch).map((p) => `${p}t`)]);
        for (const variant of variants) {
          let byVersion = out.get(variant);
          if (!byVersion) out.set(variant, (byVersion = new Map()));
          let byPlatform = byVersion.get(version);
          if (!byPlatform) byVersion.set(version, (byPlatform = new Map()));
          byPlatform.set(platform, new Set(pythons));
        }
      }
    }
  }
  return out;
}
