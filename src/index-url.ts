/**
 * Index URLs: checking the index-base-url input, and composing the URL of one
 * index (`<base>/cu126`, `<base>/nightly/cpu`) from it with the URL class, so
 * the parts stay what they are: a query stays a query
 * (`https://mirror/whl/cpu?token=...`, never `https://mirror/whl?token=.../cpu`).
 *
 * pip expands `${NAME}` references in requirement files; the URL class would
 * percent-encode their braces, so they are replaced by stand-ins before parsing
 * and put back after.
 */
import { InputError } from './errors.js';

const INPUT = 'index-base-url';
const ALLOWED = 'allowed: an absolute http://, https:// or file:// URL such as https://download.pytorch.org/whl';
const REFERENCE = /\$\{([A-Z0-9_]+)\}/g;

/** What pip or a shell would cut the URL at, or a terminal act on. */
const FORBIDDEN = /[\s\u0000-\u001f\u007f-\u009f\u2028\u2029\\]/;

function describeChar(c: string): string {
  const code = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  if (c === ' ') return 'a space';
  if (c === '\\') return 'a backslash';
  if (/\s/.test(c)) return `whitespace (${code})`;
  return `a control character (${code})`;
}

/**
 * The base URL as given, trailing slashes removed, or an InputError saying what
 * is wrong with it: the scheme, the host, the port, a "/" in the password.
 */
export function parseIndexBaseUrl(value: string): string {
  const url = value.replace(/\/+$/, '');
  const fail = (problem: string): never => {
    throw new InputError(INPUT, url, problem);
  };
  const bad = FORBIDDEN.exec(url);
  if (bad) {
    fail(`it contains ${describeChar(bad[0])} at character ${bad.index + 1}; a URL cannot hold spaces, control characters or backslashes: percent-encode them (a space is %20).`);
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url);
  if (!scheme) fail(`it is not an absolute URL (it has no scheme such as https://); ${ALLOWED}.`);
  const protocol = scheme![1].toLowerCase();
  if (!['http', 'https', 'file'].includes(protocol)) fail(`the scheme ${JSON.stringify(`${scheme![1]}:`)} is not supported; ${ALLOWED}.`);
  const afterScheme = url.slice(scheme![0].length);
  if (!afterScheme.startsWith('//')) fail(`"${scheme![1]}:" must be followed by "//" and ${protocol === 'file' ? 'a path (file:///srv/mirror/whl)' : 'a host'}; ${ALLOWED}.`);
  const reference = /\$\{([^}]*)\}/.exec(url);
  if (reference && !/^[A-Z0-9_]+$/.test(reference[1])) {
    fail(`pip expands only \${UPPER_CASE} variable references (letters A-Z, digits, underscores), not \${${reference[1]}}.`);
  }
  if (protocol !== 'file') checkAuthority(afterScheme.slice(2), fail);
  try {
    new URL(withStandIns(url).text);
  } catch {
    fail(`it is not a valid URL; ${ALLOWED}.`);
  }
  return url;
}

/** Host, port and credentials of an http(s) URL, named when wrong. */
function checkAuthority(rest: string, fail: (problem: string) => never): void {
  const end = rest.search(/[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const laterAt = end < 0 ? -1 : rest.indexOf('@', end);
  if (!authority.includes('@') && laterAt >= 0) {
    // https://bot:ab/cd@host: the "/" (or "?", "#") in the password ends the host part.
    const ender = rest[end];
    const userinfo = rest.slice(0, laterAt);
    if (/^[^/?#]*:/.test(userinfo)) {
      const name = ender === '/' ? 'a "/"' : ender === '?' ? 'a "?"' : 'a "#"';
      const encoded = ender === '/' ? '%2F' : ender === '?' ? '%3F' : '%23';
      fail(`the user name or password holds ${name}, which ends the host part of a URL: write it as ${encoded} (percent-encoded).`);
    }
  }
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (hostPort === '') fail(`it has no host (the part after "//"); ${ALLOWED}.`);
  const portAt = hostPort.startsWith('[') ? hostPort.indexOf(']:') + 1 : hostPort.lastIndexOf(':');
  const host = portAt > 0 ? hostPort.slice(0, portAt) : hostPort;
  if (host === '') fail(`it has no host before the port; ${ALLOWED}.`);
  if (portAt > 0) {
    const port = hostPort.slice(portAt + 1);
    if (port !== '' && !/^\d+$/.test(port)) {
      fail(`the port ${JSON.stringify(port)} is not a number; a port is a number from 1 to 65535 (https://mirror.example:8443/whl).`);
    }
    if (/^\d+$/.test(port) && (Number(port) < 1 || Number(port) > 65535)) {
      fail(`the port ${port} is out of range; a port is a number from 1 to 65535.`);
    }
  }
  if (host.startsWith('[') && !host.endsWith(']')) fail(`the host ${JSON.stringify(host)} opens "[" (an IPv6 address) without closing it.`);
}

/** `${NAME}` references replaced by stand-ins the URL class leaves alone (lower case, in every part). */
function withStandIns(url: string): { text: string; restore: (s: string) => string } {
  const refs: string[] = [];
  let nonce = 0;
  while (url.toLowerCase().includes(`tcref${nonce}z`)) nonce++;
  const text = url.replace(REFERENCE, (whole) => {
    refs.push(whole);
    return `tcref${nonce}z${refs.length - 1}q`;
  });
  const restore = (s: string): string => s.replace(new RegExp(`tcref${nonce}z(\\d+)q`, 'g'), (_m, i: string) => refs[Number(i)]);
  return { text, restore };
}

/**
 * The URL of an index under the base: its path extended by the segments, its
 * query and fragment kept where they were, ${VAR} references as written.
 */
export function joinIndexUrl(base: string, ...segments: string[]): string {
  const { text, restore } = withStandIns(base);
  const url = new URL(text);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${segments.map(encodeURIComponent).join('/')}`;
  return restore(url.href);
}
