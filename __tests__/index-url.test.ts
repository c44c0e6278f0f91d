import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { joinIndexUrl, parseIndexBaseUrl } from '../src/index-url.js';
import { InputError } from '../src/errors.js';

function problemOf(value: string): string {
  try {
    parseIndexBaseUrl(value);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).message;
  }
  throw new Error(`accepted ${value}`);
}

describe('index-base-url: what is wrong, said', () => {
  it('names a bad port, not the scheme', () => {
    const m = problemOf('https://mirror.example:99999/whl');
    expect(m).toMatch(/port 99999 is out of range/);
    expect(m).not.toMatch(/an absolute http:\/\/ URL"?$/);
    expect(problemOf('https://mirror.example:8o8o/whl')).toMatch(/the port "8o8o" is not a number/);
  });

  it("names a '/' in the password, and masks the password", () => {
    const m = problemOf('https://bot:ab/cdSECRET@mirror.example/whl');
    expect(m).toMatch(/holds a "\/", which ends the host part of a URL: write it as %2F/);
    expect(m).not.toContain('cdSECRET');
  });

  it('names control characters, spaces and backslashes by position', () => {
    expect(problemOf('https://mirror.example/whl\x1c-r x')).toMatch(/U\+001C\) at character 27/);
    expect(problemOf('https://mirror.example/w hl')).toMatch(/a space at character 25/);
    expect(problemOf('https://mirror.example\\whl')).toMatch(/a backslash/);
  });

  it('names the scheme, the missing host and a missing "//"', () => {
    expect(problemOf('ftp://mirror/whl')).toMatch(/the scheme "ftp:" is not supported/);
    expect(problemOf('mirror.example/whl')).toMatch(/no scheme/);
    expect(problemOf('https:mirror.example/whl')).toMatch(/must be followed by "\/\/"/);
    expect(problemOf('https:///whl')).toMatch(/no host/);
  });

  it('accepts mirrors as they are written', () => {
    for (const ok of ['https://download.pytorch.org/whl/', 'http://127.0.0.1:8080/whl', 'file:///srv/whl', 'https://u:${TOKEN}@h.example/w', 'https://[::1]:8443/whl', 'https://h/whl?token=x#f']) {
      expect(parseIndexBaseUrl(ok)).toBe(ok.replace(/\/+$/, ''));
    }
  });
});

describe('joinIndexUrl: composed with the URL class', () => {
  it('puts the variant in the path, before the query and the fragment', () => {
    expect(joinIndexUrl('https://mirror.example/whl?token=abc#f', 'cpu')).toBe('https://mirror.example/whl/cpu?token=abc#f');
    expect(joinIndexUrl('https://download.pytorch.org/whl', 'nightly', 'cu130')).toBe('https://download.pytorch.org/whl/nightly/cu130');
    expect(joinIndexUrl('file:///srv/mirror/whl/', 'cpu')).toBe('file:///srv/mirror/whl/cpu');
  });

  it('keeps ${VAR} references as written, for pip to expand', () => {
    expect(joinIndexUrl('https://${MIRROR_USER}:${MIRROR_TOKEN}@nexus.example/whl', 'cpu')).toBe('https://${MIRROR_USER}:${MIRROR_TOKEN}@nexus.example/whl/cpu');
    expect(joinIndexUrl('https://h.example/${PATH_PART}/whl?t=${T}', 'cu126')).toBe('https://h.example/${PATH_PART}/whl/cu126?t=${T}');
  });

  it('property: the query and fragment stay, the path ends with the variant', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.constantFrom('cpu', 'cu126', 'rocm7.2'), (base, variant) => {
        const joined = new URL(joinIndexUrl(base, variant));
        const original = new URL(base);
        expect(joined.search).toBe(original.search);
        expect(joined.hash).toBe(original.hash);
        expect(joined.host).toBe(original.host);
        expect(joined.pathname.endsWith(`/${variant}`)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
