import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { interpreterArch, interpreterOs, planMismatchError, planPythonMinor } from '../../src/install/fit.js';
import type { PythonInfo } from '../../src/install/types.js';
import { CLI_NAMES } from '../../src/setting-names.js';
import { testPlan } from '../helpers/plan.js';

const linux311: PythonInfo = {
  command: 'python3',
  found: true,
  isPython: true,
  version: '3.11',
  executable: '/opt/py/bin/python3.11',
  sysPlatform: 'linux',
  machine: 'x86_64',
  sysconfigPlatform: 'linux-x86_64',
  pointerBits: 64,
};
const plan = (machine: Parameters<typeof testPlan>[0]['machine']) => testPlan({ backend: 'cpu', indexUrl: null, machine });

describe('interpreterOs / interpreterArch', () => {
  it.each([
    [{ sysPlatform: 'linux', machine: 'x86_64' }, 'linux', 'x86_64'],
    [{ sysPlatform: 'linux', machine: 'aarch64' }, 'linux', 'aarch64'],
    [{ sysPlatform: 'darwin', machine: 'arm64' }, 'macos', 'aarch64'],
    // Rosetta: an x86_64 process on Apple Silicon reports the translated CPU.
    [{ sysPlatform: 'darwin', machine: 'x86_64' }, 'macos', 'x86_64'],
    [{ sysPlatform: 'win32', machine: 'AMD64', sysconfigPlatform: 'win-amd64' }, 'windows', 'x86_64'],
    // Windows: the interpreter's own build decides, as for pip's wheel tags.
    [{ sysPlatform: 'win32', machine: 'ARM64', sysconfigPlatform: 'win-amd64' }, 'windows', 'x86_64'],
    [{ sysPlatform: 'win32', machine: 'ARM64', sysconfigPlatform: 'win-arm64' }, 'windows', 'aarch64'],
    [{ sysPlatform: 'linux', machine: 'x86_64', pointerBits: 32 }, 'linux', 'x86_64 (a 32-bit interpreter)'],
    [{ sysPlatform: 'freebsd14', machine: 'amd64' }, 'freebsd14', 'x86_64'],
    [{ sysPlatform: 'linux', machine: 'ppc64le' }, 'linux', 'ppc64le'],
  ])('%j is %s/%s', (fields, os, arch) => {
    const info: PythonInfo = { command: 'python', found: true, isPython: true, ...fields };
    expect(interpreterOs(info)).toBe(os);
    expect(interpreterArch(info)).toBe(arch);
  });

  it('says nothing when the interpreter did not tell', () => {
    const info: PythonInfo = { command: 'python', found: true, isPython: true };
    expect(interpreterOs(info)).toBeUndefined();
    expect(interpreterArch(info)).toBeUndefined();
  });
});

describe('planPythonMinor', () => {
  it.each([
    ['3.12', '3.12'],
    ['3.13t', '3.13'],
    ['cp312', '3.12'],
    ['312', '3.12'],
    ['3.9.18', '3.9'],
    ['three', undefined],
    [undefined, undefined],
  ])('%s -> %s', (given, minor) => expect(planPythonMinor(given)).toBe(minor));

  it('never throws on any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => expect(['string', 'undefined']).toContain(typeof planPythonMinor(s))));
  });
});

describe('planMismatchError', () => {
  it('a plan that fits the interpreter: no error', () => {
    expect(planMismatchError(plan({ python: '3.11' }), linux311)).toBeUndefined();
    expect(planMismatchError(plan({ python: '3.11' }), linux311, { pythonVersionGiven: true, machineGiven: true })).toBeUndefined();
  });

  it('a plan without a Python, or an interpreter that did not say its platform: nothing to compare', () => {
    expect(planMismatchError(plan({ python: undefined }), linux311)).toBeUndefined();
    const quiet: PythonInfo = { ...linux311, sysPlatform: undefined, machine: undefined, sysconfigPlatform: undefined, pointerBits: undefined };
    expect(planMismatchError(plan({ os: 'windows', arch: 'aarch64', python: '3.11' }), quiet)).toBeUndefined();
  });

  it('python-version given for another Python: names both versions, the interpreter and both fixes', () => {
    expect(planMismatchError(plan({ python: '3.12' }), linux311, { pythonVersionGiven: true })).toBe(
      "Input python-version is 3.12 but the interpreter /opt/py/bin/python3.11 is Python 3.11: the plan's wheels are for 3.12. " +
        'Set input python to a 3.12 interpreter, or leave input python-version empty to plan for the interpreter.',
    );
  });

  it('in the CLI, names the flags', () => {
    const m = planMismatchError(plan({ python: '3.12' }), linux311, { pythonVersionGiven: true }, CLI_NAMES);
    expect(m).toMatch(/^--python-version is 3\.12 but .*Set --python to a 3\.12 interpreter, or leave --python-version empty/);
  });

  it("a machine description's Python: says where 3.12 came from, and offers python-version", () => {
    const m = planMismatchError(plan({ python: '3.12' }), linux311, { machineGiven: true });
    expect(m).toMatch(/^The machine description \(input machine\) says Python 3\.12 but the interpreter \/opt\/py\/bin\/python3\.11 is Python 3\.11/);
    expect(m).toContain('python-version: 3.11');
  });

  it('a plan for another OS from a machine description: install it there', () => {
    const m = planMismatchError(plan({ os: 'windows', python: '3.11' }), linux311, { machineGiven: true });
    expect(m).toMatch(/plan is for another machine: windows\/x86_64 \(input machine\), but the interpreter \/opt\/py\/bin\/python3\.11 runs on linux\/x86_64.*install it there/);
  });

  it('OS and CPU are checked before the Python version', () => {
    const m = planMismatchError(plan({ arch: 'aarch64', python: '3.12' }), linux311, { machineGiven: true, pythonVersionGiven: true });
    expect(m).toContain('linux/aarch64 (input machine)');
    expect(m).toContain('runs on linux/x86_64');
  });

  it('a detected plan with an interpreter of another CPU (Rosetta, 32-bit): set python to a native one', () => {
    const rosetta: PythonInfo = { ...linux311, sysPlatform: 'darwin', machine: 'x86_64', sysconfigPlatform: 'macosx-10.9-universal2' };
    const m = planMismatchError(plan({ os: 'macos', arch: 'aarch64', python: '3.11' }), rosetta);
    expect(m).toMatch(/plan is for macos\/aarch64 \(this machine\), but the interpreter .* is a macos\/x86_64 build.*native macos\/aarch64/);
    const i686 = planMismatchError(plan({ python: '3.11' }), { ...linux311, pointerBits: 32 });
    expect(i686).toContain('linux/x86_64 (a 32-bit interpreter) build');
  });

  it('any fitting interpreter passes and any other minor version fails (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 30 }), fc.integer({ min: 8, max: 30 }), fc.boolean(), (planned, actual, given) => {
        const m = planMismatchError(plan({ python: `3.${planned}` }), { ...linux311, version: `3.${actual}` }, { pythonVersionGiven: given });
        if (planned === actual) expect(m).toBeUndefined();
        else expect(m).toContain(`is Python 3.${actual}: the plan's wheels are for 3.${planned}.`);
      }),
    );
  });
});
