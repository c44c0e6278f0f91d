/**
 * The built action with install: true in environments it cannot install
 * into, or from an index that lacks a package: each ends the step with one
 * ::error:: that names the input and the fix, and leaves no torch behind.
 */
import { expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describePosix } from '../helpers/posix.js';
import { externallyManagedPython, MARKER_TEXT } from '../helpers/externally-managed.js';
import { TORCH_INDEX_BASES } from '../helpers/torch-index.js';
import { installedTorch } from '../helpers/venv.js';
import { pipStepEnv, runAction, type ActionRun } from './runner.js';
import { installFixture, RUN_TIMEOUT_MS } from './install-fixture.js';
import { renderSummaryMarkdown } from '../helpers/markdown.js';

const FIX_PYTHON = 'Set input python to a Python 3 interpreter (a path, or a command on PATH), or add actions/setup-python before this step.';

const fx = installFixture();
const { pool, sandbox } = fx;

async function installInto(python: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const box = sandbox();
  return runAction(box, { install: 'true', python, installer: 'pip', 'index-base-url': fx.server.baseUrl(), ...inputs }, pipStepEnv({ PIP_RETRIES: '0' }), RUN_TIMEOUT_MS);
}

/** The step's ::error:: lines. */
function errors(run: ActionRun): string[] {
  return run.stdout.split(/\r?\n/).filter((l) => l.startsWith('::error::'));
}

/** Refused before the installer ran: one error, no request to the index, no installer group, the summary says so. */
function expectRefusedBeforeInstalling(run: ActionRun, error: RegExp): void {
  expect(run.exitCode).toBe(1);
  expect(errors(run)).toHaveLength(1);
  expect(errors(run)[0]).toMatch(error);
  expect(fx.server.requests).toEqual([]);
  expect(run.stdout).not.toMatch(/^::group::.*(pip install|uv pip)/m);
  const summary = renderSummaryMarkdown(run.summary);
  expect(summary.headings[0]).toBe('❌ torchcraft failed: the install failed');
  // The summary's first paragraph is the step's error, as the runner shows it.
  const shown = errors(run)[0].slice('::error::'.length).replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  expect(summary.paragraphs[0]).toBe(shown.replace(/\s+/g, ' ').trim());
  // The plan itself was fine: written, and its outputs set.
  expect(run.outputs.backend).toBe('cpu');
  expect(run.outputs['torch-version']).toBe('');
}

describePosix('the action refuses interpreters it cannot install into, naming input python and the fix', () => {
  it('python points at a path that does not exist', async () => {
    fx.server.setFaults({});
    const missing = join(pool.scratch('gone'), 'bin', 'python');
    const run = await installInto(missing);
    expectRefusedBeforeInstalling(run, new RegExp(`^::error::Input python: "${missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}" was not found\\. ${FIX_PYTHON.replace(/[.()]/g, '\\$&')}$`));
  });

  it('python points at a program that is not Python (/bin/true)', async () => {
    fx.server.setFaults({});
    const run = await installInto('/bin/true');
    expectRefusedBeforeInstalling(run, /^::error::Input python: "\/bin\/true" is not a usable Python interpreter: it did not run a Python 3 script \(exit code 0\)\. Set input python to a Python 3 interpreter/);
  });

  it('a venv created --without-pip', async () => {
    fx.server.setFaults({});
    const python = await pool.withoutPip();
    const run = await installInto(python);
    expectRefusedBeforeInstalling(run, /^::error::The interpreter \S+ \(input python\) has no pip, and input installer is pip\. Fix: run "\S+ -m ensurepip --upgrade", use a virtual environment or actions\/setup-python, or set installer: uv/);
    expect(await installedTorch(python)).toEqual({});
  });

  (process.platform === 'linux' ? it : it.skip)('an externally managed Python (PEP 668): explained, with the fix, never forced', async () => {
    fx.server.setFaults({});
    const dir = pool.scratch('managed');
    const python = await externallyManagedPython(dir);
    const run = await installInto(python);
    expectRefusedBeforeInstalling(
      run,
      /^::error::Input python: \S+ is an externally managed Python \(PEP 668\): its distribution forbids pip and uv from installing into it, and torchcraft will not override that with --break-system-packages\..*Fix: create a virtual environment \(python3 -m venv \.venv\) and set python: \.venv\/bin\/python.*or use actions\/setup-python\.$/,
    );
    expect(errors(run)[0]).toContain(`Its marker says: "${MARKER_TEXT}"`);
    expect(await installedTorch(python)).toEqual({});
    expect(existsSync(join(dir, 'lib'))).toBe(true);
  });
});

describePosix('the action with a package missing from the index', () => {
  it('fails after one attempt, says what is missing, folds the output tail into the summary, leaves no torch', async () => {
    fx.server.setFaults({});
    const python = await pool.fresh();
    // torch is there, torchvision is not: pip resolves all before installing, so torch must not land alone.
    const base = `${fx.server.baseUrl()}/${TORCH_INDEX_BASES.missing}`;
    const run = await installInto(python, { 'index-base-url': base, retries: '3' });

    expect(run.exitCode).toBe(1);
    expect(errors(run)).toHaveLength(1);
    expect(errors(run)[0]).toMatch(
      new RegExp(
        `^::error::A package in torchcraft\\.txt is not on ${base.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/cpu for Python \\d+\\.\\d+ and this platform\\. ` +
          'The installer said: ERROR: No matching distribution found for torchvision==0\\.29\\.\\* .*No torch was left behind\\.$',
      ),
    );
    // Not worth retrying: one attempt of the four allowed.
    expect(run.stdout).toMatch(/^::group::.*-m pip install .*\(attempt 1 of 4\)$/m);
    expect(run.stdout).not.toMatch(/attempt 2 of 4/);
    expect(run.stdout).not.toMatch(/trying again/);
    // The installer's last lines, collapsed, in the summary; then the error.
    const summary = renderSummaryMarkdown(run.summary);
    expect(summary.strayHtml).toEqual([]);
    expect(summary.details.map((d) => d.summary)).toContain("Last lines of pip's output (attempt 1)");
    expect(summary.details.find((d) => d.summary.startsWith('Last lines'))!.code.join('')).toMatch(/No matching distribution found for torchvision==0\.29\.\*/);
    expect(summary.headings[0]).toBe('❌ torchcraft failed: the install failed');
    expect(summary.paragraphs[0]).toMatch(/^A package in torchcraft\.txt is not on /);
    expect(run.outputs['torch-version']).toBe('');
    expect(await installedTorch(python)).toEqual({});
  });
});
