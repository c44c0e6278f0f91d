import { expect, it } from '@jest/globals';
import { describePosix } from '../helpers/posix.js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeSandbox, runAction } from './runner.js';
import { fakeNvidiaSmi, fakeRocminfo } from './fake-tools.js';
import { renderSummaryMarkdown } from '../helpers/markdown.js';

const H100 = { name: 'NVIDIA H100 80GB HBM3', computeCapability: '9.0' };

describePosix('the action, run as the runner runs it', () => {
  it('plans the CPU build on a machine without a GPU, and explains it', async () => {
    const box = makeSandbox();
    const run = await runAction(box, { 'python-version': '3.12' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.backend).toBe('cpu');
    expect(run.outputs.accelerator).toBe('none');
    expect(run.outputs['index-url']).toBe('https://download.pytorch.org/whl/cpu');
    expect(run.outputs['requirements-path']).toBe(join(box.workspace, 'torchcraft.txt'));
    const file = readFileSync(join(box.workspace, 'torchcraft.txt'), 'utf8');
    expect(file).toContain('--index-url https://download.pytorch.org/whl/cpu\n');
    expect(file).toMatch(/^torch==\d+\.\d+\.\*$/m);
    expect(run.outputs['torch-requirement']).toMatch(/^torch==\d+\.\d+\.\*$/);
    expect(file).toMatch(/^# .*Why: /m);
    const summary = renderSummaryMarkdown(run.summary);
    expect(summary.firstLine).toMatch(/^## .*torchcraft planned the cpu build of torch/);
    expect(summary.tables[0]).toContainEqual(['GPUs', 'none found']);
    const plan = JSON.parse(run.outputs.json);
    expect(plan.backend).toBe('cpu');
    expect(plan.machine.os).toBe('linux');
  });

  it('picks a CUDA build for two H100s on driver 580 and reports the driver', async () => {
    const box = makeSandbox({ 'nvidia-smi': fakeNvidiaSmi({ driver: '580.65.06', cuda: '13.0', gpus: [H100, H100] }) });
    const run = await runAction(box, { 'python-version': '3.12' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.backend).toBe('cu130');
    expect(run.outputs.accelerator).toBe('nvidia');
    expect(run.outputs['driver-version']).toBe('580.65.06');
    expect(run.outputs['cuda-version']).toBe('13.0');
    expect(run.outputs['gpu-names']).toBe('NVIDIA H100 80GB HBM3, NVIDIA H100 80GB HBM3');
    expect(run.outputs['index-url']).toBe('https://download.pytorch.org/whl/cu130');
    expect(renderSummaryMarkdown(run.summary).tables[0]).toContainEqual(['GPU 0', 'nvidia: NVIDIA H100 80GB HBM3 (compute capability 9.0, driver 580.65.06 (CUDA 13.0))']);
  });

  it('handles a pre-R510 driver that rejects compute_cap: capability from the name, an older CUDA', async () => {
    const box = makeSandbox({
      'nvidia-smi': fakeNvidiaSmi({ driver: '470.256.02', cuda: '11.4', gpus: [{ name: 'Tesla V100-SXM2-16GB', computeCapability: '7.0' }], rejectsComputeCap: true }),
    });
    const run = await runAction(box, { 'python-version': '3.11' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.backend).toBe('cu118');
    expect(JSON.parse(run.outputs.json).machine.gpus[0].computeCapability).toBe('7.0');
    expect(JSON.parse(run.outputs.json).compatibilityMode).toBe(true);
  });

  it('does not wait on a hung nvidia-smi: a CPU plan and a warning within the probe timeout', async () => {
    const box = makeSandbox({ 'nvidia-smi': fakeNvidiaSmi({ driver: '550.54.15', cuda: '12.4', gpus: [H100], hang: true }) });
    const run = await runAction(box, { 'python-version': '3.12', 'probe-timeout': '2' }, {}, 20000);
    expect(run.timedOut).toBe(false);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.backend).toBe('cpu');
    expect(renderSummaryMarkdown(run.summary).bullets.join('\n')).toMatch(/nvidia-smi[^\n]*(timed out|did not answer)/i);
  });

  it('fails with require-gpu when the only GPU tool hangs, saying why', async () => {
    const box = makeSandbox({ 'nvidia-smi': fakeNvidiaSmi({ driver: '550.54.15', cuda: '12.4', gpus: [H100], hang: true }) });
    const run = await runAction(box, { 'python-version': '3.12', 'probe-timeout': '2', 'require-gpu': 'true' }, {}, 20000);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error::require-gpu is true but no usable GPU was found/);
  });

  it('picks a ROCm build for an MI300X seen by rocminfo', async () => {
    const box = makeSandbox({ rocminfo: fakeRocminfo([{ gfx: 'gfx942', marketingName: 'AMD Instinct MI300X' }]) });
    const run = await runAction(box, { 'python-version': '3.12' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.accelerator).toBe('amd');
    expect(run.outputs.backend).toMatch(/^rocm\d/);
    expect(run.outputs['gpu-names']).toBe('AMD Instinct MI300X');
  });

  it('plans for another machine given as input, without probing this one', async () => {
    const box = makeSandbox({ 'nvidia-smi': 'echo should-not-run >&2; exit 1' });
    const machine = { os: 'linux', arch: 'x86_64', python: '3.12', gpus: [{ vendor: 'nvidia', name: 'NVIDIA GeForce GTX 1080 Ti', computeCapability: '6.1', driver: '580.65.06', cuda: '13.0' }] };
    writeFileSync(join(box.workspace, 'gpu-host.json'), JSON.stringify(machine));
    const run = await runAction(box, { machine: 'gpu-host.json' });
    expect(run.exitCode).toBe(0);
    // Pascal has no kernels in cu130: the newest build that still carries sm_60 is cu126.
    expect(run.outputs.backend).toBe('cu126');
    expect(run.stderr).not.toContain('should-not-run');
  });

  it('refuses a bad input by name, before writing anything', async () => {
    const box = makeSandbox();
    const run = await runAction(box, { 'torch-version': 'banana' });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('::error::Invalid torch-version "banana"');
    expect(existsSync(join(box.workspace, 'torchcraft.txt'))).toBe(false);
    expect(run.outputs).toEqual({});
  });

  it('refuses a requirements-path that is an existing folder, before writing anything', async () => {
    const box = makeSandbox();
    mkdirSync(join(box.workspace, 'ci'));
    const run = await runAction(box, { 'python-version': '3.12', 'requirements-path': 'ci' });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('::error::Invalid requirements-path "ci": is an existing folder');
    expect(run.stdout).not.toContain('failed unexpectedly');
    expect(run.outputs).toEqual({});
  });

  it('refuses a Python the chosen release does not publish wheels for', async () => {
    const box = makeSandbox();
    const run = await runAction(box, { 'python-version': '3.14', 'torch-version': '2.4' });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error::.*3\.14/);
    expect(existsSync(join(box.workspace, 'torchcraft.txt'))).toBe(false);
  });

  it('keeps credentials of a mirror out of outputs, summary and log, and in the file pip reads', async () => {
    const box = makeSandbox();
    const run = await runAction(box, { 'python-version': '3.12', 'index-base-url': 'https://ci-bot:s3cr3t-t0ken@artifactory.example/api/pypi/torch' });
    expect(run.exitCode).toBe(0);
    // The runner hides registered secrets from the log: the token must be registered, and appear nowhere else.
    expect(run.stdout).toContain('::add-mask::s3cr3t-t0ken');
    const log = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    const everything = [...log, run.stderr, run.summary, JSON.stringify(run.outputs)].join('\n');
    expect(everything).not.toContain('s3cr3t-t0ken');
    expect(run.outputs['index-url']).toBe('https://***:***@artifactory.example/api/pypi/torch/cpu');
    expect(readFileSync(join(box.workspace, 'torchcraft.txt'), 'utf8')).toContain('--index-url https://ci-bot:s3cr3t-t0ken@artifactory.example/api/pypi/torch/cpu');
  });

  it('writes ${VAR} credentials through for pip to expand', async () => {
    const box = makeSandbox();
    const run = await runAction(box, { 'python-version': '3.12', 'index-base-url': 'https://${MIRROR_USER}:${MIRROR_TOKEN}@nexus.example/whl' });
    expect(run.exitCode).toBe(0);
    expect(readFileSync(join(box.workspace, 'torchcraft.txt'), 'utf8')).toContain('--index-url https://${MIRROR_USER}:${MIRROR_TOKEN}@nexus.example/whl/cpu');
  });
});
