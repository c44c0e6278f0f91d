import { expect, it } from '@jest/globals';
import { join } from 'node:path';
import { detectMachine, type DetectOptions } from '../../src/detect/index.js';
import { PROBE_MARKER } from '../../src/detect/python-parse.js';
import { PYTHON_PROBE_ARGS } from '../../src/detect/python.js';
import { FakeTools, fsRoot, describePosix } from './fixtures.js';

const PROBE_ARGS = PYTHON_PROBE_ARGS.join(' ');
/** What the probe script prints on a 64-bit Linux x86_64 interpreter. */
const says = (version: string, machine = 'x86_64'): string => `${PROBE_MARKER}|${version}|64|${machine}|\n`;

function linux(tools: FakeTools, extra: Partial<DetectOptions> = {}): DetectOptions {
  return { platform: 'linux', arch: 'x64', env: { PATH: tools.dir }, fsRoot: fsRoot(), timeoutMs: 10000, ...extra };
}

describePosix('Python probe', () => {
  it('asks `python` on PATH first', async () => {
    const tools = new FakeTools();
    tools.add('python', { [PROBE_ARGS]: { stdout: says('3.11') } });
    tools.add('python3', { [PROBE_ARGS]: { stdout: says('3.13') } });
    const m = await detectMachine(linux(tools));
    expect(m.python).toBe('3.11');
    expect(tools.calls()).toEqual([`python ${PROBE_ARGS}`]);
  });

  it('tries python3 when python is missing, with no note for the miss', async () => {
    const tools = new FakeTools();
    tools.add('python3', { [PROBE_ARGS]: { stdout: says('3.10') } });
    const m = await detectMachine(linux(tools));
    expect(m.python).toBe('3.10');
    expect(m.notes.join('\n')).not.toMatch(/python/i);
  });

  it('uses the interpreter it is given', async () => {
    const tools = new FakeTools();
    const interpreter = tools.add('my-python', { [PROBE_ARGS]: { stdout: says('3.9') } }, join(tools.dir, 'venv', 'bin'));
    const m = await detectMachine(linux(tools, { python: interpreter }));
    expect(m.python).toBe('3.9');
  });

  it('does not probe when the version is already known', async () => {
    const tools = new FakeTools();
    tools.add('python', { '*': { stdout: says('3.11') } });
    const m = await detectMachine(linux(tools, { pythonVersion: '3.12' }));
    expect(m.python).toBe('3.12');
    expect(tools.calls()).toEqual([]);
  });

  it('leaves python out with notes when no interpreter answers', async () => {
    const tools = new FakeTools();
    tools.add('python', { '*': { stderrFile: 'nvidia-smi/no-devices.txt', exit: 9009 % 256 } });
    const m = await detectMachine(linux(tools));
    expect(m.python).toBeUndefined();
    expect(m.notes).toContain('python3 not found on PATH');
    expect(m.notes).toContain('Python version unknown: Python checks are skipped');
    expect(m.notes.join('\n')).toMatch(/python -c <version> failed \(exit 49\)/);
  });

  it('notes a given interpreter that does not exist', async () => {
    const m = await detectMachine(linux(new FakeTools(), { python: '/nonexistent/bin/python3' }));
    expect(m.python).toBeUndefined();
    expect(m.notes).toContain('/nonexistent/bin/python3 not found');
  });

  it('runs the interpreter once, and its architecture decides the arch', async () => {
    const tools = new FakeTools();
    tools.add('python3', { [PROBE_ARGS]: { stdout: says('3.12', 'aarch64') } });
    const m = await detectMachine(linux(tools));
    expect(m).toMatchObject({ arch: 'aarch64', python: '3.12' });
    expect(tools.calls()).toEqual([`python3 ${PROBE_ARGS}`]);
    expect(m.notes).toContain('python3 is an aarch64 interpreter while node runs as x64: planning for aarch64 wheels');
  });

  it('takes nothing from garbage output: no version, node\'s arch, a note', async () => {
    const tools = new FakeTools();
    tools.add('python', { [PROBE_ARGS]: { stdout: 'Python 3.12.1\naarch64\n' } });
    const m = await detectMachine(linux(tools, { arch: 'x64' }));
    expect(m.python).toBeUndefined();
    expect(m.arch).toBe('x86_64');
    expect(m.notes).toContain('python printed no version: "Python 3.12.1\\naarch64\\n"');
    expect(m.notes).toContain('Python version unknown: Python checks are skipped');
    expect(m.notes.join('\n')).not.toMatch(/interpreter|planning for/);
  });
});
