import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { expectedPublication } from '../../src/facts-check/expected.js';
import { publicationOf } from '../../src/facts-check/published.js';
import { parseFactsCheckArgs } from '../../src/facts-check/args.js';
import { runFactsCheck, type FactsCheckOptions } from '../../src/facts-check/run.js';
import { parseListing } from '../../src/pytorch-index/listing.js';
import { InputError } from '../../src/errors.js';
import { wheelFile, writeSavedIndex, type SavedPages } from './saved-index.js';

/** The pages src/data/ expects, as download.pytorch.org would list them. */
function pagesFromData(): SavedPages {
  const pages: SavedPages = new Map();
  for (const [variant, versions] of expectedPublication()) {
    const files: string[] = [];
    for (const [version, platforms] of versions) for (const [platform, pythons] of platforms) for (const py of pythons) files.push(wheelFile(version, variant, platform, py));
    pages.set(variant, files);
  }
  return pages;
}

const options = (dir: string): FactsCheckOptions => ({ base: pathToFileURL(dir).href, variants: [], timeoutMs: 10_000, maxBytes: 16 * 1024 * 1024, concurrency: 4 });

describe('a saved torch page', () => {
  it("is read into versions, platforms and Python tags: the page's own builds only, releases only", () => {
    const html = readFileSync('__tests__/fixtures/pytorch-index/cu130-torch-excerpt.html', 'utf8');
    const listing = parseListing(html, 'text/html', 'https://download.pytorch.org/whl/cu130/torch/');
    expect(listing.ok).toBe(true);
    if (!listing.ok) return;
    const pub = publicationOf(listing.files, 'cu130');
    // 2.15.0rc1 is a pre-release, torchvision is another project: neither counts.
    expect([...pub.versions.keys()].sort()).toEqual(['2.14.1', '2.9.0']);
    const v = pub.versions.get('2.14.1')!;
    expect([...v.keys()].sort()).toEqual(['linux-aarch64', 'linux-x86_64', 'windows-x86_64']);
    // cp315-cp315t is the free-threaded 3.15; the +cu126 wheel on this page is not cu130's.
    expect([...v.get('linux-x86_64')!].sort()).toEqual(['3.12', '3.15t']);
    expect([...pub.versions.get('2.9.0')!.get('linux-x86_64')!]).toEqual(['3.13t']);
    expect(pub.otherTags.get('manylinux_2_28_s390x')).toBe(1);
  });
});

describe('npm run facts-check (runFactsCheck) on saved listings', () => {
  it('prints nothing wrong and exits 0 when the pages publish what the data says', async () => {
    const r = await runFactsCheck(options(writeSavedIndex(pagesFromData())));
    expect(r.disagreements).toEqual([]);
    expect(r.unreadable).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(r.text).toContain('src/data/ agrees with what the indexes publish.');
    expect(r.text).not.toMatch(/disagrees/);
  });

  it('finds planted disagreements: a new release, a missing build, a Python tag, a variant on a platform, a missing page', async () => {
    const pages = pagesFromData();
    // A release the data does not know yet.
    pages.get('cu130')!.push(wheelFile('2.15.0', 'cu130', 'linux-x86_64', '3.12'));
    // 2.12.1's aarch64 cu129 wheels gone.
    pages.set('cu129', pages.get('cu129')!.filter((f) => !(f.startsWith('torch-2.12.1+cu129') && f.includes('aarch64'))));
    // A cp315 wheel for Windows, which the data says stops at 3.14.
    pages.get('cpu')!.push(wheelFile('2.14.1', 'cpu', 'windows-x86_64', '3.15'));
    // ROCm on aarch64, which the data says does not exist.
    pages.get('rocm7.2')!.push(wheelFile('2.14.1', 'rocm7.2', 'linux-aarch64', '3.12'));
    // The xpu page is gone.
    pages.delete('xpu');
    const r = await runFactsCheck(options(writeSavedIndex(pages)));
    expect(r.exitCode).toBe(1);
    const lines = r.disagreements.map((d) => `${d.kind}: ${d.text}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'release: torch 2.15.0 is published (cu130) but src/data/pytorch.ts does not list it',
        'variant: torch 2.12.1 cu129 linux/aarch64: the data says published, the index has no wheel',
        'python: torch 2.14.1 cpu windows/x86_64: the index has 3.15 that the data lacks',
        'variant: torch 2.14.1 rocm7.2 linux/aarch64: the index has wheels (3.12), the data says none',
        'page: /xpu/torch/: the data lists this variant, but the index has no such page',
      ]),
    );
    expect(r.disagreements).toHaveLength(5);
    expect(r.text).toMatch(/src\/data\/ disagrees with the indexes in 5 places:\n {2}- release: torch 2\.15\.0/);
  });

  it('reports a page it could not read and exits 2, never passing silently', async () => {
    const pages = pagesFromData();
    const r = await runFactsCheck({
      ...options(writeSavedIndex(pages)),
      base: 'https://download.pytorch.org/whl',
      fetch: async (url) => ({ ok: false, url, failure: 'timeout', detail: 'no answer in 60 s', durationMs: 60_000 }),
    });
    expect(r.exitCode).toBe(2);
    expect(r.unreadable.length).toBeGreaterThan(0);
    expect(r.text).toMatch(/Could not read https:\/\/download\.pytorch\.org\/whl\/cpu\/torch\/: timeout/);
    expect(r.text).not.toContain('agrees');
  });
});

describe('its flags', () => {
  it('reads --dir, --variant and --timeout, and names a wrong flag', () => {
    const o = parseFactsCheckArgs(['--dir', 'saved', '--variant', 'cu134', '--timeout', '30'], '/work');
    expect(o).toMatchObject({ base: 'file:///work/saved', variants: ['cu134'], timeoutMs: 30_000 });
    expect(parseFactsCheckArgs(['--help'], '/')).toBe('help');
    expect(() => parseFactsCheckArgs(['--variant', 'cuda13'], '/')).toThrow(InputError);
    expect(() => parseFactsCheckArgs(['--timeout', '0'], '/')).toThrow(/--timeout/);
    expect(() => parseFactsCheckArgs(['--bogus'], '/')).toThrow(/unknown flag/);
  });
});
