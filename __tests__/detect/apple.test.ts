import { expect, it } from '@jest/globals';
import { detectMachine, type DetectOptions } from '../../src/detect/index.js';
import { FakeTools, fsRoot, describePosix } from './fixtures.js';

function mac(tools: FakeTools, arch: string): DetectOptions {
  return { platform: 'darwin', arch, env: { PATH: tools.dir }, fsRoot: fsRoot(), timeoutMs: 10000, pythonVersion: '3.12' };
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
});
