/**
 * What one variant page of a PyTorch index publishes, read from its listing: the
 * torch versions, and per version the platforms and CPython tags of its wheels.
 */
import { explain } from '@renovatebot/pep440';
import type { ListedFile } from '../pytorch-index/listing.js';
import { parseWheelName } from '../pytorch-index/wheel-name.js';
import { platformsOf, pythonsOf } from '../pytorch-index/wheel-tags.js';
import type { PlatformPythons } from './expected.js';

export interface PagePublication {
  /** version (public part, "2.14.1") -> platform -> Pythons. */
  versions: Map<string, PlatformPythons>;
  /** Platform tags no platform of torchcraft's stands for (linux_s390x, musllinux...), with a count. */
  otherTags: Map<string, number>;
}

/**
 * The torch wheels of a variant's page. Wheels labelled for another variant are not
 * the page's; unlabelled ones are (the aarch64 cu124 wheels and the macOS wheels on
 * /whl/cpu carry no label). Pre-releases and dev builds are skipped: the data holds releases.
 */
export function publicationOf(files: readonly ListedFile[], variant: string): PagePublication {
  const versions = new Map<string, PlatformPythons>();
  const otherTags = new Map<string, number>();
  for (const f of files) {
    const wheel = parseWheelName(f.filename);
    if (!wheel || wheel.project !== 'torch') continue;
    if (wheel.local !== '' && wheel.local !== variant.toLowerCase()) continue;
    const v = explain(wheel.version);
    if (!v || v.is_prerelease || v.is_devrelease || v.epoch !== 0) continue;
    const [major = 0, minor = 0, patch = 0] = v.release;
    if (major < 2) continue;
    const version = `${major}.${minor}.${patch}`;
    const platforms = platformsOf(wheel);
    if (platforms.length === 0) {
      for (const t of wheel.platformTags) otherTags.set(t, (otherTags.get(t) ?? 0) + 1);
      continue;
    }
    let byPlatform = versions.get(version);
    if (!byPlatform) versions.set(version, (byPlatform = new Map()));
    for (const p of platforms) {
      let pythons = byPlatform.get(p.platform);
      if (!pythons) byPlatform.set(p.platform, (pythons = new Set()));
      for (const py of pythonsOf(wheel)) pythons.add(py);
    }
  }
  return { versions, otherTags };
}
