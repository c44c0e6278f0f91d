import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { capMachine, MACHINE_LIMITS, MAX_MACHINE_FILE_BYTES, parseMachineJson, readMachineFile } from '../../src/detect/load-machine.js';
import { runTool } from '../../src/process/run-tool.js';
import { describePosix } from '../helpers/posix.js';
import { InputError } from '../../src/errors.js';

const FULL = {
  os: 'linux',
  arch: 'x86_64',
  python: '3.12',
  gpus: [
    { vendor: 'nvidia', name: 'NVIDIA A100-SXM4-80GB', computeCapability: '8.0', driver: '550.54.15', cuda: '12.4' },
    { vendor: 'amd', name: 'AMD Instinct MI300X', gfx: 'gfx942' },
    { vendor: 'intel', name: 'Intel(R) Arc(TM) A770 Graphics', deviceId: '0x56a0' },
    { vendor: 'apple', name: 'Apple M3 Pro' },
  ],
  notes: ['written by hand'],
};

function problem(text: string): string {
  try {
    parseMachineJson(text, 'machine.json');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const err = e as InputError;
    expect(err.input).toBe('machine');
    expect(err.value).toBe('machine.json');
    return err.problem;
  }
  throw new Error('expected an InputError');
}

const withField = (patch: Record<string, unknown>): string => JSON.stringify({ ...FULL, ...patch });
const withGpu = (index: number, patch: Record<string, unknown>): string =>
  JSON.stringify({ ...FULL, gpus: FULL.gpus.map((g, i) => (i === index ? { ...g, ...patch } : g)) });

describe('parseMachineJson', () => {
  it('reads the issue example', () => {
    expect(parseMachineJson(JSON.stringify(FULL), 'x')).toEqual(FULL);
  });

  it('needs only os, arch and gpus; notes default to []', () => {
    expect(parseMachineJson('{"os":"windows","arch":"aarch64","gpus":[]}', 'x')).toEqual({ os: 'windows', arch: 'aarch64', gpus: [], notes: [] });
  });

  it('drops unknown fields, at the top and in GPUs, and fields of another vendor', () => {
    const text = JSON.stringify({ ...FULL, hostname: 'box', gpus: [{ vendor: 'nvidia', name: 'NVIDIA L4', memory: '24GB', gfx: 'gfx942' }] });
    expect(parseMachineJson(text, 'x')).toEqual({
      os: 'linux',
      arch: 'x86_64',
      python: '3.12',
      gpus: [{ vendor: 'nvidia', name: 'NVIDIA L4', computeCapability: '8.9' }],
      notes: ['written by hand', 'computeCapability of NVIDIA L4 taken from its name: 8.9'],
    });
  });

  it('fills an NVIDIA compute capability from the name when it is left out, with a note', () => {
    const text = JSON.stringify({
      os: 'linux',
      arch: 'x86_64',
      gpus: [
        { vendor: 'nvidia', name: 'NVIDIA GeForce GTX 1080 Ti', driver: '535.183.01' },
        { vendor: 'nvidia', name: 'NVIDIA GeForce RTX 3090', computeCapability: '8.6' },
        { vendor: 'nvidia', name: 'Some Future GPU' },
      ],
    });
    const m = parseMachineJson(text, 'x');
    expect(m.gpus).toEqual([
      { vendor: 'nvidia', name: 'NVIDIA GeForce GTX 1080 Ti', driver: '535.183.01', computeCapability: '6.1' },
      { vendor: 'nvidia', name: 'NVIDIA GeForce RTX 3090', computeCapability: '8.6' },
      { vendor: 'nvidia', name: 'Some Future GPU' },
    ]);
    // Only the one taken from the name is noted: one given stays as given, one unknown stays unknown.
    expect(m.notes).toEqual(['computeCapability of NVIDIA GeForce GTX 1080 Ti taken from its name: 6.1']);
  });

  it('accepts a BOM', () => {
    expect(parseMachineJson('\uFEFF' + JSON.stringify(FULL), 'x').os).toBe('linux');
  });

  it('refuses text that is not a JSON object', () => {
    expect(problem('{"os": linux}')).toMatch(/not valid JSON/);
    expect(problem('[]')).toMatch(/expected a JSON object .* got an array/);
    expect(problem('null')).toMatch(/got null/);
  });

  it('names a wrong os or arch and lists what is allowed', () => {
    expect(problem(withField({ os: 'Linux' }))).toBe('field "os" is "Linux"; allowed: "linux", "windows", "macos"');
    expect(problem(withField({ arch: 'amd64' }))).toBe('field "arch" is "amd64"; allowed: "x86_64", "aarch64"');
    expect(problem(withField({ arch: undefined }))).toMatch(/field "arch" is missing/);
  });

  it('wants python as a "3.N" string', () => {
    expect(problem(withField({ python: 3.12 }))).toMatch(/field "python" is 3\.12 \(a number, not a string\); allowed: a "3\.N" string/);
    expect(problem(withField({ python: '3.12.1' }))).toMatch(/field "python" is "3\.12\.1"/);
    expect(problem(withField({ python: '3.13T' }))).toMatch(/field "python" is "3\.13T".*"3\.13t" for a free-threaded Python/);
  });

  it('accepts a free-threaded Python, "3.13t"', () => {
    expect(parseMachineJson(withField({ python: '3.13t' }), 'x').python).toBe('3.13t');
    expect(parseMachineJson(withField({ python: '3.14t' }), 'x').python).toBe('3.14t');
  });

  it('wants gpus as an array of objects with a known vendor and a name', () => {
    expect(problem(withField({ gpus: undefined }))).toMatch(/field "gpus" is missing/);
    expect(problem(withField({ gpus: {} }))).toMatch(/field "gpus" is an object; allowed: an array/);
    expect(problem(withField({ gpus: ['A100'] }))).toMatch(/gpus\[0\] is "A100"; allowed: an object/);
    expect(problem(withGpu(1, { vendor: 'ati' }))).toBe('gpus[1].vendor is "ati"; allowed: "nvidia", "amd", "intel", "apple"');
    expect(problem(withGpu(3, { name: '' }))).toMatch(/gpus\[3\]\.name is ""; allowed: a non-empty string/);
  });

  it('checks the form of each optional GPU field', () => {
    expect(problem(withGpu(0, { computeCapability: 8.0 }))).toMatch(/gpus\[0\]\.computeCapability is 8 \(a number, not a string\); allowed: a "major\.minor" string/);
    expect(problem(withGpu(0, { computeCapability: 'sm_80' }))).toMatch(/gpus\[0\]\.computeCapability is "sm_80"/);
    expect(problem(withGpu(0, { driver: 'latest' }))).toMatch(/gpus\[0\]\.driver is "latest"; allowed: a dotted version string/);
    expect(problem(withGpu(0, { cuda: '12' }))).toMatch(/gpus\[0\]\.cuda is "12"/);
    expect(problem(withGpu(1, { gfx: 'gfx942:xnack-' }))).toMatch(/gpus\[1\]\.gfx is "gfx942:xnack-"; allowed: an LLVM target/);
    expect(problem(withGpu(2, { deviceId: '56A0' }))).toMatch(/gpus\[2\]\.deviceId is "56A0"; allowed: a PCI device id/);
  });

  it('wants notes as strings', () => {
    expect(problem(withField({ notes: [1] }))).toMatch(/field "notes" is an array; allowed: an array of strings/);
  });

  it('either returns a valid machine or throws an InputError, for any JSON', () => {
    fc.assert(fc.property(fc.oneof(fc.json(), fc.string({ maxLength: 200 })), (text) => {
      try {
        const m = parseMachineJson(text, 'x');
        expect(['linux', 'windows', 'macos']).toContain(m.os);
        expect(Array.isArray(m.gpus)).toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
      }
    }), { numRuns: 500 });
  });
});

