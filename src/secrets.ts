/**
 * Credentials in URLs, by structure. Every part of a URL that can carry a
 * secret is masked: the userinfo (https://user:token@host), the query
 * (?token=...) and the fragment (#...). These helpers are the only way a URL
 * reaches a log, a summary, an output or the terminal; secretsInUrl gives the
 * same parts to core.setSecret and to scrub() before anything is printed.
 *
 * Everything here is linear in its input: a text is cut at whitespace once and
 * each URL is located by index scans, never by a backtracking regex.
 */

const PLACEHOLDER = '***';

/** pip expands only ${NAME} with NAME of upper-case letters, digits and underscores: such references are not secrets. */
const PIP_VARIABLE = /^\$\{[A-Z0-9_]+\}$/;

/** Fragment keys pip gives meaning to; their values (a project name, a hash) are not secrets and help the reader. */
const PIP_FRAGMENT_KEYS = new Set(['egg', 'subdirectory', 'md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']);

/** Schemes whose URLs the WHATWG parser treats as "special": `\` ends the host as `/` does. */
const SPECIAL = new Set(['http', 'https', 'ws', 'wss', 'ftp', 'file']);

/** A query or fragment value shorter than this is not masked alone (it would mask every "1" in the log); the whole query still is. */
const MIN_VALUE_SECRET = 3;

/** Where the parts of one URL are, as offsets into its text. */
interface UrlParts {
  /** Offset of the first character after "scheme:" and its slashes. */
  authority: number;
  /** Offset of the "@" that ends the userinfo, or -1 when there is none. */
  at: number;
  /** The userinfo could not be told apart from the path (a "/" in a password): mask it whole. */
  odd: boolean;
  /** Offset of "?" and "#", or -1. */
  query: number;
  fragment: number;
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

function locate(url: string): UrlParts | null {
  const scheme = SCHEME.exec(url);
  if (!scheme) return null;
  const special = SPECIAL.has(scheme[1].toLowerCase());
  let authority = scheme[0].length;
  if (special) {
    while (authority < url.length && (url[authority] === '/' || url[authority] === '\\')) authority++;
  } else if (url.startsWith('//', authority)) {
    authority += 2;
  } else {
    // mailto:, data:, urn:...: no authority; only a query or fragment can carry a secret.
    return { authority, at: -1, odd: false, ...queryAndFragment(url, authority) };
  }
  const ends = special ? '/?#\\' : '/?#';
  let hostEnd = authority;
  while (hostEnd < url.length && !ends.includes(url[hostEnd])) hostEnd++;
  let at = url.lastIndexOf('@', hostEnd - 1);
  if (at < authority) at = -1;
  let odd = false;
  if (at < 0 && url.indexOf('@', hostEnd) >= 0 && !parses(url)) {
    // https://bot:ab/cd@host: the URL parser cannot read it, and pip cannot either; what
    // stands before the last "@" is meant as credentials, so all of it is masked.
    at = url.lastIndexOf('@');
    odd = true;
    hostEnd = at + 1;
    while (hostEnd < url.length && !ends.includes(url[hostEnd])) hostEnd++;
  }
  return { authority, at, odd, ...queryAndFragment(url, hostEnd) };
}

function queryAndFragment(url: string, from: number): { query: number; fragment: number } {
  const fragment = url.indexOf('#', from);
  const query = url.indexOf('?', from);
  return { fragment, query: query >= 0 && (fragment < 0 || query < fragment) ? query : -1 };
}

function parses(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function safeEncode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return s;
  }
}

function isReference(s: string): boolean {
  return PIP_VARIABLE.test(safeDecode(s));
}

/** A value already masked, perhaps followed by the punctuation that closed a quote around it: left as it is, so masking twice changes nothing. */
function alreadyMasked(value: string): boolean {
  return value.startsWith(PLACEHOLDER) && /^[\s"'`)\]}>,.;:]*$/.test(value.slice(PLACEHOLDER.length));
}

function maskValue(value: string): string {
  if (value === '' || isReference(value) || alreadyMasked(value)) return value;
  return PLACEHOLDER;
}

/** `a=1&token=x` -> `a=***&token=***`: names stay readable, every value is masked. */
function maskPairs(text: string, keep: ReadonlySet<string> = new Set()): string {
  return text
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return maskValue(pair);
      const name = pair.slice(0, eq);
      return keep.has(name.toLowerCase()) ? pair : `${name}=${maskValue(pair.slice(eq + 1))}`;
    })
    .join('&');
}

function maskUserinfo(userinfo: string, odd: boolean): string {
  if (odd) return PLACEHOLDER;
  const colon = userinfo.indexOf(':');
  const user = colon < 0 ? userinfo : userinfo.slice(0, colon);
  const shownUser = user === '' ? '' : maskValue(user);
  if (colon < 0) return shownUser;
  const password = userinfo.slice(colon + 1);
  return `${shownUser}:${password === '' ? '' : maskValue(password)}`;
}

