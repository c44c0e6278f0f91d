import { expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { envValue, findOnPath, findTool } from '../../src/detect/find-tool.js';
import { FakeTools, describePosix } from './fixtures.js';

describePosix('findOnPath', () => {
  it('finds the first executable on PATH and skips non-executable files and folders', async () => {
    const tools = new FakeTools();
    const a = join(tools.dir, 'a');
    const b = join(tools.dir, 'b');
    mkdirSync(join(a, 'tool'), { recursive: true });
    mkdirSync(b, { recursive: true });
    writeFileSync(join(tools.dir, 'tool'), 'not executable');
    chmodSync(join(tools.dir, 'tool'), 0o644);
    const real = tools.add('tool', { '*': {} }, b);
    expect(await findOnPath('tool', { platform: 'linux', env: { PATH: `${tools.dir}:${a}::${b}` } })).toBe(real);
  });

  it('is undefined with no PATH', async () => {
    expect(await findOnPath('sh', { platform: 'linux', env: {} })).toBeUndefined();
  });

  it('on Windows, reads Path case-insensitively, splits on ";", and tries .exe/.com only', async () => {
    const tools = new FakeTools();
    writeFileSync(join(tools.dir, 'tool.bat'), '@echo off');
    expect(await findOnPath('tool', { platform: 'win32', env: { Path: `"${tools.dir}"`, PATHEXT: '.BAT;.CMD' } })).toBeUndefined();
    const exe = tools.add('tool.exe', { '*': {} });
    expect(await findOnPath('tool', { platform: 'win32', env: { Path: `"${tools.dir}"`, PATHEXT: '.COM;.EXE;.BAT' } })).toBe(exe);
    expect(envValue({ platform: 'win32', env: { SYSTEMROOT: 'C:\\Windows' } }, 'SystemRoot')).toBe('C:\\Windows');
    expect(envValue({ platform: 'linux', env: { SYSTEMROOT: 'x' } }, 'SystemRoot')).toBeUndefined();
  });
});

describePosix('findTool', () => {
  it('falls back to the extra locations in order', async () => {
    const tools = new FakeTools();
    const second = tools.add('x', { '*': {} }, join(tools.dir, 'second'));
    expect(await findTool('x', [join(tools.dir, 'first', 'x'), second], { platform: 'linux', env: { PATH: join(tools.dir, 'none') } })).toBe(second);
  });
});
