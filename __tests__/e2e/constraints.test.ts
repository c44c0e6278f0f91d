/**
 * The build stays, end to end: the action installs the CPU build from one
 * local index and exports PIP_CONSTRAINT / UV_CONSTRAINT through GITHUB_ENV;
 * a later workflow step, with the variables the runner reads back from that
 * file, runs `pip install -U -r requirements.txt` against a second, PyPI-like
 * index that serves a newer torch and a differently labelled one, and no
 * +cpu build at all. The planned build stays (the installed dist satisfies its
 * own ==2.14.1+cpu), a conflicting project pin fails loudly, and the same
 * command without the variables would have replaced it.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { devNull } from 'node:os';
import { join } from 'node:path';
import { IndexServer } from '../helpers/index-server.js';
import { describePosix } from '../helpers/posix.js';
import { STABLE_TORCH, STABLE_VISION } from '../helpers/torch-index.js';
import { installedTorch } from '../helpers/venv.js';
import { buildWheels, companion, fakeTorch } from '../helpers/wheels.js';
import { runTool } from '../../src/process/run-tool.js';
import { parseCommandFile, pipStepEnv, runAction, runCliBin, type Sandbox } from './runner.js';
import { installFixture, RUN_TIMEOUT_MS } from './install-fixture.js';

const fx = installFixture();
/** The second index: what PyPI would offer a later `pip install -U torch`. */
let pypi: IndexServer;

beforeAll(async () => {
  const wheels = await buildWheels(
    [fakeTorch({ version: '2.15.0' }), fakeTorch({ version: '2.14.2+cu130', cudaAvailable: true }), companion('torchvision', '0.30.0', '2.15.0')],
    fx.pool.scratch('pypi-wheels'),
  );
  pypi = new IndexServer({ variants: {}, pypi: wheels });
  await pypi.start();
}, 120_000);
afterAll(async () => {
  await pypi?.stop();
});

/** A later `run:` step: the runner's environment plus what earlier steps wrote to GITHUB_ENV. */
function laterStepEnv(box: Sandbox, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const exported = parseCommandFile(readFileSync(join(box.root, 'env'), 'utf8'));
  return { PATH: box.path, HOME: box.root, PIP_CONFIG_FILE: devNull, PIP_DISABLE_PIP_VERSION_CHECK: '1', ...extra, ...exported };
}

async function pip(python: string, args: string[], box: Sandbox, env: NodeJS.ProcessEnv) {
  return runTool(python, ['-m', 'pip', 'install', '--no-input', ...args], { timeoutMs: RUN_TIMEOUT_MS, cwd: box.workspace, env });
}

