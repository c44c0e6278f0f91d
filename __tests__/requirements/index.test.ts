import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { validRange } from '@renovatebot/pep440';
import { InputError } from '../../src/errors.js';
import { isPytorchFamily, normalizeName, PYTORCH_FAMILY, readProjectRequirements, type TargetEnvironment } from '../../src/requirements/index.js';
import { project, PROJECTS } from './helpers.js';

const linux: TargetEnvironment = { os: 'linux', arch: 'x86_64', python: '3.12' };

describe('readProjectRequirements', () => {
  it('exports the family the issue names', () => {
    expect([...PYTORCH_FAMILY].sort()).toEqual(['pytorch-triton', 'torch', 'torchao', 'torchaudio', 'torchdata', 'torchtext', 'torchvision', 'triton', 'xformers']);
  });

  it('reads several files of both kinds, in order, and lists every file read', async () => {
    const r = await readProjectRequirements(['pinned-old/requirements.txt', 'pyproject-groups/pyproject.toml', 'includes/requirements.txt'], linux, {
      extras: [],
      cwd: PROJECTS,
    });
    expect(r.constraints.map((c) => c.source)).toEqual([
      'pinned-old/requirements.txt:4',
      'pinned-old/requirements.txt:5',
      'pyproject-groups/pyproject.toml [project.dependencies]',
      'pyproject-groups/pyproject.toml [project.dependencies]',
      'includes/requirements/base.txt:2',
      'includes/requirements/vision.txt:1',
      'includes/constraints/torch.txt:2',
      'includes/constraints/torch.txt:3',
    ]);
    expect(r.files).toEqual([
      'pinned-old/requirements.txt',
      'pyproject-groups/pyproject.toml',
      'includes/requirements.txt',
      'includes/requirements/base.txt',
      'includes/requirements/vision.txt',
      'includes/constraints/torch.txt',
    ]);
  });

  it('returns nothing for no files', async () => {
    expect(await readProjectRequirements([], linux, { extras: ['anything'], cwd: PROJECTS })).toEqual({ constraints: [], notes: [], warnings: [], files: [] });
  });

  it('takes any .toml path as a pyproject file, whatever its name or case', async () => {
    const cwd = project({ 'deps/Project.TOML': '[project]\nname = "p"\ndependencies = ["torchvision<0.20"]\n' });
    const r = await readProjectRequirements(['deps/Project.TOML'], linux, { extras: 'all', cwd });
    expect(r.constraints).toEqual([{ project: 'torchvision', specifier: '<0.20', source: 'deps/Project.TOML [project.dependencies]' }]);
  });

  it('evaluates extra markers in requirement files against the extras asked for', async () => {
    const cwd = project({ 'r.txt': 'xformers; extra == "gpu"\n' });
    const gpu = await readProjectRequirements(['r.txt'], linux, { extras: ['gpu'], cwd });
    expect(gpu.constraints.map((c) => c.project)).toEqual(['xformers']);
    const none = await readProjectRequirements(['r.txt'], linux, { extras: [], cwd });
    expect(none.constraints).toEqual([]);
    const all = await readProjectRequirements(['r.txt'], linux, { extras: 'all', cwd });
    expect(all.constraints.map((c) => c.project)).toEqual(['xformers']);
    expect(all.notes[0]).toMatch(/depends on extra, which is not known/);
  });
});

describe('readProjectRequirements on arbitrary input', () => {
  const dir = project({});
  const target = fc.constantFrom<TargetEnvironment>(linux, { os: 'windows', arch: 'aarch64' }, { os: 'macos', arch: 'x86_64', python: '3.9' });

  // Only InputError may escape, and whatever comes back is well formed.
  async function check(file: string, text: string, t: TargetEnvironment): Promise<boolean> {
    writeFileSync(join(dir, file), text);
    try {
      const r = await readProjectRequirements([file], t, { extras: 'all', cwd: dir });
      return r.constraints.every(
        (c) => isPytorchFamily(c.project) && normalizeName(c.project) === c.project && (c.specifier === '' || validRange(c.specifier)) && c.source.length > 0,
      );
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      return e.input === 'requirements' || e.input === 'extras';
    }
  }

  it('reads arbitrary text as a requirements file without throwing anything but InputError', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 300 }), target, (text, t) => check('r.txt', text, t)), { numRuns: 300 });
  });

  it('reads requirement-shaped garbage without throwing anything but InputError', async () => {
    const piece = fc.constantFrom(
      'torch', 'torchvision', 'numpy', 'pytorch_triton_xpu', '==2.5.1', '>=2.4,<2.6', '>=', '[cuda]', '[', ']', '(', ')', ' ', '\\\n', '\n', '\r\n',
      '#', ' # c', ';', ' ; sys_platform == "linux"', ' ; python_version < "3.10"', ' ; extra == "x"', ' and ', ' or ', '"', "'",
      '-r r.txt', '-r missing.txt', '-c r.txt', '-r', '--requirement=', '-e .', '--index-url https://u:p@h/simple', '--hash=sha256:ab', '--pre',
      '@ https://u:p@h/torch-2.5.1-cp312-cp312-linux_x86_64.whl', './x.whl', 'git+https://h/r.git#egg=torch', '${VAR}', 'é', '\t',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 40 }), target, (pieces, t) => check('r.txt', pieces.join(''), t)),
      { numRuns: 500 },
    );
  });

  it('reads arbitrary text as a pyproject.toml without throwing anything but InputError', async () => {
    const piece = fc.constantFrom(
      '[project]\n', '[project.optional-dependencies]\n', '[dependency-groups]\n', '[tool.uv.sources]\n', 'name = "torch"\n', 'dependencies = ',
      'dynamic = ["dependencies"]\n', '["torch>=2.4", "numpy"]\n', '["torch[x]>=", ]\n', 'g = [{include-group = "g"}]\n', 'h = [{include-group = "g"}]\n',
      'gpu = ["xformers; extra == \'gpu\'"]\n', '= 1\n', '"', '[', ']', '{', '}', 'x = 2024-01-01\n', '\n',
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.array(piece, { maxLength: 20 }).map((p) => p.join(''))), target, (text, t) =>
        check('pyproject.toml', text, t),
      ),
      { numRuns: 400 },
    );
  });
});
