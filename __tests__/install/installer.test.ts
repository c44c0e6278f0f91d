import { describe, expect, it } from '@jest/globals';
import { installCommand, pickInstaller } from '../../src/install/installer.js';
import type { PythonInfo } from '../../src/install/types.js';

const withPip: PythonInfo = { command: 'python', found: true, isPython: true, version: '3.12', executable: '/venv/bin/python', pipVersion: '24.0' };
const noPip: PythonInfo = { ...withPip, pipVersion: undefined };
const uvHere = async () => '/usr/local/bin/uv';
const uvMissing = async () => undefined;

describe('pickInstaller', () => {
  it('auto takes uv when it is on PATH, else pip', async () => {
    expect(await pickInstaller('auto', withPip, uvHere)).toEqual({ ok: true, installer: 'uv', uvPath: '/usr/local/bin/uv' });
    expect(await pickInstaller('auto', withPip, uvMissing)).toEqual({ ok: true, installer: 'pip' });
  });
  it('uv needs no pip in the interpreter', async () => {
    expect(await pickInstaller('uv', noPip, uvHere)).toMatchObject({ ok: true, installer: 'uv' });
    expect(await pickInstaller('auto', noPip, uvHere)).toMatchObject({ ok: true, installer: 'uv' });
  });
  it('explains a missing pip, naming the inputs and the fix', async () => {
    const pip = await pickInstaller('pip', noPip, uvHere);
    expect(pip.ok).toBe(false);
    if (!pip.ok) expect(pip.error).toMatch(/\/venv\/bin\/python \(input python\) has no pip.*installer is pip.*ensurepip/);
    const auto = await pickInstaller('auto', noPip, uvMissing);
    if (auto.ok) throw new Error('expected a refusal');
    expect(auto.error).toMatch(/uv is not on PATH \(input installer: auto\)/);
  });
  it('explains a missing uv', async () => {
    const r = await pickInstaller('uv', withPip, uvMissing);
    if (r.ok) throw new Error('expected a refusal');
    expect(r.error).toMatch(/installer is uv, but uv is not on PATH.*setup-uv/);
  });
  it('finds no uv through @actions/io when PATH holds none', async () => {
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent-torchcraft-dir';
    try {
      expect(await pickInstaller('auto', withPip)).toEqual({ ok: true, installer: 'pip' });
    } finally {
      process.env.PATH = saved;
    }
  });
});

describe('installCommand', () => {
  const o = { python: '/venv/bin/python', requirementsPath: '/w/torchcraft.txt', prerelease: false };
  it('pip: python -m pip install -r, never prompting', () => {
    expect(installCommand('pip', { ...o, pipLogFile: '/tmp/p.log' })).toEqual({
      installer: 'pip',
      command: '/venv/bin/python',
      args: ['-m', 'pip', 'install', '--no-input', '--disable-pip-version-check', '--log', '/tmp/p.log', '-r', '/w/torchcraft.txt'],
    });
  });
  it('uv: uv pip install --python <python> -r', () => {
    expect(installCommand('uv', { ...o, uvPath: '/bin/uv' })).toEqual({
      installer: 'uv',
      command: '/bin/uv',
      args: ['pip', 'install', '--python', '/venv/bin/python', '-r', '/w/torchcraft.txt'],
    });
  });
  it('allows pre-releases for test and nightly channels', () => {
    expect(installCommand('pip', { ...o, prerelease: true }).args).toContain('--pre');
    expect(installCommand('uv', { ...o, prerelease: true }).args).toEqual(expect.arrayContaining(['--prerelease', 'allow']));
  });
  it('never breaks system packages', () => {
    for (const i of ['pip', 'uv'] as const) expect(installCommand(i, o).args.join(' ')).not.toContain('break-system-packages');
  });
  it("uv: never --system, which would make uv skip a venv's interpreter even when named by path", () => {
    expect(installCommand('uv', { ...o, uvPath: '/bin/uv' }).args).not.toContain('--system');
  });
});
