import { expect, it } from '@jest/globals';
import { detectMachine, type DetectOptions } from '../../src/detect/index.js';
import { PROBE_MARKER } from '../../src/detect/python-parse.js';
import { PYTHON_PROBE_ARGS } from '../../src/detect/python.js';
import { FakeTools, fsRoot, describePosix } from './fixtures.js';

function mac(tools: FakeTools, arch: string): DetectOptions {
  return { platform: 'darwin', arch, env: { PATH: tools.dir }, fsRoot: fsRoot(), timeoutMs: 10000, pythonVersion: '3.12' };
}

/** A Mac whose `python3` is asked (no python-version given) and prints the probe line for `machine`. */
function macWithPython(tools: FakeTools, arch: string, machine: string): DetectOptions {
  tools.add('python3', { [PYTHON_PROBE_ARGS.join(' ')]: { stdout: `${PROBE_MARKER}|3.12|64|${machine}|\n` } });
  const { pythonVersion: _, ...options } = mac(tools, arch);
  return options;
}

describePosix('Apple Silicon', () => {
  it('reports the chip on arm64 macOS and probes no NVIDIA or AMD tools', async () => {
    const tools = new FakeTools();
    tools.add('sysctl', { '-n machdep.cpu.brand_string': { stdout: 'Apple M3 Pro\n' } });
    tools.add('nvidia-smi', { '*': { stdout: '' } });
    const m = await detectMachine(mac(tools, 'arm64'));
    expect(m).toMatchObject({ os: 'macos', arch: 'aarch64', gpus: [{ vendor: 'apple', name: 'Apple M3 Pro' }] });
    expect(tools.calls()).toEqual(['sysctl -n machdep.cpu.brand_string']);
    expect(m.notes.join('\n')).not.toMatch(/nvidia-smi/);
  });

  it('sees through Rosetta: x64 with sysctl.proc_translated 1 is aarch64, with a note', async () => {
    const tools = new FakeTools();
    tools.add('sysctl', { '-n sysctl.proc_translated': { stdout: '1\n' }, '-n machdep.cpu.brand_string': { stdout: 'Apple M1\n' } });
    const m = await detectMachine(mac(tools, 'x64'));
    expect(m.arch).toBe('aarch64');
    expect(m.gpus).toEqual([{ vendor: 'apple', name: 'Apple M1' }]);
    expect(m.notes.join('\n')).toMatch(/Rosetta/);
  });

  it('treats an Intel Mac (no proc_translated key) as x86_64 without an Apple GPU', async () => {
    const tools = new FakeTools();
    tools.add('sysctl', { '-n sysctl.proc_translated': { stdout: 'sysctl: unknown oid \'sysctl.proc_translated\'\n', exit: 1 } });
    const m = await detectMachine(mac(tools, 'x64'));
    expect(m.arch).toBe('x86_64');
    expect(m.gpus).toEqual([]);
  });

  it('falls back to "Apple Silicon" when the brand string is not an Apple chip name', async () => {
    const tools = new FakeTools();
    tools.add('sysctl', { '-n machdep.cpu.brand_string': { stdout: 'VirtualApple @ 2.50GHz processor\n' } });
    const m = await detectMachine(mac(tools, 'arm64'));
    expect(m.gpus).toEqual([{ vendor: 'apple', name: 'Apple Silicon' }]);
  });

  it('still reports Apple Silicon on arm64 when sysctl is missing, with a note', async () => {
    const m = await detectMachine(mac(new FakeTools(), 'arm64'));
    expect(m.gpus).toEqual([{ vendor: 'apple', name: 'Apple Silicon' }]);
    expect(m.notes).toContain('sysctl not found: chip name unknown');
  });

  it('plans x86_64 wheels for an x86_64 Python on an arm64 Mac, still listing the Apple GPU (policy applies Intel-Mac rules)', async () => {
    const tools = new FakeTools();
    tools.add('sysctl', { '-n machdep.cpu.brand_string': { stdout: 'Apple M2\n' } });
    const m = await detectMachine(macWithPython(tools, 'arm64', 'x86_64'));
    expect(m).toMatchObject({ os: 'macos', arch: 'x86_64', python: '3.12', gpus: [{ vendor: 'apple', name: 'Apple M2' }] });
    expect(m.notes).toContain('python3 is an x86_64 interpreter on an aarch64 machine (Rosetta?): planning for x86_64 wheels');
  });

  it('plans x86_64 wheels when both node and Python run under Rosetta', async () => {
    const tools = new FakeTools();
    tools.add('sysctl', { '-n sysctl.proc_translated': { stdout: '1\n' }, '-n machdep.cpu.brand_string': { stdout: 'Apple M1\n' } });
    const m = await detectMachine(macWithPython(tools, 'x64', 'x86_64'));
    expect(m.arch).toBe('x86_64');
    expect(m.gpus).toEqual([{ vendor: 'apple', name: 'Apple M1' }]);
    expect(m.notes.join('\n')).toMatch(/on an aarch64 machine \(Rosetta\?\): planning for x86_64 wheels/);
  });

  it('plans aarch64 wheels for an arm64 Python under an x64 node on Apple Silicon', async () => {
    const tools = new FakeTools();
    tools.add('sysctl', { '-n sysctl.proc_translated': { stdout: '1\n' }, '-n machdep.cpu.brand_string': { stdout: 'Apple M1\n' } });
    const m = await detectMachine(macWithPython(tools, 'x64', 'arm64'));
    expect(m).toMatchObject({ arch: 'aarch64', gpus: [{ vendor: 'apple', name: 'Apple M1' }] });
    expect(m.notes).toContain('python3 is an aarch64 interpreter while node runs as x64: planning for aarch64 wheels');
    // The one interpreter run answered both questions.
    expect(tools.calls().filter((c) => c.startsWith('python'))).toHaveLength(1);
  });

  it('keeps an Intel Mac x86_64 with an x86_64 Python, without an arch note', async () => {
    const tools = new FakeTools();
    tools.add('sysctl', { '-n sysctl.proc_translated': { stdout: '', exit: 1 } });
    const m = await detectMachine(macWithPython(tools, 'x64', 'x86_64'));
    expect(m).toMatchObject({ arch: 'x86_64', python: '3.12', gpus: [] });
    expect(m.notes.join('\n')).not.toMatch(/interpreter|Rosetta/);
  });
});