describe('machine caps and files that are not files', () => {
  it('keeps the first 64 of 6,394 "GPUs", says how many more, and bounds names and notes', () => {
    const gpus = Array.from({ length: 6394 }, () => ({ vendor: 'nvidia', name: `NVIDIA H100 ${'x'.repeat(5000)}`, computeCapability: '9.0', driver: '580.65.06', cuda: '13.0' }));
    const machine = capMachine(parseMachineJson(JSON.stringify({ os: 'linux', arch: 'x86_64', gpus, notes: Array.from({ length: 5000 }, (_, i) => `note ${i} ${'y'.repeat(3000)}`) }), 'm.json'));
    expect(machine.gpus).toHaveLength(MACHINE_LIMITS.gpus);
    expect(Math.max(...machine.gpus.map((g) => g.name.length))).toBeLessThanOrEqual(MACHINE_LIMITS.nameChars);
    expect(machine.notes[0]).toBe('6394 GPUs were reported; only the first 64 are planned for and shown (… and 6330 more). No machine has that many: check what the GPU tool printed.');
    expect(machine.notes).toHaveLength(MACHINE_LIMITS.notes + 2);
    expect(machine.notes[machine.notes.length - 1]).toBe('… and 4800 more notes');
    expect(Buffer.byteLength(JSON.stringify(machine))).toBeLessThan(400_000);
  });

  it('leaves a real machine as it is', () => {
    const m = parseMachineJson(JSON.stringify(FULL), 'm.json');
    expect(capMachine(m)).toEqual(m);
  });
});

describePosix('reading a machine description file', () => {
  it('refuses a FIFO instead of blocking, and a device instead of reading for ever', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'torchcraft-machine-'));
    expect((await runTool('mkfifo', [join(dir, 'machine.json')], { timeoutMs: 5000 })).ok).toBe(true);
    await expect(readMachineFile(join(dir, 'machine.json'), 'machine.json')).rejects.toThrow(/Invalid machine "machine\.json": cannot read the file \(it is a FIFO \(named pipe\), not a regular file\)/);
    await expect(readMachineFile('/dev/zero', '/dev/zero')).rejects.toThrow(/it is a character device, not a regular file/);
  });

  it('refuses a file over 4 MiB', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'torchcraft-machine-'));
    writeFileSync(join(dir, 'big.json'), Buffer.alloc(MAX_MACHINE_FILE_BYTES + 1, 32));
    await expect(readMachineFile(join(dir, 'big.json'), 'big.json')).rejects.toThrow(/larger than 4 MiB/);
  });
});

describe('a file that is not JSON', () => {
  it('says where it fails without quoting it (it may be /proc/self/environ)', () => {
    const p = problem('PATH=/usr/bin:/bin\nAWS_SECRET=Hunter2\n');
    expect(p).toMatch(/^it is not valid JSON \(it fails at character 1\)/);
    expect(p).not.toMatch(/PATH|Hunter2/);
  });
});
