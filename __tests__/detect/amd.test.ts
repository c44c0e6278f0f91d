import { expect, it } from '@jest/globals';
import { join } from 'node:path';
import { detectMachine, type DetectOptions } from '../../src/detect/index.js';
import { FakeTools, fsRoot, describePosix } from './fixtures.js';

function linux(tools: FakeTools, root: string): DetectOptions {
  return { platform: 'linux', arch: 'x64', env: { PATH: tools.dir }, fsRoot: root, timeoutMs: 10000, pythonVersion: '3.12' };
}

describePosix('AMD detection', () => {
  it('reads GPU agents from rocminfo and starts nothing else', async () => {
    const tools = new FakeTools();
    tools.add('rocminfo', { '': { stdoutFile: 'rocminfo/mi250x-2gpu.txt' } });
    tools.add('rocm_agent_enumerator', { '': { stdoutFile: 'rocm_agent_enumerator/mi300x-2.txt' } });
    const m = await detectMachine(linux(tools, fsRoot()));
    expect(m.gpus).toEqual([
      { vendor: 'amd', name: 'AMD Instinct MI250X/MI250', gfx: 'gfx90a' },
      { vendor: 'amd', name: 'AMD Instinct MI250X/MI250', gfx: 'gfx90a' },
    ]);
    expect(tools.calls()).toEqual(['rocminfo']);
  });

  it('falls back to rocm_agent_enumerator when rocminfo fails, and notes the failure', async () => {
    const tools = new FakeTools();
    tools.add('rocminfo', { '': { stdoutFile: 'rocminfo/rock-not-loaded.txt', exit: 1 } });
    tools.add('rocm_agent_enumerator', { '': { stdoutFile: 'rocm_agent_enumerator/mi300x-2.txt' } });
    const m = await detectMachine(linux(tools, fsRoot()));
    expect(m.gpus).toEqual([
      { vendor: 'amd', name: 'AMD GPU (gfx942)', gfx: 'gfx942' },
      { vendor: 'amd', name: 'AMD GPU (gfx942)', gfx: 'gfx942' },
    ]);
    expect(m.notes).toContain('rocminfo failed (exit 1): ROCk module is NOT loaded, possibly no GPU devices');
  });

  it('finds ROCm tools in /opt/rocm/bin when they are not on PATH', async () => {
    const tools = new FakeTools();
    const root = fsRoot();
    tools.add('rocminfo', { '': { stdoutFile: 'rocminfo/mi300x.txt' } }, join(root, 'opt/rocm/bin'));
    const m = await detectMachine(linux(tools, root));
    expect(m.gpus).toEqual([{ vendor: 'amd', name: 'AMD Instinct MI300X', gfx: 'gfx942' }]);
  });

  it('reads the kfd topology without ROCm tools, and mentions the installed ROCm release', async () => {
    const m = await detectMachine(linux(new FakeTools(), fsRoot('kfd-mi250')));
    expect(m.gpus).toEqual([
      { vendor: 'amd', name: 'AMD GPU (gfx90a)', gfx: 'gfx90a' },
      { vendor: 'amd', name: 'AMD GPU (gfx90a)', gfx: 'gfx90a' },
    ]);
    expect(m.notes).toContain('ROCm 6.4.1-120 is installed (/opt/rocm/.info/version)');
    expect(m.notes.join('\n')).toMatch(/read 2 AMD GPU\(s\) from the kernel's kfd topology/);
  });

  it('uses the kfd topology when the tools list only the CPU agent', async () => {
    const tools = new FakeTools();
    tools.add('rocm_agent_enumerator', { '': { stdoutFile: 'rocm_agent_enumerator/cpu-only.txt' } });
    const m = await detectMachine(linux(tools, fsRoot('kfd-mi250')));
    expect(m.gpus.map((g) => g.vendor === 'amd' && g.gfx)).toEqual(['gfx90a', 'gfx90a']);
    expect(m.notes).toContain('rocm_agent_enumerator listed no AMD GPU');
  });

  it('reports an AMD GPU seen only on the PCI bus, without a gfx target', async () => {
    const m = await detectMachine(linux(new FakeTools(), fsRoot('pci-no-drivers')));
    expect(m.gpus).toContainEqual({ vendor: 'amd', name: 'AMD GPU [1002:740f]' });
    expect(m.notes.join('\n')).toMatch(/AMD GPU \[1002:740f\] is on the PCI bus but neither ROCm nor the kernel's kfd topology names its gfx target/);
  });

  it('does not report the PCI witness when ROCm named the GPU', async () => {
    const tools = new FakeTools();
    tools.add('rocminfo', { '': { stdoutFile: 'rocminfo/mi300x.txt' } });
    const m = await detectMachine(linux(tools, fsRoot('pci-no-drivers')));
    expect(m.gpus.filter((g) => g.vendor === 'amd')).toEqual([{ vendor: 'amd', name: 'AMD Instinct MI300X', gfx: 'gfx942' }]);
  });
});
