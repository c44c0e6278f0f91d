import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { join } from 'node:path';
import { detectMachine, type DetectOptions } from '../../src/detect/index.js';
import { parsePythonVersion } from '../../src/detect/python.js';
import { FakeTools, fsRoot, describePosix } from './fixtures.js';

const VERSION_ARGS = '-c import sys; print("%d.%d" % sys.version_info[:2])';

function linux(tools: FakeTools, extra: Partial<DetectOptions> = {}): DetectOptions {
  return { platform: 'linux', arch: 'x64', env: { PATH: tools.dir }, fsRoot: fsRoot(), timeoutMs: 10000, ...extra };
}

describe('parsePythonVersion', () => {
  it('reads major.minor', () => {
    expect(parsePythonVersion('3.12\n')).toBe('3.12');
    expect(parsePythonVersion('3.9\r\n')).toBe('3.9');
  });

  it('refuses other output', () => {
    for (const text of ['', 'Python 3.12.1', '3', 'Python was not found; run without arguments to install from the Microsoft Store']) {
      expect(parsePythonVersion(text)).toBeUndefined();
    }
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => {
      const v = parsePythonVersion(text);
      if (v !== undefined) expect(v).toMatch(/^\d+\.\d+$/);
    }));
  });
});

describePosix('Python probe', () => {
  it('asks `python` on PATH first', async () => {
    const tools = new FakeTools();
    tools.add('python', { [VERSION_ARGS]: { stdout: '3.11\n' } });
    tools.add('python3', { [VERSION_ARGS]: { stdout: '3.13\n' } });
    const m = await detectMachine(linux(tools));
    expect(m.python).toBe('3.11');
    expect(tools.calls()).toEqual([`python ${VERSION_ARGS}`]);
  });

  it('tries python3 when python is missing, with no note for the miss', async () => {
    const tools = new FakeTools();
    tools.add('python3', { [VERSION_ARGS]: { stdout: '3.10\n' } });
    const m = await detectMachine(linux(tools));
    expect(m.python).toBe('3.10');
    expect(m.notes.join('\n')).not.toMatch(/python/i);
  });

  it('uses the interpreter it is given', async () => {
    const tools = new FakeTools();
    const interpreter = tools.add('my-python', { [VERSION_ARGS]: { stdout: '3.9\n' } }, join(tools.dir, 'venv', 'bin'));
    const m = await detectMachine(linux(tools, { python: interpreter }));
    expect(m.python).toBe('3.9');
  });

  it('does not probe when the version is already known', async () => {
    const tools = new FakeTools();
    tools.add('python', { '*': { stdout: '3.11\n' } });
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
});
