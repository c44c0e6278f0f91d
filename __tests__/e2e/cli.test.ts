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

  // Machine descriptions built from the corrected facts (reference, "Changes on 2026-12-01"),
  // planned through --machine as a user would: the build, the pinned torch, the served GPUs, and
  // text that holds up (no advice the facts rule out).
  it('plans the corrected facts through --machine', async () => {
    const box = makeSandbox();
    const nvg = (name: string, computeCapability: string | undefined, driver: string, cuda?: string) => ({ vendor: 'nvidia', name, ...(computeCapability ? { computeCapability } : {}), driver, ...(cuda ? { cuda } : {}) });
    const cases: { why: string; machine: object; args?: string[]; backend?: string; torch?: string; text?: RegExp[]; notText?: RegExp[]; exit?: number; stderr?: RegExp }[] = [
      { why: 'V100 on 2.11: no cu129 (no sm_70 in 2.11 cu128/cu129)', machine: { os: 'linux', arch: 'x86_64', python: '3.12', gpus: [nvg('Tesla V100-SXM2-32GB', '7.0', '575.57.08', '12.9')] }, args: ['--torch-version', '2.11'], backend: 'cu126', torch: 'torch==2.11.*' },
      { why: 'MI50 (gfx906) on 2.14: rocm7.2, not rocm7.14', machine: { os: 'linux', arch: 'x86_64', python: '3.12', gpus: [{ vendor: 'amd', name: 'AMD Instinct MI50', gfx: 'gfx906' }] }, backend: 'rocm7.2', torch: 'torch==2.14.*' },
      { why: 'GH200 with torch==2.8.0: cu129 (2.8 aarch64 CUDA is cu129 only)', machine: { os: 'linux', arch: 'aarch64', python: '3.12', gpus: [nvg('NVIDIA GH200 480GB', '9.0', '580.65.06', '13.0')] }, args: ['--torch-version', '2.8.0'], backend: 'cu129', torch: 'torch==2.8.0' },
      { why: 'GH200 with torch 2.5: aarch64 cu124', machine: { os: 'linux', arch: 'aarch64', python: '3.12', gpus: [nvg('NVIDIA GH200 480GB', '9.0', '550.54.15', '12.4')] }, args: ['--torch-version', '2.5'], backend: 'cu124' },
      { why: 'GH200 with torch 2.6: aarch64 cu126', machine: { os: 'linux', arch: 'aarch64', python: '3.12', gpus: [nvg('NVIDIA GH200 480GB', '9.0', '560.35.03', '12.6')] }, args: ['--torch-version', '2.6'], backend: 'cu126' },
      { why: 'Blackwell on R575 with torch 2.12: 2.12.1 has cu129, pinned', machine: { os: 'linux', arch: 'x86_64', python: '3.12', gpus: [nvg('NVIDIA GeForce RTX 5090', '12.0', '575.57.08', '12.9')] }, args: ['--torch-version', '2.12'], backend: 'cu129', torch: 'torch==2.12.1' },
      { why: 'Blackwell on R575: cu129 of 2.13.0, the unconfirmed arch list warned', machine: { os: 'linux', arch: 'x86_64', python: '3.12', gpus: [nvg('NVIDIA GeForce RTX 5090', '12.0', '575.57.08', '12.9')] }, backend: 'cu129', torch: 'torch==2.13.*', text: [/unconfirmed architecture list/] },
      { why: 'Python 3.13t: 2.12.0, the last with 3.13t wheels', machine: { os: 'linux', arch: 'x86_64', python: '3.13t', gpus: [] }, backend: 'cpu', torch: 'torch==2.12.0' },
      { why: 'Python 3.15 on Linux: 2.14', machine: { os: 'linux', arch: 'x86_64', python: '3.15', gpus: [] }, backend: 'cpu', torch: 'torch==2.14.*' },
      { why: 'Windows on Arm with Python 3.14: refused (cp311-cp313 only)', machine: { os: 'windows', arch: 'aarch64', python: '3.14', gpus: [] }, exit: 2, stderr: /Python 3\.11-3\.13 on windows\/aarch64/ },
      { why: 'Radeon 780M (gfx1103): rocm7.14 of 2.14', machine: { os: 'linux', arch: 'x86_64', python: '3.12', gpus: [{ vendor: 'amd', name: 'AMD Radeon 780M', gfx: 'gfx1103' }] }, backend: 'rocm7.14' },
      { why: 'gfx1151 with torch 2.9: the release that targets it named, not "no fix is known"', machine: { os: 'linux', arch: 'x86_64', python: '3.12', gpus: [{ vendor: 'amd', name: 'AMD Radeon 8060S', gfx: 'gfx1151' }] }, args: ['--torch-version', '2.9'], backend: 'cpu', text: [/targets it: set --torch-version 2\.14|targets it: set torch-version 2\.14/], notText: [/no fix is known/] },
      { why: 'Tesla K80 on R470: cu118 of 2.7, no "update the driver"', machine: { os: 'linux', arch: 'x86_64', python: '3.12', gpus: [nvg('Tesla K80', undefined, '470.256.02', '11.4')] }, backend: 'cu118', torch: 'torch==2.7.*', text: [/R470 is the last driver branch/], notText: [/updating the driver lifts|update the driver/] },
      { why: 'Tesla K40m by name: Kepler 3.5, never assumed covered', machine: { os: 'linux', arch: 'x86_64', python: '3.12', gpus: [nvg('Tesla K40m', undefined, '470.256.02', '11.4')] }, backend: 'cpu', text: [/Tesla K40m \(Kepler, compute capability 3\.5\)/], notText: [/assumed to be covered/] },
      { why: 'RTX 5090 + GTX 1080 Ti: cu130 for the 5090, the 1080 Ti hidden', machine: { os: 'linux', arch: 'x86_64', python: '3.12', gpus: [nvg('NVIDIA GeForce GTX 1080 Ti', '6.1', '580.65.06', '13.0'), nvg('NVIDIA GeForce RTX 5090', '12.0', '580.65.06', '13.0')] }, backend: 'cu130', text: [/CUDA_VISIBLE_DEVICES=1\b/, /GTX 1080 Ti .*is not served/] },
      { why: 'eight A100s: said once', machine: { os: 'linux', arch: 'x86_64', python: '3.12', gpus: Array.from({ length: 8 }, () => nvg('NVIDIA A100-SXM4-80GB', '8.0', '580.65.06', '13.0')) }, backend: 'cu130', text: [/8 × NVIDIA A100-SXM4-80GB \(Ampere, compute capability 8\.0\) need/] },
      { why: 'Intel Mac with an AMD GPU: CPU, and why', machine: { os: 'macos', arch: 'x86_64', python: '3.12', gpus: [{ vendor: 'amd', name: 'AMD Radeon Pro 5500M' }] }, backend: 'cpu', torch: 'torch==2.2.*', text: [/no ROCm builds for macOS/], notText: [/HSA_OVERRIDE/] },
    ];
    for (const c of cases) {
      const r = await runCliBin(box, ['--machine', JSON.stringify(c.machine), '--json', '--dry-run', ...(c.args ?? [])]);
      expect([c.why, r.exitCode]).toEqual([c.why, c.exit ?? 0]);
      if (c.exit) {
        if (c.stderr) expect(r.stderr).toMatch(c.stderr);
        continue;
      }
      const out = JSON.parse(r.stdout);
      const plan = out.json;
      if (c.backend) expect([c.why, out.backend]).toEqual([c.why, c.backend]);
      if (c.torch) expect([c.why, out['torch-requirement']]).toEqual([c.why, c.torch]);
      const text = [...plan.reasons, ...plan.warnings].join('\n');
      for (const t of c.text ?? []) expect([c.why, text]).toEqual([c.why, expect.stringMatching(t)]);
      for (const t of c.notText ?? []) expect([c.why, text]).toEqual([c.why, expect.not.stringMatching(t)]);
    }
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
