import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { findOnPath } from '../../src/detect/find-tool.js';
import { interpreterArch, parsePythonProbe, parsePythonVersion, PROBE_MARKER } from '../../src/detect/python-parse.js';
import { PYTHON_PROBE_ARGS } from '../../src/detect/python.js';
import { runTool } from '../../src/process/run-tool.js';
import { hostileText } from './fixtures.js';

/** What the probe script prints, as a real interpreter would. */
const line = (version: string, bits: string, machine: string, platform = ''): string => `${PROBE_MARKER}|${version}|${bits}|${machine}|${platform}\n`;

describe('parsePythonVersion', () => {
  it('reads major.minor', () => {
    expect(parsePythonVersion('3.12\n')).toBe('3.12');
    expect(parsePythonVersion('3.9\r\n')).toBe('3.9');
  });

  it('refuses other output', () => {
    for (const text of ['', 'Python 3.12.1', '3', 'Python was not found; run without arguments to install from the Microsoft Store']) {
      expect(parsePythonVersion(text)).toBeUndefined();
    }
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => {
      const v = parsePythonVersion(text);
      if (v !== undefined) expect(v).toMatch(/^\d+\.\d+$/);
    }));
  });
});

describe('parsePythonProbe', () => {
  it('reads the version, pointer size, machine and (Windows) platform', () => {
    expect(parsePythonProbe(line('3.12', '64', 'arm64'))).toEqual({ version: '3.12', bits: 64, machine: 'arm64' });
    expect(parsePythonProbe(line('3.11', '64', 'ARM64', 'win-amd64').replace('\n', '\r\n'))).toEqual({ version: '3.11', bits: 64, machine: 'ARM64', platform: 'win-amd64' });
    expect(parsePythonProbe(line('3.9', '32', 'aarch64'))).toEqual({ version: '3.9', bits: 32, machine: 'aarch64' });
  });

  it('finds its line among noise a sitecustomize or a shim printed', () => {
    const text = `pyenv: activating 3.12\n${line('3.12', '64', 'x86_64')}bye\n`;
    expect(parsePythonProbe(text)).toEqual({ version: '3.12', bits: 64, machine: 'x86_64' });
  });

  it('keeps the version when the machine or platform is empty or odd', () => {
    expect(parsePythonProbe(line('3.13', '64', ''))).toEqual({ version: '3.13', bits: 64 });
    expect(parsePythonProbe(line('3.13', '??', 'x86 64', 'win "amd64"'))).toEqual({ version: '3.13' });
  });

  it('gives nothing for output that is not its line', () => {
    for (const text of ['', '3.12\n', 'Python was not found; run without arguments to install from the Microsoft Store\r\n',
      `${PROBE_MARKER}|3.x|64|arm64|\n`, `${PROBE_MARKER}|3.12|64|arm64\n`, `${PROBE_MARKER}|3.12|64|arm64||\n`, `other|3.12|64|arm64|\n`]) {
      expect(parsePythonProbe(text)).toEqual({});
    }
  });

  it('never throws, and what it returns is well-formed', () => {
    fc.assert(fc.property(hostileText(line('3.12', '64', 'x86_64', 'win-amd64')), (text) => {
      const out = parsePythonProbe(text);
      if (out.version === undefined) expect(out).toEqual({});
      else expect(out.version).toMatch(/^\d+\.\d+$/);
      if (out.bits !== undefined) expect([32, 64]).toContain(out.bits);
      for (const name of [out.machine, out.platform]) if (name !== undefined) expect(name).toMatch(/^[A-Za-z0-9_.-]{1,64}$/);
    }));
  });

  it('reads back any line the script can print, wherever it sits in the output', () => {
    const name = fc.stringMatching(/^[A-Za-z0-9_.-]{1,20}$/);
    const noise = fc.array(fc.string({ maxLength: 40 }).filter((s) => !s.includes(PROBE_MARKER)), { maxLength: 4 });
    fc.assert(fc.property(fc.nat(99), fc.nat(999), fc.constantFrom('32', '64'), name, fc.option(name, { nil: undefined }), noise, noise,
      (major, minor, bits, machine, platform, before, after) => {
        const text = [...before, line(`${major}.${minor}`, bits, machine, platform).trimEnd(), ...after].join('\n');
        const expected = { version: `${major}.${minor}`, bits: Number(bits), machine, ...(platform !== undefined ? { platform } : {}) };
        expect(parsePythonProbe(text)).toEqual(expected);
      }));
  });
});

describe('interpreterArch', () => {
  it('maps what platform.machine() says', () => {
    for (const [machine, arch] of [['x86_64', 'x86_64'], ['AMD64', 'x86_64'], ['x64', 'x86_64'], ['arm64', 'aarch64'], ['aarch64', 'aarch64'], ['ARM64', 'aarch64']] as const) {
      expect(interpreterArch({ bits: 64, machine })).toEqual({ arch, reported: machine });
    }
  });

  it('lets the Windows build decide over platform.machine(), which names the CPU there', () => {
    expect(interpreterArch({ bits: 64, machine: 'ARM64', platform: 'win-amd64' })).toEqual({ arch: 'x86_64', reported: 'win-amd64' });
    expect(interpreterArch({ bits: 64, machine: 'AMD64', platform: 'win-arm64' })).toEqual({ arch: 'aarch64', reported: 'win-arm64' });
    expect(interpreterArch({ machine: 'AMD64', platform: 'win32' })).toEqual({ reported: 'win32' });
  });

  it('gives no arch for a 32-bit interpreter or an unknown machine, naming what it saw', () => {
    expect(interpreterArch({ bits: 32, machine: 'aarch64' })).toEqual({ reported: 'aarch64 (a 32-bit interpreter)' });
    expect(interpreterArch({ bits: 64, machine: 'ppc64le' })).toEqual({ reported: 'ppc64le' });
    expect(interpreterArch({ bits: 64 })).toEqual({});
  });
});

// The fakes elsewhere print what the script would; this runs the script itself, where an interpreter is installed.
const realPython = await findOnPath('python3', { platform: process.platform, env: process.env }) ?? await findOnPath('python', { platform: process.platform, env: process.env });
(realPython !== undefined ? describe : describe.skip)('the probe script on a real interpreter', () => {
  it('prints one line that parses, with an architecture', async () => {
    const r = await runTool(realPython as string, [...PYTHON_PROBE_ARGS], { timeoutMs: 30_000 });
    expect(r.ok).toBe(true);
    const out = parsePythonProbe(r.stdout);
    expect(out.version).toMatch(/^3\.\d+$/);
    expect(out.bits).toBeDefined();
    expect(out.machine).toBeDefined();
    if (process.platform === 'win32') expect(out.platform).toMatch(/^win/);
    else expect(out.platform).toBeUndefined();
  });
});
