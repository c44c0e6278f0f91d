import { expect, it } from '@jest/globals';
import { describePosix } from '../helpers/posix.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeSandbox, runCliBin } from './runner.js';
import { fakeNvidiaSmi } from './fake-tools.js';

const RTX5090 = { name: 'NVIDIA GeForce RTX 5090', computeCapability: '12.0' };

describePosix('the torchcraft CLI bin', () => {
  it('prints usage with --help and its version with --version', async () => {
    const box = makeSandbox();
    const help = await runCliBin(box, ['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('torchcraft [plan] [options]');
    for (const flag of ['--backend', '--torch-version', '--python-version', '--machine', '--output', '--index-base-url', '--dry-run', '--json', '--requirements', '--install']) {
      expect(help.stdout).toContain(flag);
    }
    const version = await runCliBin(box, ['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });

  it('writes torchcraft.txt in the current folder and explains the choice', async () => {
    const box = makeSandbox();
    const r = await runCliBin(box, ['--python-version', '3.12'], { NO_COLOR: '1' });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('torchcraft: cpu build of torch');
    expect(r.stdout).toContain('Why:');
    expect(r.stdout).toContain('Wrote torchcraft.txt. Next: pip install -r torchcraft.txt');
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(readFileSync(join(box.workspace, 'torchcraft.txt'), 'utf8')).toContain('--index-url https://download.pytorch.org/whl/cpu');
  });

  it('chooses a Blackwell-capable build for an RTX 5090 on a new driver', async () => {
    const box = makeSandbox({ 'nvidia-smi': fakeNvidiaSmi({ driver: '580.65.06', cuda: '13.0', gpus: [RTX5090] }) });
    const r = await runCliBin(box, ['plan', '--python-version', '3.12', '--json']);
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.backend).toBe('cu130');
    expect(out.accelerator).toBe('nvidia');
    expect(out['gpu-names']).toBe('NVIDIA GeForce RTX 5090');
    expect(out.json.machine.gpus[0].computeCapability).toBe('12.0');
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['backend', 'index-url', 'requirements-path', 'accelerator', 'torch-requirement', 'driver-version', 'cuda-version', 'gpu-names', 'json']));
  });

  it('writes nothing with --dry-run, and prints what it would write', async () => {
    const box = makeSandbox();
    const r = await runCliBin(box, ['--dry-run', '--python-version', '3.12', '--output', 'reqs/torch.txt']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Dry run: reqs/torch.txt not written');
    expect(r.stdout).toContain('--index-url https://download.pytorch.org/whl/cpu');
    expect(existsSync(join(box.workspace, 'reqs'))).toBe(false);
  });

  it('prints the machine description with detect, and plans for it with --machine', async () => {
    const box = makeSandbox({ 'nvidia-smi': fakeNvidiaSmi({ driver: '550.54.15', cuda: '12.4', gpus: [{ name: 'NVIDIA A100-SXM4-80GB', computeCapability: '8.0' }] }) });
    const detect = await runCliBin(box, ['detect', '--python-version', '3.12']);
    expect(detect.exitCode).toBe(0);
    const machine = JSON.parse(detect.stdout);
    expect(machine).toMatchObject({ os: 'linux', python: '3.12', gpus: [{ vendor: 'nvidia', name: 'NVIDIA A100-SXM4-80GB', computeCapability: '8.0', driver: '550.54.15', cuda: '12.4' }] });
    expect(Array.isArray(machine.notes)).toBe(true);

    const elsewhere = makeSandbox();
    writeFileSync(join(elsewhere.workspace, 'a100.json'), detect.stdout);
    const plan = await runCliBin(elsewhere, ['--machine', 'a100.json', '--json']);
    expect(plan.exitCode).toBe(0);
    const out = JSON.parse(plan.stdout);
    expect(out.accelerator).toBe('nvidia');
    // Driver 550 runs CUDA 12.4 natively; cu126 only through minor-version compatibility.
    expect(out.backend).toBe('cu126');
    expect(out.json.compatibilityMode).toBe(true);
  });

  it('exits 2 with a message naming the flag on bad input, writing nothing', async () => {
    const box = makeSandbox();
    const r = await runCliBin(box, ['--backend', 'cuda12', '--python-version', '3.12']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('Invalid --backend "cuda12"');
    expect(existsSync(join(box.workspace, 'torchcraft.txt'))).toBe(false);
    const unknown = await runCliBin(box, ['--gpu']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain("Run 'torchcraft --help' for usage.");
    const oldMac = await runCliBin(box, ['--machine', '{"os":"macos","arch":"x86_64","python":"3.13","gpus":[]}']);
    expect(oldMac.exitCode).toBe(2);
    // The Python came from the machine description, so that is what the message names.
    expect(oldMac.stderr).toMatch(/Invalid --machine "inline JSON": its "python" is 3\.13: .*Python 3\.8-3\.12/);
    const missing = await runCliBin(box, ['--machine', 'nope.json']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('Invalid --machine "nope.json"');
  });
});
