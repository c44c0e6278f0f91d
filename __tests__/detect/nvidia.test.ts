import { expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { detectMachine, type DetectOptions } from '../../src/detect/index.js';
import { QUERY_ARGS, QUERY_ARGS_NO_COMPUTE_CAP } from '../../src/detect/nvidia.js';
import { FakeTools, fsRoot, describePosix } from './fixtures.js';

const QUERY = QUERY_ARGS.join(' ');
const QUERY_NO_CC = QUERY_ARGS_NO_COMPUTE_CAP.join(' ');

function linux(tools: FakeTools, root: string, extra: Partial<DetectOptions> = {}): DetectOptions {
  return { platform: 'linux', arch: 'x64', env: { PATH: tools.dir }, fsRoot: root, timeoutMs: 10000, pythonVersion: '3.12', ...extra };
}

describePosix('NVIDIA detection with nvidia-smi', () => {
  it('reports every GPU with capability, driver and the driver CUDA version from the header', async () => {
    const tools = new FakeTools();
    tools.add('nvidia-smi', { [QUERY]: { stdoutFile: 'nvidia-smi/query-h100x2.csv' }, '': { stdoutFile: 'nvidia-smi/plain-580-h100x2.txt' } });
    const m = await detectMachine(linux(tools, fsRoot()));
    const h100 = { vendor: 'nvidia', name: 'NVIDIA H100 80GB HBM3', computeCapability: '9.0', driver: '580.65.06', cuda: '13.0' };
    expect(m.gpus).toEqual([h100, h100]);
    // The query and the plain run, nothing else (no --version: the header had the CUDA version).
    expect(tools.calls().sort()).toEqual([`nvidia-smi`, `nvidia-smi ${QUERY}`].sort());
  });

  it('keeps mixed GPUs in index order', async () => {
    const tools = new FakeTools();
    tools.add('nvidia-smi', { [QUERY]: { stdoutFile: 'nvidia-smi/query-mixed-4.csv' }, '': { stdoutFile: 'nvidia-smi/plain-550-a100.txt' } });
    const m = await detectMachine(linux(tools, fsRoot()));
    expect(m.gpus.map((g) => g.name)).toEqual(['NVIDIA GeForce RTX 4090', 'NVIDIA GeForce RTX 3060', 'NVIDIA RTX A6000', 'Tesla V100-SXM2-16GB']);
    expect(m.gpus.every((g) => g.vendor === 'nvidia' && g.driver === '550.54.15' && g.cuda === '12.4')).toBe(true);
  });

  it('reports a MIG-enabled GPU once, as its parent', async () => {
    const tools = new FakeTools();
    tools.add('nvidia-smi', { [QUERY]: { stdoutFile: 'nvidia-smi/query-mig-a100.csv' }, '': { stdoutFile: 'nvidia-smi/plain-mig-a100.txt' } });
    const m = await detectMachine(linux(tools, fsRoot()));
    expect(m.gpus).toEqual([{ vendor: 'nvidia', name: 'NVIDIA A100-SXM4-40GB', computeCapability: '8.0', driver: '550.54.15', cuda: '12.4' }]);
  });

  it('reruns without compute_cap for an R470 driver and takes capability from the names', async () => {
    const tools = new FakeTools();
    tools.add('nvidia-smi', {
      [QUERY]: { stdoutFile: 'nvidia-smi/compute-cap-rejected.txt', exit: 2 },
      [QUERY_NO_CC]: { stdoutFile: 'nvidia-smi/query-r470-no-cc.csv' },
      '': { stdoutFile: 'nvidia-smi/plain-470-t4.txt' },
    });
    const m = await detectMachine(linux(tools, fsRoot()));
    expect(m.gpus).toEqual([
      { vendor: 'nvidia', name: 'Tesla T4', computeCapability: '7.5', driver: '470.256.02', cuda: '11.4' },
      { vendor: 'nvidia', name: 'Tesla T4', computeCapability: '7.5', driver: '470.256.02', cuda: '11.4' },
      { vendor: 'nvidia', name: 'Tesla K80', computeCapability: '3.7', driver: '470.256.02', cuda: '11.4' },
      { vendor: 'nvidia', name: 'NVIDIA Frobnicator X1', driver: '470.256.02', cuda: '11.4' },
    ]);
    expect(m.notes.join('\n')).toMatch(/rejected the compute_cap query field/);
    expect(m.notes.join('\n')).toMatch(/compute capability of "NVIDIA Frobnicator X1" unknown/);
  });

  it('asks --version when the plain header has no CUDA version', async () => {
    const tools = new FakeTools();
    tools.add('nvidia-smi', {
      [QUERY]: { stdoutFile: 'nvidia-smi/query-h100x2.csv' },
      '': { stdoutFile: 'nvidia-smi/plain-no-cuda-field.txt' },
      '--version': { stdoutFile: 'nvidia-smi/version-580.txt' },
    });
    const m = await detectMachine(linux(tools, fsRoot()));
    expect(m.gpus.map((g) => g.vendor === 'nvidia' && g.cuda)).toEqual(['13.0', '13.0']);
    expect(tools.calls()).toContain('nvidia-smi --version');
  });

  it('warns of a driver that is not loaded (exit 9) and reports no GPU from nvidia-smi', async () => {
    const tools = new FakeTools();
    tools.add('nvidia-smi', { '*': { stdoutFile: 'nvidia-smi/no-driver.txt', exit: 9 } });
    const m = await detectMachine(linux(tools, fsRoot()));
    expect(m.gpus).toEqual([]);
    expect(m.warnings?.join('\n')).toMatch(/couldn't communicate with the NVIDIA driver \(exit 9\)/);
  });

  it('warns of "no devices" (exit 6)', async () => {
    const tools = new FakeTools();
    tools.add('nvidia-smi', { '*': { stdoutFile: 'nvidia-smi/no-devices.txt', exit: 6 } });
    const m = await detectMachine(linux(tools, fsRoot()));
    expect(m.gpus).toEqual([]);
    expect(m.warnings?.join('\n')).toMatch(/found no devices \(exit 6\)/);
  });

  it('notes garbage output without inventing GPUs', async () => {
    const tools = new FakeTools();
    tools.add('nvidia-smi', { '*': { stdout: 'Segmentation fault\n\u0000\u0001 garbage, 1, 2' } });
    const m = await detectMachine(linux(tools, fsRoot()));
    expect(m.gpus).toEqual([]);
    expect(m.notes.join('\n')).toMatch(/printed no GPU rows/);
  });

  it('kills a hanging nvidia-smi, warns of it, and still reads the driver files', async () => {
    const tools = new FakeTools();
    tools.add('nvidia-smi', { '*': { hang: true } });
    const begin = Date.now();
    const m = await detectMachine(linux(tools, fsRoot('container-proc'), { timeoutMs: 1500 }));
    // Generous bound: it returned, it did not wait out the 60 s sleep.
    expect(Date.now() - begin).toBeLessThan(15000);
    expect(m.warnings?.join('\n')).toMatch(/nvidia-smi --query-gpu timed out after [\d.]+ s and was killed: driver hung\?/);
    expect(m.gpus.map((g) => g.name)).toEqual(['NVIDIA A100-SXM4-80GB', 'NVIDIA A100-SXM4-80GB']);
  });

  it('finds nvidia-smi at the WSL2 location when it is not on PATH', async () => {
    const tools = new FakeTools();
    const root = fsRoot();
    tools.add('nvidia-smi', { [QUERY]: { stdoutFile: 'nvidia-smi/query-mixed-4.csv' }, '': { stdoutFile: 'nvidia-smi/plain-550-a100.txt' } }, join(root, 'usr/lib/wsl/lib'));
    const m = await detectMachine(linux(tools, root));
    expect(m.gpus).toHaveLength(4);
    expect(m.gpus[0]).toEqual({ vendor: 'nvidia', name: 'NVIDIA GeForce RTX 4090', computeCapability: '8.9', driver: '550.54.15', cuda: '12.4' });
  });

  it('says where it looked when nvidia-smi is nowhere', async () => {
    const m = await detectMachine(linux(new FakeTools(), fsRoot()));
    expect(m.notes).toContain('nvidia-smi not found on PATH or at /usr/lib/wsl/lib/nvidia-smi');
  });
});

describePosix('NVIDIA detection without nvidia-smi (containers)', () => {
  it('reads GPUs from /proc/driver/nvidia/gpus and the proprietary driver version, with no CUDA version', async () => {
    const m = await detectMachine(linux(new FakeTools(), fsRoot('container-proc')));
    const a100 = { vendor: 'nvidia', name: 'NVIDIA A100-SXM4-80GB', computeCapability: '8.0', driver: '550.54.15' };
    expect(m.gpus).toEqual([a100, a100]);
    expect(m.notes.join('\n')).toMatch(/read 2 NVIDIA GPU\(s\) from \/proc\/driver\/nvidia\/gpus and driver 550\.54\.15/);
  });

  it('reads the open kernel module format and notes an unknown name', async () => {
    const m = await detectMachine(linux(new FakeTools(), fsRoot('container-open')));
    expect(m.gpus).toEqual([
      { vendor: 'nvidia', name: 'NVIDIA H100 80GB HBM3', computeCapability: '9.0', driver: '580.65.06' },
      { vendor: 'nvidia', name: 'NVIDIA Unreleased GPU', driver: '580.65.06' },
    ]);
    expect(m.notes.join('\n')).toMatch(/compute capability of "NVIDIA Unreleased GPU" unknown/);
  });

  it('falls back to /sys/module/nvidia/version', async () => {
    const m = await detectMachine(linux(new FakeTools(), fsRoot('sys-module-only')));
    expect(m.gpus).toEqual([{ vendor: 'nvidia', name: 'NVIDIA GeForce RTX 5090', computeCapability: '12.0', driver: '580.65.06' }]);
  });

  it('notes a loaded driver that lists no GPU, and reports none', async () => {
    const m = await detectMachine(linux(new FakeTools(), fsRoot('driver-without-gpus')));
    expect(m.gpus).toEqual([]);
    expect(m.notes.join('\n')).toMatch(/NVIDIA driver 550\.54\.15 is loaded .* but no GPU is listed/);
  });

  it('names a Jetson board from its device tree', async () => {
    const m = await detectMachine(linux(new FakeTools(), fsRoot('jetson-orin'), { arch: 'arm64' }));
    expect(m.arch).toBe('aarch64');
    expect(m.gpus).toEqual([{ vendor: 'nvidia', name: 'NVIDIA Jetson AGX Orin Developer Kit', computeCapability: '8.7' }]);
    expect(m.notes.join('\n')).toMatch(/Jetson \(L4T R36\.4\.3/);
  });

  it('reports an NVIDIA GPU seen only on the PCI bus, without a driver', async () => {
    const tools = new FakeTools();
    tools.add('nvidia-smi', { '*': { stdoutFile: 'nvidia-smi/no-driver.txt', exit: 9 } });
    const m = await detectMachine(linux(tools, fsRoot('pci-no-drivers')));
    expect(m.gpus).toContainEqual({ vendor: 'nvidia', name: 'NVIDIA GPU [10de:2330]' });
    expect(m.notes.join('\n')).toMatch(/NVIDIA GPU \[10de:2330\] is on the PCI bus but no NVIDIA driver answered/);
  });
});

describePosix('NVIDIA detection on Windows', () => {
  function windowsEnv(tools: FakeTools): { env: NodeJS.ProcessEnv; systemRoot: string; programFiles: string } {
    const systemRoot = join(tools.dir, 'Windows');
    const programFiles = join(tools.dir, 'Program Files');
    mkdirSync(join(systemRoot, 'System32'), { recursive: true });
    // Windows spells the variable "Path"; lookups must not care.
    return { env: { Path: join(tools.dir, 'bin'), PATHEXT: '.COM;.EXE;.BAT;.CMD', SystemRoot: systemRoot, ProgramFiles: programFiles }, systemRoot, programFiles };
  }

  it('finds nvidia-smi.exe in %SystemRoot%\\System32', async () => {
    const tools = new FakeTools();
    const { env, systemRoot } = windowsEnv(tools);
    tools.add('nvidia-smi.exe', { [QUERY]: { stdoutFile: 'nvidia-smi/query-mixed-4.csv' }, '': { stdoutFile: 'nvidia-smi/plain-550-a100.txt' } }, join(systemRoot, 'System32'));
    const m = await detectMachine({ platform: 'win32', arch: 'x64', env, fsRoot: fsRoot(), timeoutMs: 10000, pythonVersion: '3.12' });
    expect(m.os).toBe('windows');
    expect(m.gpus.filter((g) => g.vendor === 'nvidia')).toHaveLength(4);
    expect(m.notes.join('\n')).toMatch(/powershell not found/);
  });

  it('finds nvidia-smi.exe under %ProgramFiles%\\NVIDIA Corporation\\NVSMI (older drivers)', async () => {
    const tools = new FakeTools();
    const { env, programFiles } = windowsEnv(tools);
    tools.add('nvidia-smi.exe', { [QUERY]: { stdoutFile: 'nvidia-smi/query-h100x2.csv' }, '': { stdoutFile: 'nvidia-smi/plain-580-h100x2.txt' } }, join(programFiles, 'NVIDIA Corporation', 'NVSMI'));
    const m = await detectMachine({ platform: 'win32', arch: 'x64', env, fsRoot: fsRoot(), timeoutMs: 10000, pythonVersion: '3.12' });
    expect(m.gpus.map((g) => g.name)).toEqual(['NVIDIA H100 80GB HBM3', 'NVIDIA H100 80GB HBM3']);
  });

  it('says where it looked when nvidia-smi.exe is nowhere', async () => {
    const tools = new FakeTools();
    const m = await detectMachine({ platform: 'win32', arch: 'x64', env: windowsEnv(tools).env, fsRoot: fsRoot(), timeoutMs: 10000, pythonVersion: '3.12' });
    expect(m.notes.join('\n')).toMatch(/nvidia-smi not found on PATH, in %SystemRoot%\\System32 or in %ProgramFiles%/);
  });
});
