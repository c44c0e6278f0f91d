/**
 * Issue 4, part 1, end to end: the project's own pins decide the torch release,
 * through the built action (`node dist/index.js`) and CLI (`dist/cli/index.js`),
 * and the build torchcraft.txt installs survives the project's own
 * `pip install -r requirements.txt` afterwards.
 *
 * The real installs use one test index on 127.0.0.1: PyTorch-style variant
 * folders (/whl/cu130, /whl/cpu) holding +cu130 / +cpu builds, and a flat
 * PyPI-like folder (/simple) holding what PyPI serves: torch without a local
 * label (2.14.1 the newest), its companions, xformers, and small stand-ins for
 * the project's other packages. pip is isolated from this machine's pip setup.
 * Each install scenario first asks pip (--dry-run --report) what the project's
 * own install would do in a fresh venv, so the trap the test guards against is
 * shown to be real on this index.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runTool } from '../../src/process/run-tool.js';
import { IndexServer } from '../helpers/index-server.js';
import { describePosix } from '../helpers/posix.js';
import { isolatedPipEnv, VenvPool } from '../helpers/venv.js';
import { buildWheels, companion, defaultPython, fakeTorch, plainPackage, type WheelSpec } from '../helpers/wheels.js';
import { fakeNvidiaSmi } from './fake-tools.js';
import { makeSandbox, runAction, runCliBin, type ActionRun, type Sandbox } from './runner.js';

const PROJECTS = resolve('__tests__/fixtures/projects');
const H100 = { name: 'NVIDIA H100 80GB HBM3', computeCapability: '9.0' };
const LINUX_CPU = JSON.stringify({ os: 'linux', arch: 'x86_64', gpus: [] });
const LINUX_H100 = JSON.stringify({
  os: 'linux',
  arch: 'x86_64',
  gpus: [{ vendor: 'nvidia', name: H100.name, computeCapability: '9.0', driver: '580.65.06', cuda: '13.0' }],
});
// The fake nvidia-smi answers the way the Linux driver's does; detection on other hosts reads other tools.
const itLinux = process.platform === 'linux' ? it : it.skip;
const INSTALL_TIMEOUT_MS = 240_000;

/** A sandbox whose workspace holds a copy of a fixture project. */
function projectSandbox(project: string, fakeTools: Record<string, string> = {}): Sandbox {
  const box = makeSandbox(fakeTools);
  cpSync(join(PROJECTS, project), box.workspace, { recursive: true });
  return box;
}

/** The requirement lines of a torchcraft.txt: neither comments nor options. */
function requirementLines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#') && !l.startsWith('-'));
}

function written(box: Sandbox): string {
  return readFileSync(join(box.workspace, 'torchcraft.txt'), 'utf8');
}

/** The action failed on bad input: one ::error:: line, nothing written, no outputs. */
function expectRefused(box: Sandbox, run: ActionRun): string {
  expect(run.timedOut).toBe(false);
  expect(run.exitCode).toBe(1);
  expect(existsSync(join(box.workspace, 'torchcraft.txt'))).toBe(false);
  expect(run.outputs).toEqual({});
  const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
  expect(errors).toHaveLength(1);
  return errors[0];
}

/** An xformers that says which index it came from, since both serve the same version. */
function xformers(version: string, torch: string, source: string): WheelSpec {
  return {
    name: 'xformers',
    version,
    requires: [`torch${torch}`],
    files: { 'xformers/__init__.py': `__version__ = '${version}'\n__source__ = '${source}'\n` },
  };
}

/** The PyTorch index's builds of one variant: torch, torchvision and torchaudio for 2.5.1, 2.11.0 and 2.14.1. */
function variantWheels(label: string, cudaAvailable: boolean): WheelSpec[] {
  return [
    fakeTorch({ version: `2.5.1+${label}`, cudaAvailable }),
    companion('torchvision', `0.20.1+${label}`, '2.5.1'),
    companion('torchaudio', `2.5.1+${label}`, '2.5.1'),
    fakeTorch({ version: `2.11.0+${label}`, cudaAvailable }),
    companion('torchvision', `0.26.0+${label}`, '2.11.0'),
    // torchaudio 2.11.0, the last one, declares no torch pin (shared/reference/pytorch-wheels.md).
    plainPackage('torchaudio', `2.11.0+${label}`),
    fakeTorch({ version: `2.14.1+${label}`, cudaAvailable }),
    companion('torchvision', `0.29.1+${label}`, '2.14.1'),
  ];
}

