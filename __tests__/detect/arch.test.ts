import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { chooseArch, type ArchEvidence } from '../../src/detect/arch.js';
import { ARCHES, OSES } from '../../src/machine.js';

const appleArm: ArchEvidence = { os: 'macos', processArch: 'arm64', node: 'aarch64', appleSilicon: true };
const rosettaNode: ArchEvidence = { os: 'macos', processArch: 'x64', node: 'x86_64', appleSilicon: true };

describe('chooseArch', () => {
  it('keeps the machine\'s arch, seen through Rosetta, when no interpreter answered', () => {
    expect(chooseArch(appleArm)).toEqual({ arch: 'aarch64', notes: [] });
    expect(chooseArch(rosettaNode)).toEqual({ arch: 'aarch64', notes: [] });
    expect(chooseArch({ os: 'linux', processArch: 'x64', node: 'x86_64', appleSilicon: false })).toEqual({ arch: 'x86_64', notes: [] });
  });

  it('plans x86_64 wheels for an x86_64 Python on Apple Silicon, whatever node runs as', () => {
    for (const evidence of [appleArm, rosettaNode]) {
      expect(chooseArch({ ...evidence, interpreter: { name: 'python3', bits: 64, machine: 'x86_64' } })).toEqual({
        arch: 'x86_64',
        notes: ['python3 is an x86_64 interpreter on an aarch64 machine (Rosetta?): planning for x86_64 wheels'],
      });
    }
  });

  it('plans aarch64 wheels for an arm64 Python under an x64 node, with a note', () => {
    expect(chooseArch({ ...rosettaNode, interpreter: { name: 'python3', bits: 64, machine: 'arm64' } })).toEqual({
      arch: 'aarch64',
      notes: ['python3 is an aarch64 interpreter while node runs as x64: planning for aarch64 wheels'],
    });
    // Windows on Arm with an emulated x64 node: nothing but the interpreter tells.
    expect(chooseArch({ os: 'windows', processArch: 'x64', node: 'x86_64', appleSilicon: false, interpreter: { name: 'python', bits: 64, machine: 'ARM64', platform: 'win-arm64' } }).arch).toBe('aarch64');
  });

  it('plans win_amd64 wheels for an x64 Python on Windows on Arm, although platform.machine() says ARM64', () => {
    expect(chooseArch({ os: 'windows', processArch: 'arm64', node: 'aarch64', appleSilicon: false, interpreter: { name: 'python', bits: 64, machine: 'ARM64', platform: 'win-amd64' } })).toEqual({
      arch: 'x86_64',
      notes: ['python is an x86_64 interpreter on an aarch64 machine (x64 emulation?): planning for x86_64 wheels'],
    });
  });

  it('keeps the machine\'s arch, with a note, when the interpreter is 32-bit, odd or silent', () => {
    expect(chooseArch({ os: 'linux', processArch: 'arm64', node: 'aarch64', appleSilicon: false, interpreter: { name: 'python3', bits: 32, machine: 'aarch64' } })).toEqual({
      arch: 'aarch64',
      notes: ['python3 runs as aarch64 (a 32-bit interpreter), which torchcraft does not plan for: planning for aarch64 wheels, the machine\'s'],
    });
    expect(chooseArch({ os: 'windows', processArch: 'x64', node: 'x86_64', appleSilicon: false, interpreter: { name: 'python', machine: 'AMD64', platform: 'win32' } }).arch).toBe('x86_64');
    expect(chooseArch({ os: 'linux', processArch: 'x64', node: 'x86_64', appleSilicon: false, interpreter: { name: 'python3', bits: 64, machine: 'ppc64le' } }).notes).toEqual([
      'python3 runs as ppc64le, which torchcraft does not plan for: planning for x86_64 wheels, the machine\'s',
    ]);
    expect(chooseArch({ ...appleArm, interpreter: { name: 'python3' } })).toEqual({
      arch: 'aarch64',
      notes: ['python3 did not say which architecture it runs as: planning for aarch64 wheels, the machine\'s'],
    });
  });

  it('follows a 64-bit interpreter that names its arch, and notes exactly when that differs from node or the machine', () => {
    const machineNames = { x86_64: ['x86_64', 'AMD64'], aarch64: ['arm64', 'aarch64'] } as const;
    fc.assert(fc.property(fc.constantFrom(...OSES), fc.constantFrom(...ARCHES), fc.boolean(), fc.constantFrom(...ARCHES), fc.nat(1),
      (os, node, appleSilicon, pythonArch, pick) => {
        const machine = machineNames[pythonArch][pick];
        const result = chooseArch({ os, processArch: node === 'x86_64' ? 'x64' : 'arm64', node, appleSilicon, interpreter: { name: 'py', bits: 64, machine } });
        expect(result.arch).toBe(pythonArch);
        const machineArch = appleSilicon ? 'aarch64' : node;
        expect(result.notes.length).toBe(pythonArch !== node || pythonArch !== machineArch ? 1 : 0);
      }));
  });
});
