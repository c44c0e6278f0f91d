import { expect, it } from '@jest/globals';
import { detectMachine, type DetectOptions } from '../../src/detect/index.js';
import { parseMachineJson } from '../../src/detect/load-machine.js';
import { QUERY_ARGS } from '../../src/detect/nvidia.js';
import { PROBE_MARKER } from '../../src/detect/python-parse.js';
import { PYTHON_PROBE_ARGS } from '../../src/detect/python.js';
import { toolsStarted } from '../../src/process/run-tool.js';
import { FakeTools, fsRoot, describePosix } from './fixtures.js';

const PROBE_ARGS = PYTHON_PROBE_ARGS.join(' ');

function linux(tools: FakeTools, root: string, extra: Partial<DetectOptions> = {}): DetectOptions {
  return { platform: 'linux', arch: 'x64', env: { PATH: tools.dir }, fsRoot: root, timeoutMs: 10000, ...extra };
}

describePosix('detectMachine', () => {
  it('maps platform and arch to the machine description', async () => {
    const tools = new FakeTools();
    expect(await detectMachine(linux(tools, fsRoot(), { pythonVersion: '3.12' }))).toMatchObject({ os: 'linux', arch: 'x86_64', python: '3.12' });
    expect(await detectMachine(linux(tools, fsRoot(), { arch: 'arm64', pythonVersion: '3.12' }))).toMatchObject({ os: 'linux', arch: 'aarch64' });
    expect(await detectMachine(linux(tools, fsRoot(), { platform: 'win32', arch: 'arm64', pythonVersion: '3.12' }))).toMatchObject({ os: 'windows', arch: 'aarch64' });
  });

  it('throws a clear error for an unsupported platform or arch, and only then', async () => {
    const tools = new FakeTools();
    await expect(detectMachine(linux(tools, fsRoot(), { platform: 'freebsd' }))).rejects.toThrow(/platform "freebsd" is not supported \(linux, win32 or darwin\)/);
    await expect(detectMachine(linux(tools, fsRoot(), { arch: 'ia32' }))).rejects.toThrow(/arch "ia32" is not supported \(x64 or arm64\)/);
  });

  it('starts nothing but the Python probe on a Linux box without GPU tools', async () => {
    const tools = new FakeTools();
    tools.add('python3', { [PROBE_ARGS]: { stdout: `${PROBE_MARKER}|3.12|64|x86_64|\n` } });
    const before = toolsStarted();
    const m = await detectMachine(linux(tools, fsRoot('intel-arc-uhd')));
    // One interpreter run answers both the version and the architecture.
    expect(toolsStarted() - before).toBe(1);
    expect(m).toMatchObject({ arch: 'x86_64', python: '3.12' });
    expect(m.gpus.map((g) => g.vendor)).toEqual(['intel', 'intel', 'intel']);
  });

  it('starts nothing at all when the Python version is given and there are no GPU tools', async () => {
    const before = toolsStarted();
    const m = await detectMachine(linux(new FakeTools(), fsRoot(), { pythonVersion: '3.12' }));
    expect(toolsStarted() - before).toBe(0);
    expect(m.gpus).toEqual([]);
    expect(m.notes).toContain('no GPU found');
  });

  it('resolves soon after its budget when every tool hangs, with a note for each', async () => {
    const tools = new FakeTools();
    for (const name of ['nvidia-smi', 'rocminfo', 'rocm_agent_enumerator', 'python', 'python3']) tools.add(name, { '*': { hang: true } });
    const begin = Date.now();
    const m = await detectMachine(linux(tools, fsRoot(), { timeoutMs: 1000 }));
    // Generous: the budget is 1 s; the 60 s sleeps must not hold it.
    expect(Date.now() - begin).toBeLessThan(15000);
    // GPU tools that hang are warnings (a GPU may be there unseen); the Python probe is a note.
    const warnings = (m.warnings ?? []).join('\n');
    expect(warnings).toMatch(/nvidia-smi --query-gpu timed out after 0\.7 s and was killed: driver hung\?/);
    expect(warnings).toMatch(/rocminfo timed out/);
    expect(m.notes.join('\n')).toMatch(/python -c <version> timed out/);
    expect(m.python).toBeUndefined();
  });

  it('puts GPUs in vendor order and its output reads back through parseMachineJson', async () => {
    const tools = new FakeTools();
    tools.add('nvidia-smi', { [QUERY_ARGS.join(' ')]: { stdoutFile: 'nvidia-smi/query-mixed-4.csv' }, '': { stdoutFile: 'nvidia-smi/plain-550-a100.txt' } });
    tools.add('rocminfo', { '': { stdoutFile: 'rocminfo/mi300x.txt' } });
    const m = await detectMachine(linux(tools, fsRoot('intel-arc-uhd'), { pythonVersion: '3.12' }));
    expect(m.gpus.map((g) => g.vendor)).toEqual(['nvidia', 'nvidia', 'nvidia', 'nvidia', 'amd', 'intel', 'intel', 'intel']);
    expect(parseMachineJson(JSON.stringify(m), 'detect output')).toEqual(m);
  });
});
