/**
 * The facts check (`npm run facts-check`): read the torch page of every variant
 * index the data names, from download.pytorch.org or from saved copies (a file://
 * base: a folder per variant holding torch/index.html), and say where src/data/
 * disagrees with what they publish. Exit 1 with the list when they disagree, 2
 * when a page could not be read (the check could not be made), 0 when they agree.
 */
import { fetchText, type FetchResult } from '../net/http.js';
import { joinIndexUrl } from '../index-url.js';
import { redactUrl } from '../secrets.js';
import { LISTING_ACCEPT, parseListing } from '../pytorch-index/listing.js';
import { dataVariants, dataVersions, expectedPublication } from './expected.js';
import { publicationOf, type PagePublication } from './published.js';
import { compareFacts, type Disagreement } from './compare.js';

export const DEFAULT_BASE = 'https://download.pytorch.org/whl';

export interface FactsCheckOptions {
  /** The index base, "https://download.pytorch.org/whl" or "file:///saved/whl". */
  base: string;
  /** Variants to read; the data's own when empty. Extra names (cu134) are read too. */
  variants: readonly string[];
  timeoutMs: number;
  maxBytes: number;
  /** Pages read at once. */
  concurrency: number;
  fetch?: (url: string) => Promise<FetchResult>;
}

export interface FactsCheckResult {
  exitCode: 0 | 1 | 2;
  disagreements: Disagreement[];
  /** Pages that could not be read, one line each. */
  unreadable: string[];
  /** The report, as printed. */
  text: string;
}

export async function runFactsCheck(o: FactsCheckOptions): Promise<FactsCheckResult> {
  const variants = [...new Set([...dataVariants(), ...o.variants])];
  const get = o.fetch ?? ((url: string) => fetchText(url, { timeoutMs: o.timeoutMs, maxBytes: o.maxBytes, accept: LISTING_ACCEPT }));
  const pages = new Map<string, PagePublication | null>();
  const unreadable: string[] = [];
  const other = new Map<string, number>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < variants.length) {
      const variant = variants[next++];
      // The trailing slash: download.pytorch.org redirects /torch to /torch/.
      const url = joinIndexUrl(o.base, variant, 'torch', '');
      const r = await get(url);
      if (!r.ok) {
        if (r.failure === 'not-found') pages.set(variant, null);
        else unreadable.push(`${redactUrl(url)}: ${r.failure} (${r.detail})`);
        continue;
      }
      const listing = parseListing(r.body, r.contentType, r.url);
      if (!listing.ok) {
        unreadable.push(`${redactUrl(url)}: ${listing.problem}`);
        continue;
      }
      const page = publicationOf(listing.files, variant);
      pages.set(variant, page);
      for (const [t, n] of page.otherTags) other.set(t, (other.get(t) ?? 0) + n);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, variants.length)) }, worker));

  // Not one page there: a wrong --dir or base, not a verdict on the data.
  if (variants.length > 0 && ![...pages.values()].some((p) => p !== null) && unreadable.length === 0) unreadable.push(`${redactUrl(o.base)}: no torch page of any variant was found there`);
  // Pages in the data's order, so the report is the same run to run.
  const ordered = new Map([...pages.entries()].sort((a, b) => variants.indexOf(a[0]) - variants.indexOf(b[0])));
  const disagreements = compareFacts(expectedPublication(), ordered, dataVersions());
  const lines: string[] = [`torchcraft facts-check: src/data/ against ${redactUrl(o.base)} (${pages.size} of ${variants.length} variant pages read)`];
  if (other.size > 0) lines.push(`Not compared: wheels for platforms torchcraft does not plan for (${[...other.keys()].sort().join(', ')}).`);
  for (const u of unreadable.sort()) lines.push(`Could not read ${u}`);
  if (disagreements.length > 0) {
    lines.push(`src/data/ disagrees with the indexes in ${disagreements.length} place${disagreements.length === 1 ? '' : 's'}:`);
    for (const kind of ['release', 'page', 'variant', 'python'] as const) {
      for (const d of disagreements.filter((x) => x.kind === kind)) lines.push(`  - ${kind}: ${d.text}`);
    }
    lines.push('See DEVELOPERS.md, "Adding a PyTorch release", for how to bring src/data/ in line.');
  } else if (unreadable.length === 0) {
    lines.push('src/data/ agrees with what the indexes publish.');
  }
  const exitCode = unreadable.length > 0 ? 2 : disagreements.length > 0 ? 1 : 0;
  return { exitCode, disagreements, unreadable, text: lines.join('\n') };
}