/**
 * The URL with its userinfo, query values and fragment values replaced by ***,
 * everything else as written. ${VAR} references stay: the variable's value is
 * the secret, not its name.
 */
export function redactUrl(url: string): string {
  const parts = locate(url);
  if (!parts) return url;
  const { authority, at, odd, query, fragment } = parts;
  let out = url.slice(0, authority);
  let rest = authority;
  if (at >= 0) {
    out += `${maskUserinfo(url.slice(authority, at), odd)}@`;
    rest = at + 1;
  }
  const pathEnd = query >= 0 ? query : fragment >= 0 ? fragment : url.length;
  out += url.slice(rest, pathEnd);
  if (query >= 0) out += `?${maskPairs(url.slice(query + 1, fragment >= 0 ? fragment : url.length))}`;
  if (fragment >= 0) out += `#${maskPairs(url.slice(fragment + 1), PIP_FRAGMENT_KEYS)}`;
  return out;
}

/**
 * The secret parts of a URL, as written and decoded, for core.setSecret and
 * scrub(): the password (or the user name when it stands alone, https://TOKEN@host),
 * the whole userinfo of a URL too odd to parse, the query and fragment whole and
 * each of their values. A user name beside a password is not masked: "bot" would
 * turn every "bot" in the log to ***.
 */
export function secretsInUrl(url: string): string[] {
  const parts = locate(url);
  if (!parts) return [];
  const { authority, at, odd, query, fragment } = parts;
  const found: string[] = [];
  const add = (s: string, min = 1): void => {
    if (s.length < min || isReference(s)) return;
    // As written, decoded, and as torchcraft.txt and URL serialisers write it (quotes and spaces percent-encoded).
    const decoded = safeDecode(s);
    found.push(s, decoded, safeEncode(decoded), s.replace(/["'\\\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`));
  };
  if (at >= 0) {
    const userinfo = url.slice(authority, at);
    const colon = userinfo.indexOf(':');
    const user = colon < 0 ? userinfo : userinfo.slice(0, colon);
    const password = colon < 0 ? '' : userinfo.slice(colon + 1);
    // Too odd to parse: the whole userinfo, and what follows its first ":" (the user name alone would mask every "bot").
    if (odd) [userinfo, password].forEach((s) => add(s));
    else add(password || user);
  }
  const pairs = (text: string, keep: ReadonlySet<string>): void => {
    if (text === '') return;
    const values = text.split('&').flatMap((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return [pair];
      return keep.has(pair.slice(0, eq).toLowerCase()) ? [] : [pair.slice(eq + 1)];
    });
    const secret = values.filter((v) => v !== '' && !isReference(v));
    if (secret.length === 0) return;
    add(text, MIN_VALUE_SECRET);
    for (const v of secret) add(v, MIN_VALUE_SECRET);
  };
  if (query >= 0) pairs(url.slice(query + 1, fragment >= 0 ? fragment : url.length), new Set());
  if (fragment >= 0) pairs(url.slice(fragment + 1), PIP_FRAGMENT_KEYS);
  return [...new Set(found.filter((s) => s.length > 0))];
}

/** Replace every secret in a text (installer output, say) with ***. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= MIN_VALUE_SECRET) out = out.split(s).join(PLACEHOLDER);
  return out;
}

const SCHEME_CHAR = /[A-Za-z0-9+.-]/;
const LETTER = /[A-Za-z]/;
const SPACE = /\s/;
const CLOSERS: Record<string, string> = { '"': '"', "'": "'", '`': '`', '(': ')', '<': '>', '[': ']', '{': '}' };

/**
 * Every URL in a text (a requirements file, a message) with its credentials
 * masked. A URL runs from its scheme to the next whitespace (quotes may belong
 * to a password), or, when a quote or bracket opens it, to the last matching
 * one in that word.
 */
export function redactText(text: string): string {
  let out = '';
  let copied = 0;
  // Scheme characters are walked back over at most once: never past the previous "://".
  let floor = 0;
  for (let sep = text.indexOf('://'); sep >= 0; sep = text.indexOf('://', sep + 3)) {
    if (sep < copied) continue;
    let start = sep;
    while (start > Math.max(copied, floor) && SCHEME_CHAR.test(text[start - 1])) start--;
    floor = sep + 3;
    while (start < sep && !LETTER.test(text[start])) start++;
    if (start === sep) continue;
    let end = sep + 3;
    while (end < text.length && !SPACE.test(text[end])) end++;
    // "https://...": a URL set in quotes or brackets ends at the last closing one in its word,
    // so what follows it stays; a quote inside a password is still inside the URL.
    const closer = CLOSERS[text[start - 1]];
    if (closer !== undefined) {
      const close = text.lastIndexOf(closer, end - 1);
      if (close > sep) end = close;
    }
    out += text.slice(copied, start) + redactUrl(text.slice(start, end));
    copied = end;
  }
  return out + text.slice(copied);
}
