/**
 * A project page of a simple repository, read into its files: PEP 691 JSON
 * (`application/vnd.pypi.simple.v1+json`) or PEP 503 HTML (an `<a>` per file,
 * `data-requires-python` and `data-yanked` attributes, HTML-escaped). Pages come
 * from servers we do not control (mirrors, proxies, captive portals), so parsing
 * is linear in the page's length, never throws, and says when a page is not a
 * listing at all.
 */

export interface ListedFile {
  /** The file name as listed (the link text, else the last segment of the href), percent-decoded. */
  filename: string;
  /** The href, resolved against the page's URL. */
  url: string;
  /** data-requires-python / requires-python, unescaped, when given. */
  requiresPython?: string;
  /** PEP 592: yanked files are skipped by installers unless pinned exactly. */
  yanked: boolean;
}

export type Listing =
  | { ok: true; format: 'json' | 'html'; files: ListedFile[] }
  | { ok: false; problem: string };

/** What we ask servers for: PEP 691 JSON first, HTML as the fallback (PEP 691's own example). */
export const LISTING_ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';

/** Read a project page; `contentType` is the response's Content-Type ("" for file:// pages). */
export function parseListing(body: string, contentType: string, pageUrl: string): Listing {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === 'application/vnd.pypi.simple.v1+json' || (type === 'application/json' && body.trimStart().startsWith('{'))) {
    return parseJsonListing(body, pageUrl);
  }
  if (type !== '' && !type.includes('html')) return { ok: false, problem: `the page is ${type}, not a PEP 503 or PEP 691 listing` };
  return parseHtmlListing(body, pageUrl);
}

function resolveHref(href: string, pageUrl: string): string | null {
  try {
    return new URL(href, pageUrl).href;
  } catch {
    return null;
  }
}

function fileNameOf(url: string): string {
  const path = url.split(/[?#]/, 1)[0];
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export function parseJsonListing(body: string, pageUrl: string): Listing {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, problem: 'the page claims to be PEP 691 JSON but is not JSON' };
  }
  const files = (parsed as { files?: unknown } | null)?.files;
  if (!Array.isArray(files)) return { ok: false, problem: 'the PEP 691 page has no "files" list' };
  const out: ListedFile[] = [];
  for (const f of files) {
    if (!f || typeof f !== 'object') continue;
    const o = f as Record<string, unknown>;
    if (typeof o.url !== 'string') continue;
    const url = resolveHref(o.url, pageUrl);
    if (url === null) continue;
    const filename = typeof o.filename === 'string' ? o.filename : fileNameOf(url);
    const file: ListedFile = { filename, url, yanked: o.yanked !== undefined && o.yanked !== false };
    if (typeof o['requires-python'] === 'string') file.requiresPython = o['requires-python'];
    out.push(file);
  }
  return { ok: true, format: 'json', files: out };
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** HTML character references: named (the five above), decimal and hex. */
export function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,6});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** name="value", name='value', name=value or a bare name, within one tag's text. */
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function attributesOf(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of tag.matchAll(ATTRIBUTE)) {
    const name = m[1].toLowerCase();
    if (!attrs.has(name)) attrs.set(name, unescapeHtml(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

/**
 * PEP 503 HTML: every anchor with an href is a file. Scanned with indexOf, each
 * position visited once, so a hostile page (a million "<a" without ">") costs
 * linear time. A page with no anchors and no sign of being HTML is not a listing.
 */
export function parseHtmlListing(body: string, pageUrl: string): Listing {
  // ASCII-only lower case keeps every index the same in both strings (toLowerCase can change lengths).
  const lower = body.replace(/[A-Z]+/g, (c) => c.toLowerCase());
  const out: ListedFile[] = [];
  let anchors = 0;
  let at = 0;
  for (;;) {
    const open = lower.indexOf('<a', at);
    if (open < 0) break;
    const after = lower.charCodeAt(open + 2);
    // "<a " or "<a\n" starts an anchor; "<abbr" does not.
    if (!(after === 32 || after === 9 || after === 10 || after === 13 || after === 12)) {
      at = open + 2;
      continue;
    }
    const close = lower.indexOf('>', open);
    if (close < 0) break;
    const end = lower.indexOf('</a', close);
    const text = end < 0 ? '' : body.slice(close + 1, end);
    at = end < 0 ? close + 1 : end + 3;
    anchors++;
    const attrs = attributesOf(body.slice(open + 2, close));
    const href = attrs.get('href');
    if (href === undefined || href === '') continue;
    const url = resolveHref(href, pageUrl);
    if (url === null) continue;
    const shown = unescapeHtml(text).trim();
    const file: ListedFile = { filename: shown !== '' && !shown.includes('<') ? shown : fileNameOf(url), url, yanked: attrs.has('data-yanked') };
    const requires = attrs.get('data-requires-python');
    if (requires !== undefined && requires !== '') file.requiresPython = requires;
    out.push(file);
  }
  if (anchors === 0 && !/<(!doctype\s+html|html|body|meta)\b/.test(lower.slice(0, 4096))) {
    return { ok: false, problem: 'the page is neither a PEP 503 HTML page nor PEP 691 JSON' };
  }
  return { ok: true, format: 'html', files: out };
}
