import { expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { detectMachine, type DetectOptions } from '../../src/detect/index.js';
import { QUERY_ARGS } from '../../src/detect/nvidia.js';
import { PROBE_MARKER } from '../../src/detect/python-parse.js';
import { PYTHON_PROBE_ARGS } from '../../src/detect/python.js';
import { VIDEO_CONTROLLER_ARGS } from '../../src/detect/windows.js';
import { FakeTools, fsRoot, describePosix } from './fixtures.js';

const CIM = VIDEO_CONTROLLER_ARGS.join(' ');

function windows(tools: FakeTools): DetectOptions {
  const systemRoot = join(tools.dir, 'Windows');
  mkdirSync(join(systemRoot, 'System32'), { recursive: true });
  return {
    platform: 'win32',
    arch: 'x64',
    env: { PATH: tools.dir, PATHEXT: '.COM;.EXE;.BAT;.CMD', SystemRoot: systemRoot, ProgramFiles: join(tools.dir, 'Program Files') },
    fsRoot: fsRoot(),
    timeoutMs: 10000,
    pythonVersion: '3.12',
  };
}

describePosix('Windows video controllers', () => {
  it('reports Intel GPUs with device ids, NVIDIA ones from nvidia-smi only, and passes PowerShell its arguments as an array', async () => {
    const tools = new FakeTools();
    tools.add('powershell.exe', { [CIM]: { stdoutFile: 'windows/video-arc-uhd-nvidia.json' } });
    tools.add('nvidia-smi.exe', {
      [QUERY_ARGS.join(' ')]: { stdout: '0, NVIDIA GeForce RTX 4070, 560.94, 8.9\n' },
      '': { stdout: '| NVIDIA-SMI 560.94                 Driver Version: 560.94         CUDA Version: 12.6     |\n' },
    });
    const m = await detectMachine(windows(tools));
    expect(m.gpus).toEqual([
      { vendor: 'nvidia', name: 'NVIDIA GeForce RTX 4070', computeCapability: '8.9', driver: '560.94', cuda: '12.6' },
      { vendor: 'intel', name: 'Intel(R) UHD Graphics 770', deviceId: '0x4680' },
      { vendor: 'intel', name: 'Intel(R) Arc(TM) A770 Graphics', deviceId: '0x56a0' },
    ]);
    expect(tools.calls()).toContain(`powershell.exe ${CIM}`);
  });

  it('falls back to the controller list for an NVIDIA GPU when nvidia-smi is missing', async () => {
    const tools = new FakeTools();
    tools.add('powershell.exe', { [CIM]: { stdoutFile: 'windows/video-arc-uhd-nvidia.json' } });
    const m = await detectMachine(windows(tools));
    expect(m.gpus[0]).toEqual({ vendor: 'nvidia', name: 'NVIDIA GeForce RTX 4070', computeCapability: '8.9', driver: '560.94' });
    expect(m.notes.join('\n')).toMatch(/NVIDIA GeForce RTX 4070 listed by Windows but nvidia-smi gave nothing: driver 560\.94/);
  });

  it('reports an AMD Radeon by name (no gfx from Windows)', async () => {
    const tools = new FakeTools();
    tools.add('powershell.exe', { [CIM]: { stdoutFile: 'windows/video-single-radeon.json' } });
    const m = await detectMachine(windows(tools));
    expect(m.gpus).toEqual([{ vendor: 'amd', name: 'AMD Radeon RX 7900 XTX' }]);
  });

  it('warns of a failing CIM query', async () => {
    const tools = new FakeTools();
    tools.add('powershell.exe', { [CIM]: { stderrFile: 'windows/get-ciminstance-error.txt', exit: 1 } });
    const m = await detectMachine(windows(tools));
    expect(m.gpus).toEqual([]);
    expect(m.warnings).toContain('Get-CimInstance Win32_VideoController failed (exit 1): Get-CimInstance : Access denied');
  });

  it('finds powershell.exe under %SystemRoot% when PATH lacks it', async () => {
    const tools = new FakeTools();
    const options = windows(tools);
    tools.add('powershell.exe', { [CIM]: { stdoutFile: 'windows/video-single-radeon.json' } }, join(options.env.SystemRoot as string, 'System32', 'WindowsPowerShell', 'v1.0'));
    const m = await detectMachine({ ...options, env: { ...options.env, PATH: join(tools.dir, 'empty') } });
    expect(m.gpus).toEqual([{ vendor: 'amd', name: 'AMD Radeon RX 7900 XTX' }]);
  });

  it('plans win_amd64 wheels for an x64 Python on Windows on Arm: its build decides, not platform.machine()', async () => {
    const tools = new FakeTools();
    tools.add('powershell.exe', { [CIM]: { stdout: '[]' } });
    // Python 3.12+ reads platform.machine() from WMI: the CPU (ARM64), even in an emulated x64 interpreter.
    tools.add('python.exe', { [PYTHON_PROBE_ARGS.join(' ')]: { stdout: `${PROBE_MARKER}|3.12|64|ARM64|win-amd64\r\n` } });
    const { pythonVersion: _, ...options } = windows(tools);
    const m = await detectMachine({ ...options, arch: 'arm64' });
    expect(m).toMatchObject({ os: 'windows', arch: 'x86_64', python: '3.12' });
    expect(m.notes).toContain('python is an x86_64 interpreter on an aarch64 machine (x64 emulation?): planning for x86_64 wheels');
    expect(tools.calls().filter((c) => c.startsWith('python'))).toHaveLength(1);
  });
});
