/**
 * Where src/data/ and the indexes disagree, one line each, in a stable order:
 * releases and patch versions, variants per platform, Python tags per platform.
 * Pure: the pages are read elsewhere (run.ts).
 */
import { compare } from '@renovatebot/pep440';
import type { Publication } from './expected.js';
import type { PagePublication } from './published.js';

export interface Disagreement {
  kind: 'release' | 'variant' | 'python' | 'page';
  text: string;
}

const where = (p: string): string => p.replace('-', '/');

function sortPythons(items: Iterable<string>): string[] {
  const key = (p: string): number => Number(p.slice(2).replace('t', '')) + (p.endsWith('t') ? 0.5 : 0);
  return [...items].sort((a, b) => key(a) - key(b));
}

function byVersion(a: string, b: string): number {
  return compare(a, b);
}

/**
 * `pages`: what each variant page published, or null for a page the index does not
 * have (HTTP 404). Versions older than the data's first release are not compared.
 */
export function compareFacts(expected: Publication, pages: ReadonlyMap<string, PagePublication | null>, dataVersions: readonly string[]): Disagreement[] {
  const out: Disagreement[] = [];
  const known = new Set(dataVersions);
  const oldest = dataVersions[0];

  // Releases and patch versions: on any page but not in the data, or in the data and on no page.
  const seen = new Map<string, string[]>();
  for (const [variant, page] of pages) {
    if (!page) continue;
    for (const version of page.versions.keys()) {
      if (compare(version, oldest) < 0) continue;
      const list = seen.get(version) ?? [];
      list.push(variant);
      seen.set(version, list);
    }
  }
  for (const version of [...seen.keys()].sort(byVersion)) {
    if (!known.has(version)) out.push({ kind: 'release', text: `torch ${version} is published (${seen.get(version)!.join(', ')}) but src/data/pytorch.ts does not list it` });
  }
  for (const version of dataVersions) {
    const onSomePage = [...pages.values()].some((p) => p?.versions.has(version));
    const anyAnswered = [...pages.values()].some((p) => p !== null);
    if (!onSomePage && anyAnswered) out.push({ kind: 'release', text: `src/data/pytorch.ts lists torch ${version}, but no index page read has it` });
  }

  for (const [variant, page] of pages) {
    const want = expected.get(variant);
    if (!page) {
      if (want && want.size > 0) out.push({ kind: 'page', text: `/${variant}/torch/: the data lists this variant, but the index has no such page` });
      continue;
    }
    const versions = new Set([...(want?.keys() ?? []), ...[...page.versions.keys()].filter((v) => known.has(v))]);
    for (const version of [...versions].sort(byVersion)) {
      const w = want?.get(version) ?? new Map();
      const g = page.versions.get(version) ?? new Map();
      const platforms = [...new Set([...w.keys(), ...g.keys()])].sort();
      for (const platform of platforms) {
        const wp = w.get(platform);
        const gp = g.get(platform);
        if (wp && !gp) {
          out.push({ kind: 'variant', text: `torch ${version} ${variant} ${where(platform)}: the data says published, the index has no wheel` });
        } else if (!wp && gp) {
          out.push({ kind: 'variant', text: `torch ${version} ${variant} ${where(platform)}: the index has wheels (${sortPythons(gp).join(', ')}), the data says none` });
        } else if (wp && gp) {
          const extra = sortPythons([...gp].filter((p) => !wp.has(p)));
          const missing = sortPythons([...wp].filter((p) => !gp.has(p)));
          if (extra.length === 0 && missing.length === 0) continue;
          const parts = [
            ...(extra.length > 0 ? [`the index has ${extra.join(', ')} that the data lacks`] : []),
            ...(missing.length > 0 ? [`the data has ${missing.join(', ')} that the index lacks`] : []),
          ];
          out.push({ kind: 'python', text: `torch ${version} ${variant} ${where(platform)}: ${parts.join('; ')}` });
        }
      }
    }
  }
  return out;
}