interface Pip {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

async function pip(python: string, args: string[], cwd: string): Promise<Pip> {
  const r = await runTool(python, ['-m', 'pip', ...args], { timeoutMs: 180_000, cwd, env: isolatedPipEnv({ PIP_RETRIES: '0' }) });
  if (!r.ok) throw new Error(`pip ${args.join(' ')} failed (${r.spawnError ?? r.exitCode}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** What `pip install -r requirements.txt` would install into this venv from the PyPI-like index: name -> version. */
async function wouldInstall(python: string, cwd: string, requirements: string): Promise<Record<string, string>> {
  const r = await pip(python, ['install', '--dry-run', '--quiet', '--report', '-', '-r', requirements, '--index-url', server.pypiUrl], cwd);
  const report = JSON.parse(r.stdout) as { install: { metadata: { name: string; version: string } }[] };
  return Object.fromEntries(report.install.map((i) => [normalise(i.metadata.name), i.metadata.version]));
}

const INSPECT = `
import importlib, importlib.metadata as m, json
out = {}
for d in m.distributions():
    out[d.metadata["Name"].lower().replace("_", "-")] = d.version
for mod, attr in (("torch", "__version__"), ("xformers", "__source__")):
    try:
        out["%s.%s" % (mod, attr)] = getattr(importlib.import_module(mod), attr)
    except ImportError:
        pass
print(json.dumps(out))
`;

/** Installed distributions (normalised name -> version), plus what `import torch` reports. */
async function installed(python: string): Promise<Record<string, string>> {
  const r = await runTool(python, ['-c', INSPECT], { timeoutMs: 60_000, env: isolatedPipEnv() });
  if (!r.ok) throw new Error(`inspecting ${python} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, string>;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Wheel files pip downloaded from the PyPI-like folder since the last setFaults(). */
function pypiDownloads(): string[] {
  return server.requests.map((q) => decodeURIComponent(q.path)).filter((p) => p.startsWith('/simple/') && p.endsWith('.whl'));
}

const pool = new VenvPool();
let server: IndexServer;
let python: string;

describePosix('project pins, end to end (issue 4)', () => {
  beforeAll(async () => {
    const dir = pool.scratch('wheels');
    const [cu130, cpu, pypi] = await Promise.all([
      buildWheels([...variantWheels('cu130', true), xformers('0.0.35', '>=2.10', 'pytorch-index')], join(dir, 'cu130')),
      buildWheels(variantWheels('cpu', false), join(dir, 'cpu')),
      buildWheels(
        [
          // PyPI's torch carries no local label (on Linux x86_64 it is a CUDA build).
          fakeTorch({ version: '2.5.1', cudaAvailable: true }),
          fakeTorch({ version: '2.11.0', cudaAvailable: true }),
          fakeTorch({ version: '2.14.1', cudaAvailable: true }),
          companion('torchvision', '0.20.1', '2.5.1'),
          companion('torchvision', '0.26.0', '2.11.0'),
          companion('torchvision', '0.29.1', '2.14.1'),
          companion('torchaudio', '2.5.1', '2.5.1'),
          plainPackage('torchaudio', '2.11.0'),
          xformers('0.0.29.post1', '==2.5.1', 'pypi'),
          xformers('0.0.35', '>=2.10', 'pypi'),
          plainPackage('numpy', '1.26.4'),
          plainPackage('numpy', '2.1.3'),
          plainPackage('sentencepiece', '0.2.0'),
          plainPackage('huggingface_hub', '0.26.2'),
          plainPackage('transformers', '4.30.2', ['huggingface-hub>=0.14.1', 'numpy>=1.17']),
          plainPackage('transformers', '4.46.3', ['huggingface-hub>=0.23.2', 'numpy>=1.17']),
          plainPackage('gradio', '5.6.0', ['numpy<3,>=1.0', 'huggingface-hub>=0.25.1']),
          plainPackage('tqdm', '4.66.5'),
        ],
        join(dir, 'pypi'),
      ),
    ]);
    server = new IndexServer({ variants: { cu130, cpu }, pypi });
    await server.start();
    const r = await runTool(defaultPython(), ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { timeoutMs: 30_000 });
    if (!r.ok) throw new Error(`cannot ask ${defaultPython()} its version: ${r.stderr}`);
    python = r.stdout.trim();
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    pool.cleanup();
  });

  describe("the seed's requirements.txt (numpy sentencepiece torch torchaudio huggingface_hub transformers>=4.31.0 xformers gradio)", () => {
    itLinux(
      'CUDA: plans torch 2.11 with torchaudio and xformers from the cu130 index; the project install keeps that build',
      async () => {
        const box = projectSandbox('seed', { 'nvidia-smi': fakeNvidiaSmi({ driver: '580.65.06', cuda: '13.0', gpus: [H100] }) });
        const run = await runAction(box, { requirements: 'requirements.txt', 'python-version': python, 'index-base-url': server.baseUrl() });
        expect(run.exitCode).toBe(0);
        expect(run.outputs.backend).toBe('cu130');
        expect(run.outputs['index-url']).toBe(server.variantUrl('cu130'));
        expect(run.outputs['torch-requirement']).toBe('torch==2.11.*');
        const text = written(box);
        expect(text).toContain(`--index-url ${server.variantUrl('cu130')}\n`);
        // torchaudio is named, and torchaudio ends at 2.11: the release is 2.11, not the newest (2.14).
        expect(requirementLines(text)).toEqual(['torch==2.11.*', 'torchvision==0.26.*', 'torchaudio==2.11.*', 'xformers==0.0.35']);
        const plan = JSON.parse(run.outputs.json);
        expect(plan.release).toBe('2.11');
        expect(plan.packages).toEqual(requirementLines(text));
        expect(plan.reasons.join('\n')).toContain('requirements.txt:4');

        const venv = await pool.fresh();
        // Without torchcraft, the project's own install would bring PyPI's newest torch.
        const alone = await wouldInstall(venv, box.workspace, 'requirements.txt');
        expect(alone.torch).toBe('2.14.1');

        await pip(venv, ['install', '-r', 'torchcraft.txt'], box.workspace);
        expect(await installed(venv)).toMatchObject({ torch: '2.11.0+cu130', torchvision: '0.26.0+cu130', torchaudio: '2.11.0+cu130', xformers: '0.0.35' });

        server.setFaults({});
        await pip(venv, ['install', '-r', 'requirements.txt', '--index-url', server.pypiUrl], box.workspace);
        const after = await installed(venv);
        expect(after).toMatchObject({
          torch: '2.11.0+cu130',
          'torch.__version__': '2.11.0+cu130',
          torchvision: '0.26.0+cu130',
          torchaudio: '2.11.0+cu130',
          xformers: '0.0.35',
          'xformers.__source__': 'pytorch-index',
          transformers: '4.46.3',
          gradio: '5.6.0',
          'huggingface-hub': '0.26.2',
          sentencepiece: '0.2.0',
          numpy: '2.1.3',
        });
        // The project's other packages came from the PyPI-like index; no PyTorch package did.
        const downloads = pypiDownloads();
        expect(downloads).toEqual(expect.arrayContaining([expect.stringContaining('/simple/transformers-4.46.3-')]));
        expect(downloads.filter((p) => /\/(torch|torchvision|torchaudio|xformers)-/.test(p))).toEqual([]);
      },
      INSTALL_TIMEOUT_MS,
    );

    it(
      'CPU: the same release without an xformers line (the cpu index has none); xformers from PyPI leaves torch in place',
      async () => {
        const box = projectSandbox('seed');
        const run = await runAction(box, { requirements: 'requirements.txt', 'python-version': python, 'index-base-url': server.baseUrl(), machine: LINUX_CPU });
        expect(run.exitCode).toBe(0);
        expect(run.outputs.backend).toBe('cpu');
        expect(run.outputs['index-url']).toBe(server.variantUrl('cpu'));
        const text = written(box);
        expect(requirementLines(text)).toEqual(['torch==2.11.*', 'torchvision==0.26.*', 'torchaudio==2.11.*']);
        expect(text).toMatch(/^# Why: xformers is not added: .*cpu index/m);

        const venv = await pool.fresh();
        await pip(venv, ['install', '-r', 'torchcraft.txt'], box.workspace);
        server.setFaults({});
        await pip(venv, ['install', '-r', 'requirements.txt', '--index-url', server.pypiUrl], box.workspace);
        const after = await installed(venv);
        expect(after).toMatchObject({
          torch: '2.11.0+cpu',
          'torch.__version__': '2.11.0+cpu',
          torchvision: '0.26.0+cpu',
          torchaudio: '2.11.0+cpu',
          // PyPI's xformers 0.0.35 asks torch>=2.10, which 2.11.0+cpu meets.
          xformers: '0.0.35',
          'xformers.__source__': 'pypi',
          transformers: '4.46.3',
        });
        expect(pypiDownloads().filter((p) => /\/(torch|torchvision|torchaudio)-/.test(p))).toEqual([]);
      },
      INSTALL_TIMEOUT_MS,
    );
  });

  describe('a pinned old project (torch==2.5.1, torchvision==0.20.1)', () => {
    it(
      'plans exactly 2.5.1 and its companions; the project install keeps 2.5.1+cpu',
      async () => {
        const box = projectSandbox('pinned-2-5');
        const run = await runAction(box, { requirements: 'requirements.txt', 'python-version': python, 'index-base-url': server.baseUrl(), machine: LINUX_CPU });
        expect(run.exitCode).toBe(0);
        expect(requirementLines(written(box))).toEqual(['torch==2.5.1', 'torchvision==0.20.1', 'torchaudio==2.5.1']);
        expect(JSON.parse(run.outputs.json).release).toBe('2.5');

        const venv = await pool.fresh();
        const alone = await wouldInstall(venv, box.workspace, 'requirements.txt');
        expect(alone.torch).toBe('2.5.1');

        await pip(venv, ['install', '-r', 'torchcraft.txt'], box.workspace);
        server.setFaults({});
        await pip(venv, ['install', '-r', 'requirements.txt', '--index-url', server.pypiUrl], box.workspace);
        expect(await installed(venv)).toMatchObject({
          torch: '2.5.1+cpu',
          'torch.__version__': '2.5.1+cpu',
          torchvision: '0.20.1+cpu',
          torchaudio: '2.5.1+cpu',
          numpy: '1.26.4',
          tqdm: '4.66.5',
        });
        expect(pypiDownloads().filter((p) => /\/(torch|torchvision|torchaudio)-/.test(p))).toEqual([]);
      },
      INSTALL_TIMEOUT_MS,
    );

    it('the same plan for Python 3.12', async () => {
      const box = projectSandbox('pinned-2-5');
      const run = await runAction(box, { requirements: 'requirements.txt', 'python-version': '3.12', machine: LINUX_CPU });
      expect(run.exitCode).toBe(0);
      expect(requirementLines(written(box))).toEqual(['torch==2.5.1', 'torchvision==0.20.1', 'torchaudio==2.5.1']);
    });
  });

  describe('pyproject.toml with optional-dependencies and dependency-groups, picked by extras', () => {
    const cases: { extras: string; machine: string; release: string; lines: string[] }[] = [
      // train: torch>=2.4,<2.6 (cuda's xformers pin, at odds with it, is not asked for).
      { extras: 'train', machine: LINUX_CPU, release: '2.5', lines: ['torch==2.5.*', 'torchvision==0.20.*', 'torchaudio==2.5.*'] },
      // dev includes test, whose torchaudio!=2.5.1 leaves 2.5.0 of the 2.5 line.
      { extras: 'train, dev', machine: LINUX_CPU, release: '2.5', lines: ['torch==2.5.0', 'torchvision==0.20.0', 'torchaudio==2.5.0'] },
      // A dependency group alone.
      { extras: 'legacy', machine: LINUX_CPU, release: '2.4', lines: ['torch==2.4.*', 'torchvision==0.19.*', 'torchaudio==2.4.*'] },
      // cuda alone: xformers 0.0.32.post2 pins torch 2.8.0 and joins a CUDA plan.
      { extras: 'cuda', machine: LINUX_H100, release: '2.8', lines: ['torch==2.8.*', 'torchvision==0.23.*', 'torchaudio==2.8.*', 'xformers==0.0.32.post2'] },
    ];
    for (const c of cases) {
      it(`extras "${c.extras}": torch ${c.release}`, async () => {
        const box = projectSandbox('pyproject-extras');
        const run = await runAction(box, { requirements: 'pyproject.toml', extras: c.extras, 'python-version': '3.12', machine: c.machine });
        expect(run.exitCode).toBe(0);
        expect(JSON.parse(run.outputs.json).release).toBe(c.release);
        expect(requirementLines(written(box))).toEqual(c.lines);
      });
    }

    it('names the group a pin came from', async () => {
      const box = projectSandbox('pyproject-extras');
      const run = await runAction(box, { requirements: 'pyproject.toml', extras: 'train', 'python-version': '3.12', machine: LINUX_CPU });
      expect(run.exitCode).toBe(0);
      expect(JSON.parse(run.outputs.json).reasons.join('\n')).toContain('torch>=2.4,<2.6 from pyproject.toml [project.optional-dependencies.train]');
    });

    it('with every group (extras empty), the train and cuda pins conflict: an error naming both', async () => {
      const box = projectSandbox('pyproject-extras');
      const run = await runAction(box, { requirements: 'pyproject.toml', 'python-version': '3.12', machine: LINUX_CPU });
      const error = expectRefused(box, run);
      expect(error).toMatch(/^::error::Invalid requirements /);
      expect(error).toContain('pyproject.toml [project.optional-dependencies.train] wants torch>=2.4,<2.6');
      expect(error).toContain('pyproject.toml [project.optional-dependencies.cuda] wants xformers==0.0.32.post2');
    });
  });

  describe('includes and markers for another OS, through the CLI with --requirements twice', () => {
    const args = (machineFile: string) => ['--requirements', 'requirements.txt', '--requirements', 'dev-requirements.txt', '--python-version', '3.12', '--machine', machineFile];

    it('a Linux plan: -r and -c followed relative to the including file; darwin and win32 lines do not constrain it', async () => {
      const box = projectSandbox('includes-other-os');
      writeFileSync(join(box.workspace, 'machine.json'), LINUX_CPU);
      const r = await runCliBin(box, [...args('machine.json'), '--json'], { NO_COLOR: '1' });
      expect(r.exitCode).toBe(0);
      const out = JSON.parse(r.stdout);
      // torch>=2.4 (reqs/base.txt), torchvision<0.21 (reqs/vision.txt), torch!=2.5.1 (constraints/pins.txt): 2.5.0.
      expect(out['torch-requirement']).toBe('torch==2.5.0');
      expect(out.json.packages).toEqual(['torch==2.5.0', 'torchvision==0.20.0', 'torchaudio==2.5.0']);
      expect(requirementLines(written(box))).toEqual(out.json.packages);
      const reasons = out.json.reasons.join('\n');
      for (const source of ['reqs/base.txt:2', 'reqs/vision.txt:1', 'constraints/pins.txt:2', 'dev-requirements.txt:1']) expect(reasons).toContain(source);
      expect(r.stderr).not.toContain('torchcraft: Invalid');
    });

    it('the human-readable run says which lines do not apply here', async () => {
      const box = projectSandbox('includes-other-os');
      writeFileSync(join(box.workspace, 'machine.json'), LINUX_CPU);
      const r = await runCliBin(box, [...args('machine.json'), '--dry-run'], { NO_COLOR: '1' });
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(/requirements\.txt:5: "torch==2\.3\.0; sys_platform == \\"darwin\\"" does not apply to this machine/);
      expect(r.stdout).toMatch(/dev-requirements\.txt:2: "xformers==0\.0\.29\.post1; sys_platform == \\"win32\\"" does not apply/);
      expect(existsSync(join(box.workspace, 'torchcraft.txt'))).toBe(false);
    });

    const otherOs = [
      { name: 'an Intel Mac', machine: { os: 'macos', arch: 'x86_64', gpus: [] }, python: '3.11', conflict: ['reqs/base.txt:2 wants torch>=2.4', 'requirements.txt:5 wants torch==2.3.0'] },
      { name: 'Windows', machine: { os: 'windows', arch: 'x86_64', gpus: [] }, python: '3.12', conflict: ['constraints/pins.txt:2 wants torch!=2.5.1', 'dev-requirements.txt:2 wants xformers==0.0.29.post1'] },
    ];
    for (const o of otherOs) {
      it(`on ${o.name} the same files do apply their lines: a conflict naming both, exit 2, nothing written`, async () => {
        const box = projectSandbox('includes-other-os');
        writeFileSync(join(box.workspace, 'machine.json'), JSON.stringify(o.machine));
        const r = await runCliBin(box, ['--requirements', 'requirements.txt', '--requirements', 'dev-requirements.txt', '--python-version', o.python, '--machine', 'machine.json']);
        expect(r.exitCode).toBe(2);
        expect(r.stderr).toMatch(/^torchcraft: Invalid --requirements /);
        for (const side of o.conflict) expect(r.stderr).toContain(side);
        expect(existsSync(join(box.workspace, 'torchcraft.txt'))).toBe(false);
      });
    }
  });

  describe('errors name what is wrong, and nothing is written', () => {
    it('conflicting pins in two files: both files and lines', async () => {
      const box = projectSandbox('conflicting-pins');
      const run = await runAction(box, { requirements: 'requirements.txt\nservices/api/requirements.txt', 'python-version': '3.12', machine: LINUX_CPU });
      const error = expectRefused(box, run);
      expect(error).toMatch(/^::error::Invalid requirements /);
      expect(error).toContain('requirements.txt:2 wants torch==2.5.1');
      expect(error).toContain('services/api/requirements.txt:3 wants torch>=2.6');
    });

    it('a pin at odds with the torch-version input: both named', async () => {
      const box = projectSandbox('conflicting-pins');
      const run = await runAction(box, { requirements: 'requirements.txt', 'torch-version': '2.6', 'python-version': '3.12', machine: LINUX_CPU });
      const error = expectRefused(box, run);
      expect(error).toContain('requirements.txt:2 wants torch==2.5.1');
      expect(error).toContain('torch-version is 2.6');
    });

    it('a requirements file that is not there: the input and the path', async () => {
      const box = projectSandbox('seed');
      const run = await runAction(box, { requirements: 'requirements.txt\nml/requirements-gpu.txt', 'python-version': '3.12', machine: LINUX_CPU });
      const error = expectRefused(box, run);
      expect(error).toMatch(/^::error::Invalid requirements "ml\/requirements-gpu\.txt": .*no such file/);
    });

    it('an extras group the pyproject does not have: the groups it does have', async () => {
      const box = projectSandbox('pyproject-extras');
      const run = await runAction(box, { requirements: 'pyproject.toml', extras: 'train gpu', 'python-version': '3.12', machine: LINUX_CPU });
      const error = expectRefused(box, run);
      expect(error).toMatch(/^::error::Invalid extras "gpu": /);
      for (const group of ['train', 'cuda', 'all', 'test', 'lint', 'dev', 'legacy']) expect(error).toMatch(new RegExp(`[ :,]${group}\\b`));
    });
  });
});
