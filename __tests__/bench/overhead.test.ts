import { describe, it, expect } from '@jest/globals';
import { countExecs, failure, parseProgramCount } from '../../scripts/bench/overhead.js';
import type { ToolResult } from '../../src/process/run-tool.js';

describe('parseProgramCount', () => {
  it('reads the count the action prints at the end of a debug run', () => {
    expect(parseProgramCount('::debug::probing\n::debug::torchcraft started 3 external programs\n')).toBe(3);
    expect(parseProgramCount('::debug::torchcraft started 0 external programs')).toBe(0);
  });
  it('is undefined when the line is absent or only mentioned mid-line', () => {
    expect(parseProgramCount('backend=cpu\n')).toBeUndefined();
    expect(parseProgramCount('note: ::debug::torchcraft started 3 external programs\n')).toBeUndefined();
  });
});

describe('countExecs', () => {
  it('counts successful execve, split or not, less the traced command itself', () => {
    const log = [
      '100 execve("/usr/bin/node", ["node", "dist/index.js"], 0x7ffd /* 20 vars */) = 0',
      '101 execve("/usr/local/bin/nvidia-smi", ["nvidia-smi"], 0x55 /* 20 vars */) = -1 ENOENT (No such file or directory)',
      '101 execve("/tmp/fake/nvidia-smi", ["nvidia-smi", "--query-gpu=index"], 0x55 /* 20 vars */ <unfinished ...>',
      '101 <... execve resumed>) = 0',
      '102 execve("/usr/bin/python3", ["python3", "--version"], 0x55 /* 20 vars */) = 0',
      '101 --- SIGCHLD {si_signo=SIGCHLD} ---',
      '',
    ].join('\n');
    expect(countExecs(log)).toBe(2);
  });
  it('is 0 for an empty log', () => {
    expect(countExecs('')).toBe(0);
  });
});

describe('failure', () => {
  const base: ToolResult = { command: 'node', args: [], exitCode: 1, stdout: '', stderr: '', timedOut: false, truncated: false, durationMs: 1, ok: false };
  it('names how a run failed, with its last line', () => {
    expect(failure({ ...base, stderr: 'first\nError: Invalid backend\n' })).toBe('exit 1: Error: Invalid backend');
    expect(failure({ ...base, exitCode: null, timedOut: true })).toBe('timed out');
    expect(failure({ ...base, exitCode: null, spawnError: 'ENOENT' })).toBe('could not start (ENOENT)');
  });
});
