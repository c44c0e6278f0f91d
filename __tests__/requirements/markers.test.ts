import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { evaluateMarker, parseMarker, type MarkerEnvironment } from '../../src/requirements/markers.js';
import { markerValues, type TargetEnvironment } from '../../src/requirements/target.js';

const env = (target: TargetEnvironment, extras: MarkerEnvironment['extras'] = []): MarkerEnvironment => ({ values: markerValues(target), extras });
const linux312 = env({ os: 'linux', arch: 'x86_64', python: '3.12' });
const linuxNoPython = env({ os: 'linux', arch: 'x86_64' });
const windowsArm = env({ os: 'windows', arch: 'aarch64', python: '3.11' });
const mac = env({ os: 'macos', arch: 'aarch64', python: '3.9' });

function value(marker: string, e: MarkerEnvironment): unknown {
  const r = evaluateMarker(marker, e);
  return r.ok ? r.value : `error: ${r.error}`;
}

describe('evaluateMarker', () => {
  it.each([
    ['sys_platform == "linux"', true],
    ["sys_platform == 'darwin'", false],
    ['platform_system == "Linux" and platform_machine == "x86_64"', true],
    ['os_name == "nt" or implementation_name == "cpython"', true],
    ['platform_python_implementation != "CPython"', false],
    ['python_version >= "3.10"', true],
    ['python_version < "3.9"', false],
    ['python_full_version >= "3.12.0"', true],
    ['python_full_version > "3.12.0"', false],
    ['python_version == "3.*"', true],
    ['python_version ~= "3.10"', true],
    ['"3.13" > python_version', true],
    ['"linux" in sys_platform', true],
    ['"linux" not in sys_platform', false],
    ['"x86" in platform_machine', true],
    ['sys_platform == "darwin" or (sys_platform == "linux" and python_version >= "3.10")', true],
    ['(sys_platform == "darwin" or sys_platform == "linux") and python_version < "3.11"', false],
    ['sys_platform == "linux" and (platform_machine == "aarch64" or (os_name == "posix" and python_version >= "3.12"))', true],
  ])('on Linux x86_64, Python 3.12: %s is %s', (marker, expected) => {
    expect(value(marker, linux312)).toBe(expected);
  });

  it('compares Python versions as versions, not strings', () => {
    // As strings "3.9" > "3.10"; as versions it is the other way round.
    expect(value('python_version > "3.9"', env({ os: 'linux', arch: 'x86_64', python: '3.10' }))).toBe(true);
    expect(value('python_version < "3.10"', env({ os: 'linux', arch: 'x86_64', python: '3.9' }))).toBe(true);
    expect(value('python_version < "3.10"', mac)).toBe(true);
  });

  it('gives each OS its own spelling', () => {
    expect(value('sys_platform == "win32" and platform_machine == "ARM64" and os_name == "nt"', windowsArm)).toBe(true);
    expect(value('platform_system == "Windows" and platform_machine == "AMD64"', windowsArm)).toBe(false);
    expect(value('sys_platform == "darwin" and platform_machine == "arm64"', mac)).toBe(true);
  });

  it('accepts the legacy dotted names', () => {
    expect(value('sys.platform == "linux" and os.name == "posix"', linux312)).toBe(true);
    expect(value('platform.machine == "x86_64"', linux312)).toBe(true);
  });

  it('says unknown, naming the variable, when the outcome hinges on the unknown Python', () => {
    expect(evaluateMarker('python_version >= "3.10"', linuxNoPython)).toEqual({ ok: true, value: 'unknown', unknown: ['python_version'] });
    expect(evaluateMarker('sys_platform == "linux" and python_full_version < "3.13"', linuxNoPython)).toEqual({
      ok: true,
      value: 'unknown',
      unknown: ['python_full_version'],
    });
  });

  it('decides without the Python when the rest decides (three-valued logic)', () => {
    expect(evaluateMarker('sys_platform == "darwin" and python_version < "3.10"', linuxNoPython)).toEqual({ ok: true, value: false, unknown: [] });
    expect(evaluateMarker('sys_platform == "linux" or python_version < "3.10"', linuxNoPython)).toEqual({ ok: true, value: true, unknown: [] });
    expect(value('platform_release >= "5.4"', linux312)).toBe('unknown');
  });

  it('matches extra against the requested extras, normalised, for any one of them', () => {
    const some = env({ os: 'linux', arch: 'x86_64', python: '3.12' }, ['Train', 'cuda_12']);
    expect(value('extra == "train"', some)).toBe(true);
    expect(value('extra == "cuda-12"', some)).toBe(true);
    expect(value('extra == "docs"', some)).toBe(false);
    // One extra at a time, as pip evaluates it: no single extra is both.
    expect(value('extra == "train" and extra == "cuda-12"', some)).toBe(false);
    expect(value('extra == "train"', linux312)).toBe(false);
    expect(value('extra == "train"', env({ os: 'linux', arch: 'x86_64' }, 'unknown'))).toBe('unknown');
  });

  it.each([
    ['', 'empty marker'],
    ['sys_platform ==', 'expected a marker variable'],
    ['sys_platform = "linux"', 'unexpected'],
    ['python_version >= "3.10', 'unterminated string'],
    ['(sys_platform == "linux"', 'expected ")"'],
    ['sys_platform == "linux")', 'expected "and", "or"'],
    ['foo == "bar"', 'unknown marker variable "foo"'],
    ['sys_platform == "linux" and', 'at the end'],
    ['sys_platform not "linux"', 'expected a comparison'],
    ['sys_platform ~= "linux"', 'not both versions'],
  ])('reports %j as an error (%s)', (marker, fragment) => {
    const r = evaluateMarker(marker, linux312);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(fragment);
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    const deep = '('.repeat(100_000) + 'sys_platform == "linux"' + ')'.repeat(100_000);
    const r = evaluateMarker(deep, linux312);
    expect(r.ok).toBe(false);
    const fine = '('.repeat(20) + 'sys_platform == "linux"' + ')'.repeat(20);
    expect(value(fine, linux312)).toBe(true);
  });

  it('refuses an absurdly long chain, and evaluates a long real one', () => {
    const chain = (n: number) => Array.from({ length: n }, () => 'sys_platform == "linux"').join(' and ');
    expect(value(chain(50_000), linux312)).toMatch(/^error: more than 2000 tokens/);
    expect(value(chain(400), linux312)).toBe(true);
  });

  it('never throws on arbitrary text, and answers fast', () => {
    const started = Date.now();
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = evaluateMarker(text, linux312);
        return r.ok ? [true, false, 'unknown'].includes(r.value) : typeof r.error === 'string' && r.error.length > 0;
      }),
      { numRuns: 2000 },
    );
    // Not a timing assertion: a generous bound that only catches a hang.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('never throws on marker-shaped garbage built from real tokens', () => {
    const token = fc.constantFrom(
      'python_version', 'sys_platform', 'extra', 'platform_release', '"3.10"', "'linux'", '"a b"', '==', '!=', '<', '>=', '~=', '===',
      'in', 'not', 'and', 'or', '(', ')', '"3.*"', '"garbage"', ' ', '"', "'",
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 30 }), fc.constantFrom<MarkerEnvironment>(linux312, linuxNoPython, env({ os: 'linux', arch: 'x86_64' }, 'unknown')), (tokens, e) => {
        const text = tokens.join(' ');
        const r = evaluateMarker(text, e);
        // Whatever parses also evaluates: a parse success never turns into an error except for ~= on non-versions.
        if (parseMarker(text).ok && !r.ok) return r.error.includes('~=');
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});
