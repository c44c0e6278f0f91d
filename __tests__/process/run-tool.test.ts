import { describe, expect, it } from '@jest/globals';
import { describePosix } from '../helpers/posix.js';
import { mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool, describeCommand } from '../../src/process/run-tool.js';

const dir = mkdtempSync(join(tmpdir(), 'run-tool-'));
function script(name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

describePosix('runTool', () => {
  it('captures stdout, stderr and the exit code', async () => {
    const r = await runTool(script('ok', 'echo out; echo err >&2; exit 3'), [], { timeoutMs: 5000 });
    expect(r.stdout).toBe('out\n');
    expect(r.stderr).toBe('err\n');
    expect(r.exitCode).toBe(3);
    expect(r.ok).toBe(false);
    expect(r.timedOut).toBe(false);
  });

  it('passes arguments as an array, never through a shell', async () => {
    const r = await runTool(script('args', 'for a in "$@"; do echo "[$a]"; done'), ['a b', '$(echo hi)', ';ls'], { timeoutMs: 5000 });
    expect(r.stdout).toBe('[a b]\n[$(echo hi)]\n[;ls]\n');
    expect(r.ok).toBe(true);
  });

  it('reports a missing program instead of throwing', async () => {
    const r = await runTool(join(dir, 'does-not-exist'), [], { timeoutMs: 5000 });
    expect(r.spawnError).toBe('ENOENT');
    expect(r.ok).toBe(false);
  });

  it('kills a program that hangs, children included, and returns soon after the timeout', async () => {
    const begin = Date.now();
    const r = await runTool(script('hang', 'echo started; sleep 30; echo never'), [], { timeoutMs: 300 });
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBeNull();
    expect(r.stdout).toBe('started\n');
    expect(Date.now() - begin).toBeLessThan(5000);
  });

  it('keeps at most maxOutputBytes of a flood', async () => {
    const r = await runTool(script('flood', 'head -c 200000 /dev/zero | tr "\\0" x'), [], { timeoutMs: 5000, maxOutputBytes: 1000 });
    expect(r.stdout.length).toBe(1000);
    expect(r.truncated).toBe(true);
  });

  it('ends the wait when the program exits, though a child it left behind holds its pipes', async () => {
    // The shell prints its answer, starts a background sleep that inherits stdout and
    // stderr, and exits 0: a probe like this answered, it must not read as hung.
    const r = await runTool(script('leaves-child', 'echo "GPU 0: answer"; echo warn >&2; sleep 30 & exit 0'), [], { timeoutMs: 10_000 });
    expect(r.timedOut).toBe(false);
    expect(r.exitCode).toBe(0);
    expect(r.ok).toBe(true);
    expect(r.stdout).toBe('GPU 0: answer\n');
    expect(r.stderr).toBe('warn\n');
  });

  it('still reads everything a program printed just before it exited', async () => {
    const r = await runTool(script('burst', 'head -c 300000 /dev/zero | tr "\\0" y; exit 4'), [], { timeoutMs: 10_000 });
    expect(r.exitCode).toBe(4);
    expect(r.stdout.length).toBe(300000);
  });

  it('streams output to onOutput', async () => {
    const seen: string[] = [];
    await runTool(script('stream', 'echo one; echo two >&2'), [], { timeoutMs: 5000, onOutput: (c, s) => seen.push(`${s}:${c.trim()}`) });
    expect(seen.sort()).toEqual(['stderr:two', 'stdout:one']);
  });
});

describe('describeCommand', () => {
  it('quotes only what needs quoting', () => {
    expect(describeCommand('python', ['-m', 'pip', 'install', '-r', 'a b.txt'])).toBe('python -m pip install -r "a b.txt"');
  });
});