describePosix('export-constraints: a later install keeps the planned build', () => {
  it('pip install -U -r requirements.txt against another index keeps torch 2.14.1+cpu; a conflicting pin fails loudly', async () => {
    fx.server.setFaults({});
    const box = fx.sandbox();
    const python = await fx.pool.fresh();
    const run = await runAction(box, { install: 'true', python, installer: 'pip', 'index-base-url': fx.server.baseUrl() }, pipStepEnv(), RUN_TIMEOUT_MS);
    expect(run.stdout).not.toContain('::error');
    expect(run.exitCode).toBe(0);

    const path = run.outputs['constraints-path'];
    expect(path.startsWith(join(box.root, 'torchcraft-'))).toBe(true);
    expect(readFileSync(path, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([`torch==${STABLE_TORCH}+cpu`, `torchvision==${STABLE_VISION}+cpu`]);
    const exported = parseCommandFile(readFileSync(join(box.root, 'env'), 'utf8'));
    expect(exported).toMatchObject({ PIP_CONSTRAINT: path, UV_CONSTRAINT: path });

    writeFileSync(join(box.workspace, 'requirements.txt'), 'torch\ntorchvision\n');
    const upgrade = ['-U', '-r', 'requirements.txt', '--index-url', pypi.pypiUrl];
    // Without the constraints, this very command would replace the build.
    const unconstrained = await pip(python, ['--dry-run', ...upgrade], box, { ...laterStepEnv(box), PIP_CONSTRAINT: '', UV_CONSTRAINT: '' });
    expect(unconstrained.stdout).toMatch(/Would install torch-2\.15\.0 torchvision-0\.30\.0/);

    pypi.setFaults({});
    const later = await pip(python, upgrade, box, laterStepEnv(box));
    expect(later.stderr).not.toMatch(/^ERROR/m);
    expect(later.exitCode).toBe(0);
    // pip did ask the other index, and kept what was installed.
    expect(pypi.requests.map((q) => q.path)).toEqual(expect.arrayContaining(['/simple/torch/', '/simple/torchvision/']));
    expect(later.stdout).toMatch(/Requirement already satisfied: torch in /);
    expect(await installedTorch(python)).toMatchObject({ torch: `${STABLE_TORCH}+cpu`, torchvision: `${STABLE_VISION}+cpu` });

    // A project pin that disagrees with the planned build stops the install instead.
    writeFileSync(join(box.workspace, 'requirements-pinned.txt'), 'torch==2.15.0\n');
    const pinned = await pip(python, ['-r', 'requirements-pinned.txt', '--index-url', pypi.pypiUrl], box, laterStepEnv(box));
    expect(pinned.exitCode).not.toBe(0);
    expect(pinned.stderr).toMatch(/Cannot install torch==2\.15\.0 because these package versions have conflicting dependencies/);
    expect(`${pinned.stdout}\n${pinned.stderr}`).toMatch(/torch==2\.14\.1\+cpu/);
    expect((await installedTorch(python)).torch).toBe(`${STABLE_TORCH}+cpu`);
  });

  it('keeps the constraints the job already had, and names a path with a space as a file: URI pip reads', async () => {
    fx.server.setFaults({});
    const box = fx.sandbox();
    const python = await fx.pool.fresh();
    const temp = join(box.root, 'runner temp');
    mkdirSync(temp);
    const team = join(box.root, 'team-constraints.txt');
    writeFileSync(team, 'torchaudio<1\n');
    const run = await runAction(
      box,
      { install: 'true', python, installer: 'pip', 'index-base-url': fx.server.baseUrl() },
      pipStepEnv({ RUNNER_TEMP: temp, PIP_CONSTRAINT: team }),
      RUN_TIMEOUT_MS,
    );
    expect(run.exitCode).toBe(0);
    const path = run.outputs['constraints-path'];
    expect(path.startsWith(join(temp, 'torchcraft-'))).toBe(true);
    const uri = `file://${path.split('/').map(encodeURIComponent).join('/')}`;
    const exported = parseCommandFile(readFileSync(join(box.root, 'env'), 'utf8'));
    expect(exported.PIP_CONSTRAINT).toBe(`${team} ${uri}`);
    expect(exported.UV_CONSTRAINT).toBe(uri);

    writeFileSync(join(box.workspace, 'requirements.txt'), 'torch\n');
    const later = await pip(python, ['-U', '-r', 'requirements.txt', '--index-url', pypi.pypiUrl], box, laterStepEnv(box, { PIP_CONSTRAINT: team }));
    expect(later.exitCode).toBe(0);
    expect((await installedTorch(python)).torch).toBe(`${STABLE_TORCH}+cpu`);
  });

  it('the CLI: --install --constraints FILE writes the file and says how to use it', async () => {
    fx.server.setFaults({});
    const box = fx.sandbox();
    const python = await fx.pool.fresh();
    const r = await runCliBin(
      box,
      ['--install', '--python', python, '--installer', 'pip', '--index-base-url', fx.server.baseUrl(), '--constraints', 'keep.txt', '--json'],
      pipStepEnv(),
      RUN_TIMEOUT_MS,
    );
    expect(r.exitCode).toBe(0);
    const written = join(box.workspace, 'keep.txt');
    expect(JSON.parse(r.stdout)['constraints-path']).toBe(written);
    expect(readFileSync(written, 'utf8')).toMatch(new RegExp(`^torch==${STABLE_TORCH.replace(/\./g, '\\.')}\\+cpu$`, 'm'));
    expect(r.stderr).toContain('Later installs keep this build with PIP_CONSTRAINT=keep.txt (pip), UV_CONSTRAINT=keep.txt (uv pip), or pip install -c keep.txt');

    const usage = await runCliBin(box, ['--constraints', 'keep.txt'], pipStepEnv());
    expect(usage.exitCode).toBe(2);
    expect(usage.stderr).toContain('--constraints needs --install');
  });
});
