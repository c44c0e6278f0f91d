import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { InputError } from '../../src/errors.js';
import { readProjectRequirements } from '../../src/requirements/index.js';
import type { TargetEnvironment } from '../../src/requirements/target.js';
import { failure, project, PROJECTS } from './helpers.js';

const linux: TargetEnvironment = { os: 'linux', arch: 'x86_64', python: '3.12' };
const FILE = 'pyproject-groups/pyproject.toml';
const read = (extras: string[] | 'all', target: TargetEnvironment = linux, paths = [FILE], cwd = PROJECTS) =>
  readProjectRequirements(paths, target, { extras, cwd });
const pins = (r: { constraints: { project: string; specifier: string; source: string }[] }) =>
  r.constraints.map((c) => `${c.project}${c.specifier} <- ${c.source.replace(`${FILE} `, '')}`);

describe('pyproject.toml', () => {
  it('reads [project] dependencies alone when no group is asked for', async () => {
    expect(pins(await read([]))).toEqual(['torch>=2.4,<2.9 <- [project.dependencies]', 'torchaudio <- [project.dependencies]']);
  });

  it("reads every group with 'all', each pin with its table", async () => {
    expect(pins(await read('all'))).toEqual([
      'torch>=2.4,<2.9 <- [project.dependencies]',
      'torchaudio <- [project.dependencies]',
      'torchvision>=0.19 <- [project.optional-dependencies.train]',
      'torchao>=0.5 <- [project.optional-dependencies.train]',
      'xformers>=0.0.28 <- [project.optional-dependencies.cuda]',
      'triton <- [project.optional-dependencies.cuda]',
      'torchdata==0.9.0 <- [dependency-groups.test]',
    ]);
  });

  it('reads only the optional groups asked for', async () => {
    expect(pins(await read(['train']))).toEqual([
      'torch>=2.4,<2.9 <- [project.dependencies]',
      'torchaudio <- [project.dependencies]',
      'torchvision>=0.19 <- [project.optional-dependencies.train]',
      'torchao>=0.5 <- [project.optional-dependencies.train]',
    ]);
  });

  it('follows a group that installs the project with its own extras (all = ["speech-lab[train,cuda]"])', async () => {
    const r = await read(['ALL']);
    expect(pins(r)).toEqual(pins(await read(['train', 'cuda'])));
    expect(r.constraints.map((c) => c.project)).toContain('xformers');
  });

  it('follows include-group in [dependency-groups]', async () => {
    expect(pins(await read(['dev']))).toEqual([
      'torch>=2.4,<2.9 <- [project.dependencies]',
      'torchaudio <- [project.dependencies]',
      'torchdata==0.9.0 <- [dependency-groups.test]',
    ]);
  });

  it('evaluates markers for the target: Linux-only pins do not count on Windows', async () => {
    const win = await read('all', { os: 'windows', arch: 'x86_64', python: '3.12' });
    expect(win.constraints.map((c) => c.project)).toEqual(['torch', 'torchaudio', 'torchvision', 'torchdata']);
    const arm = await read('all', { os: 'linux', arch: 'aarch64', python: '3.12' });
    expect(arm.constraints.map((c) => c.project)).toEqual(['torch', 'torchaudio', 'torchvision', 'torchao', 'triton', 'torchdata']);
  });

  it('refuses a group that does not exist, listing the groups there are', async () => {
    const err = (await failure(read(['gpu']))) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.input).toBe('extras');
    expect(err.value).toBe('gpu');
    expect(err.problem).toContain('train, cuda, all, test, lint, dev');
  });

  it('accepts a group found in any one of several pyproject files', async () => {
    const cwd = project({
      [FILE]: readFileSync(`${PROJECTS}${FILE}`, 'utf8'),
      'other/pyproject.toml': '[project]\nname = "x"\ndependencies = ["torch"]\n[project.optional-dependencies]\ngpu = ["xformers"]\n',
    });
    const r = await readProjectRequirements([FILE, 'other/pyproject.toml'], linux, { extras: ['gpu'], cwd });
    expect(r.constraints.map((c) => c.project)).toEqual(['torch', 'torchaudio', 'torch', 'xformers']);
    expect(r.files).toHaveLength(2);
  });

  it('warns of [tool.uv.sources] that redirects a family package, and only notes one that does not', async () => {
    const r = await read([]);
    expect(r.notes).toEqual([]);
    expect(r.warnings).toEqual([
      `${FILE} [tool.uv.sources]: names a source for torch, which picks its index or build; torchcraft does not read it, and \`uv sync\` / \`uv pip install\` will follow it rather than torchcraft.txt.`,
    ]);
    const cwd = project({ 'pyproject.toml': '[project]\nname = "p"\n[tool.uv.sources]\nmylib = { path = "../mylib" }\n' });
    const other = await readProjectRequirements(['pyproject.toml'], linux, { extras: [], cwd });
    expect(other.warnings).toEqual([]);
    expect(other.notes).toEqual(['pyproject.toml: [tool.uv.sources] is not read by torchcraft (it names no PyTorch package).']);
  });

  it('warns that dynamic dependencies are unseen, naming the files to pass instead', async () => {
    const cwd = project({
      'pyproject.toml': [
        '[project]', 'name = "p"', 'dynamic = ["dependencies", "optional-dependencies"]',
        '[tool.setuptools.dynamic]', 'dependencies = { file = ["requirements.txt"] }',
      ].join('\n'),
    });
    const r = await readProjectRequirements(['pyproject.toml'], linux, { extras: 'all', cwd });
    expect(r.constraints).toEqual([]);
    expect(r.notes).toEqual([]);
    expect(r.warnings).toEqual([
      'pyproject.toml: [project] dependencies is dynamic, so torchcraft cannot see its pins and does not honour them: pass requirements.txt as requirements too.',
      'pyproject.toml: [project] optional-dependencies is dynamic, so torchcraft cannot see its pins and does not honour them: pass the requirement files it is built from as requirements too.',
    ]);
  });

  it("reads Poetry's plain version pins of the family, and warns that Poetry installs on its own terms", async () => {
    const cwd = project({
      'pyproject.toml': [
        '[tool.poetry.dependencies]', 'python = "^3.10"', 'torch = "^2.3"', 'numpy = "^1.26"', 'torchvision = { version = "0.18.1", extras = [] }',
        '[tool.poetry.group.dev.dependencies]', 'torchaudio = "~2.3"',
        '[tool.poetry.group.gpu]', 'optional = true',
        '[tool.poetry.group.gpu.dependencies]', 'xformers = ">=0.0.26, <0.0.28"',
      ].join('\n'),
    });
    const r = await readProjectRequirements(['pyproject.toml'], linux, { extras: [], cwd });
    expect(r.constraints).toEqual([
      { project: 'torch', specifier: '>=2.3,<3.0', source: 'pyproject.toml [tool.poetry.dependencies]' },
      { project: 'torchvision', specifier: '==0.18.1', source: 'pyproject.toml [tool.poetry.dependencies]' },
      { project: 'torchaudio', specifier: '>=2.3,<2.4', source: 'pyproject.toml [tool.poetry.group.dev.dependencies]' },
    ]);
    expect(r.warnings).toHaveLength(3);
    expect(r.warnings[0]).toBe(
      'pyproject.toml [tool.poetry.dependencies]: "torch = \\"^2.3\\"" is read as torch>=2.3,<3.0, but `poetry install` installs from poetry.lock and Poetry\'s own sources, so it may still replace the build torchcraft.txt chose.',
    );
    // The optional group counts once asked for, and its name is a valid extra.
    const gpu = await readProjectRequirements(['pyproject.toml'], linux, { extras: ['gpu'], cwd });
    expect(gpu.constraints.map((c) => `${c.project}${c.specifier}`)).toContain('xformers>=0.0.26,<0.0.28');
  });

  it("warns of Poetry pins it cannot read: a source, a URL, several constraints", async () => {
    const cwd = project({
      'pyproject.toml': [
        '[tool.poetry.dependencies]',
        'torch = { version = "2.3.1+cu121", source = "pytorch-cu121" }',
        'torchvision = { url = "https://download.pytorch.org/whl/cu121/torchvision-0.18.1%2Bcu121-cp311-cp311-linux_x86_64.whl" }',
        'torchaudio = [{ version = "2.3.1", platform = "linux" }, { version = "2.2.2", platform = "darwin" }]',
        'xformers = "^2.3 || ^2.4"',
      ].join('\n'),
    });
    const r = await readProjectRequirements(['pyproject.toml'], linux, { extras: 'all', cwd });
    expect(r.constraints).toEqual([]);
    expect(r.warnings.map((w) => w.split(': ')[0])).toEqual(Array(4).fill('pyproject.toml [tool.poetry.dependencies]'));
    for (const w of r.warnings) expect(w).toMatch(/is not read: torchcraft does not read Poetry's pins beyond a plain version, so this pin is not honoured/);
    expect(r.warnings[0]).toContain('source = \\"pytorch-cu121\\"');
  });

  it.each([
    ['[project\nname = 1', /^line 1, column \d+: not valid TOML/],
    ['[project]\ndependencies = "torch"', /\[project\] dependencies must be a list of requirement strings/],
    ['[project]\ndependencies = ["torch>=2.4,"]', /^\[project.dependencies\]: "torch>=2.4," has an invalid version specifier/],
    ['[project.optional-dependencies]\ngpu = "xformers"', /\[project.optional-dependencies\] gpu must be a list/],
    ['[dependency-groups]\ndev = [{include-group = "test"}]', /dev includes "test", which is not a group; the groups are: dev/],
    ['[dependency-groups]\na = [{include-group = "b"}]\nb = [{include-group = "a"}]', /include-group makes a cycle: a -> b -> a/],
    ['[dependency-groups]\na = [{include = "b"}]', /neither a requirement string nor \{include-group/],
    ['[project]\ndependencies = ["torch; sys_platform == linux"]', /^\[project.dependencies\]: the marker of .* cannot be read/],
  ])('refuses a broken pyproject: %j', async (toml, problem) => {
    const cwd = project({ 'pyproject.toml': toml });
    const err = (await failure(readProjectRequirements(['pyproject.toml'], linux, { extras: 'all', cwd }))) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.input).toBe('requirements');
    expect(err.value).toBe('pyproject.toml');
    expect(err.problem).toMatch(problem);
  });

  it('refuses a missing pyproject file', async () => {
    const err = (await failure(read('all', linux, ['nowhere/pyproject.toml']))) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.problem).toContain('no such file');
  });

  it('notes an odd requirement of another package instead of failing', async () => {
    const cwd = project({ 'pyproject.toml': '[project]\nname = "p"\ndependencies = ["numpy>=", "torch==2.5.*"]\n' });
    const r = await readProjectRequirements(['pyproject.toml'], linux, { extras: [], cwd });
    expect(r.constraints).toEqual([{ project: 'torch', specifier: '==2.5.*', source: 'pyproject.toml [project.dependencies]' }]);
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]).toMatch(/^pyproject.toml \[project.dependencies\]: "numpy>=" has an invalid version specifier/);
  });

  it('evaluates extra markers against the groups being read', async () => {
    const cwd = project({
      'pyproject.toml': '[project]\nname = "p"\n[project.optional-dependencies]\ngpu = ["xformers; extra == \'gpu\'", "triton; extra == \'cpu\'"]\ncpu = []\n',
    });
    const r = await readProjectRequirements(['pyproject.toml'], linux, { extras: ['gpu'], cwd });
    expect(r.constraints.map((c) => c.project)).toEqual(['xformers']);
  });
});
