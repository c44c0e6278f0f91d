import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../src/errors.js';
import { readProjectRequirements } from '../../src/requirements/index.js';
import { expandEnvironment, logicalLines, nameFromLink } from '../../src/requirements/requirements-file.js';
import type { TargetEnvironment } from '../../src/requirements/target.js';
import { failure, project, PROJECTS } from './helpers.js';

const linux: TargetEnvironment = { os: 'linux', arch: 'x86_64', python: '3.12' };
const read = (paths: string[], target: TargetEnvironment = linux, cwd = PROJECTS) => readProjectRequirements(paths, target, { extras: 'all', cwd });

describe('logicalLines', () => {
  it('joins continuations under the first line number and drops comments and blanks', () => {
    const text = ['# header', '', 'torch==2.5.1 \\', '    --hash=sha256:aa \\', '    --hash=sha256:bb', '    # via -r requirements.in', 'numpy  # fast arrays'].join('\n');
    expect(logicalLines(text)).toEqual([
      { line: 3, text: 'torch==2.5.1     --hash=sha256:aa     --hash=sha256:bb' },
      { line: 7, text: 'numpy' },
    ]);
  });

  it('keeps a # that does not follow whitespace (URL fragments)', () => {
    expect(logicalLines('pkg @ https://h/p.zip#sha256=ab')).toEqual([{ line: 1, text: 'pkg @ https://h/p.zip#sha256=ab' }]);
  });

  it('ends a continuation at a comment line, and never continues a comment', () => {
    expect(logicalLines('torch \\\n# note \\\ntorchvision')).toEqual([
      { line: 1, text: 'torch' },
      { line: 3, text: 'torchvision' },
    ]);
  });

  it('reads CRLF and CR line ends, a BOM, and a backslash on the last line', () => {
    expect(logicalLines('\uFEFFtorch\r\nnumpy\rscipy \\')).toEqual([
      { line: 1, text: 'torch' },
      { line: 2, text: 'numpy' },
      { line: 3, text: 'scipy' },
    ]);
  });
});

describe('expandEnvironment', () => {
  it('expands ${NAME} as pip does, leaving unset and lower-case names as written', () => {
    const env = { TORCH_VERSION: '2.5.1', lower: 'x' };
    expect(expandEnvironment('torch==${TORCH_VERSION}', env)).toBe('torch==2.5.1');
    expect(expandEnvironment('torch==${UNSET} ${lower} $TORCH_VERSION', env)).toBe('torch==${UNSET} ${lower} $TORCH_VERSION');
  });
});

describe('nameFromLink', () => {
  it('reads #egg= and wheel file names', () => {
    expect(nameFromLink('git+https://github.com/facebookresearch/xformers.git@main#egg=xformers')).toBe('xformers');
    expect(nameFromLink('https://download.pytorch.org/whl/cu121/torch-2.5.1%2Bcu121-cp312-cp312-linux_x86_64.whl')).toBe('torch');
    expect(nameFromLink('C:\\wheels\\pytorch_triton_rocm-3.1.0-cp312-cp312-linux_x86_64.whl')).toBe('pytorch_triton_rocm');
    expect(nameFromLink('./vendor/somepkg-1.0.tar.gz')).toBeNull();
  });
});

describe('requirement files', () => {
  it("reads the seed's example: torch, torchaudio and xformers, unpinned", async () => {
    const r = await read(['seed/requirements.txt']);
    expect(r.constraints).toEqual([
      { project: 'torch', specifier: '', source: 'seed/requirements.txt:3' },
      { project: 'torchaudio', specifier: '', source: 'seed/requirements.txt:4' },
      { project: 'xformers', specifier: '', source: 'seed/requirements.txt:7' },
    ]);
    expect(r.notes).toEqual([]);
    expect(r.files).toEqual(['seed/requirements.txt']);
  });

  it('reads a pinned old project', async () => {
    const r = await read(['pinned-old/requirements.txt']);
    expect(r.constraints).toEqual([
      { project: 'torch', specifier: '==2.0.1', source: 'pinned-old/requirements.txt:4' },
      { project: 'torchvision', specifier: '==0.15.2', source: 'pinned-old/requirements.txt:5' },
    ]);
  });

  it('follows -r and -c includes relative to the including file, in subfolders', async () => {
    const r = await read(['includes/requirements.txt']);
    expect(r.constraints).toEqual([
      { project: 'torch', specifier: '>=2.3', source: 'includes/requirements/base.txt:2' },
      { project: 'torchvision', specifier: '', source: 'includes/requirements/vision.txt:1' },
      { project: 'torch', specifier: '<2.6', source: 'includes/constraints/torch.txt:2' },
      { project: 'torchvision', specifier: '<0.21', source: 'includes/constraints/torch.txt:3' },
    ]);
    expect(r.files).toEqual([
      'includes/requirements.txt',
      'includes/requirements/base.txt',
      'includes/requirements/vision.txt',
      'includes/constraints/torch.txt',
    ]);
  });

  it('evaluates markers for the target: a darwin-only torch does not count on Linux', async () => {
    const r = await read(['markers/requirements.txt']);
    expect(r.constraints).toEqual([
      { project: 'torch', specifier: '>=2.4', source: 'markers/requirements.txt:3' },
      { project: 'xformers', specifier: '>=0.0.27', source: 'markers/requirements.txt:5' },
      { project: 'triton', specifier: '', source: 'markers/requirements.txt:7' },
    ]);
    expect(r.notes.filter((n) => n.startsWith('markers/requirements.txt:2:'))).toHaveLength(1);
    expect(r.notes.join('\n')).toContain('does not apply to this machine');
  });

  it('evaluates the same markers for an Intel Mac and for Windows on ARM', async () => {
    const mac = await read(['markers/requirements.txt'], { os: 'macos', arch: 'x86_64', python: '3.11' });
    expect(mac.constraints.map((c) => `${c.project}${c.specifier}`)).toEqual(['torch==2.2.2', 'xformers>=0.0.27']);
    const win = await read(['markers/requirements.txt'], { os: 'windows', arch: 'aarch64', python: '3.12' });
    // ARM64 is not AMD64 and Windows is not posix: no xformers.
    expect(win.constraints.map((c) => `${c.project}${c.specifier}`)).toEqual(['torch>=2.4', 'torchvision']);
  });

  it('counts a marker on an unknown Python as true, with a note', async () => {
    const r = await read(['markers/requirements.txt'], { os: 'linux', arch: 'x86_64' });
    expect(r.constraints.map((c) => c.project)).toContain('xformers');
    expect(r.notes.find((n) => n.startsWith('markers/requirements.txt:5:'))).toMatch(/python_version.*not known.*counted as applying/);
    const known = await read(['markers/requirements.txt']);
    expect(known.notes.some((n) => n.startsWith('markers/requirements.txt:5:'))).toBe(false);
  });

  it('reads a messy pip-compile style file: hashes, continuations, options, editables, URLs', async () => {
    const r = await read(['messy/requirements.txt']);
    expect(r.constraints).toEqual([
      { project: 'torch', specifier: '==2.5.1', source: 'messy/requirements.txt:5' },
      { project: 'torchvision', specifier: '==0.20.1', source: 'messy/requirements.txt:9' },
      // Wheels pin what their file names say, local label included.
      { project: 'torchaudio', specifier: '==2.5.1+cu121', source: 'messy/requirements.txt:14' },
      { project: 'torchao', specifier: '==0.7.0', source: 'messy/requirements.txt:16' },
    ]);
    const notes = r.notes.join('\n');
    // Family packages from links undo the plan: warnings, not notes.
    const warnings = r.warnings.join('\n');
    expect(r.warnings).toHaveLength(3);
    expect(notes).toMatch(/messy\/requirements.txt:1: "--index-url https:\/\/pypi.org\/simple" is ignored/);
    expect(notes).toMatch(/:12: ".\/local_pkg" is an editable install/);
    expect(warnings).toMatch(/:13: .* of xformers, which fixes the build; torchcraft does not constrain it/);
    expect(warnings).toMatch(/:14: .* of torchaudio, which fixes the build; torchcraft plans for torchaudio==2\.5\.1\+cu121/);
    expect(notes).toMatch(/:15: ".\/vendor\/somepkg-1.0.tar.gz" is a URL or path/);
    expect(warnings).toMatch(/:16: "torchao @ https:\/\/example.com\/.*" installs torchao from a URL, which fixes the build/);
    expect(notes).not.toMatch(/xformers|torchaudio|torchao/);
    // Odd lines of other packages are notes, not failures.
    expect(notes).toMatch(/:11: "pkg-with-hash#tag==1.0" has an invalid version specifier/);
    expect(notes).toMatch(/:17: "odd-package>=1.0," has an invalid version specifier/);
    // Credentials in an index URL never reach a note.
    expect(notes).not.toContain('s3cr3t-token');
    expect(notes).toContain('https://***:***@pkgs.example.com/simple');
  });

  it('refuses a cycle of includes, naming the including file, the line and the cycle', async () => {
    const e = await failure(read(['cycle/a.txt']));
    expect(e).toBeInstanceOf(InputError);
    const err = e as InputError;
    expect(err.input).toBe('requirements');
    expect(err.value).toBe('cycle/sub/c.txt');
    expect(err.problem).toContain('line 1');
    expect(err.problem).toContain('cycle/a.txt -> cycle/b.txt -> cycle/sub/c.txt -> cycle/a.txt');
  });

  it('refuses a missing include, naming the including file and line', async () => {
    const err = (await failure(read(['missing-include/requirements.txt']))) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.value).toBe('missing-include/reqs/extra.txt');
    expect(err.problem).toMatch(/^line 3: --requirement "not-there.txt" names missing-include\/reqs\/not-there.txt, which cannot be read \(no such file\)/);
  });

  it('refuses a missing top-level file', async () => {
    const err = (await failure(read(['nowhere/requirements.txt']))) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.value).toBe('nowhere/requirements.txt');
    expect(err.problem).toContain('no such file');
  });

  it('reads the same file twice through two includes without calling it a cycle', async () => {
    const cwd = project({ 'r.txt': '-r a.txt\n-r b.txt\n', 'a.txt': '-r common.txt\n', 'b.txt': '-r common.txt\n', 'common.txt': 'torch<2.7\n' });
    const r = await read(['r.txt'], linux, cwd);
    expect(r.constraints).toEqual([{ project: 'torch', specifier: '<2.7', source: 'common.txt:1' }]);
    expect(r.files).toEqual(['r.txt', 'a.txt', 'common.txt', 'b.txt']);
  });

  it('reads every spelling of an include: -rFILE, --requirement=FILE, -c FILE, quoted names', async () => {
    const cwd = project({
      'r.txt': '-rone.txt\n--requirement=two.txt\n-c "with space.txt"\n--constraint three.txt\n',
      'one.txt': 'torch\n',
      'two.txt': 'torchvision\n',
      'with space.txt': 'torchaudio<2.6\n',
      'three.txt': 'pytorch_triton_rocm==3.1.0\n',
    });
    const r = await read(['r.txt'], linux, cwd);
    expect(r.constraints.map((c) => `${c.source} ${c.project}${c.specifier}`)).toEqual([
      'one.txt:1 torch',
      'two.txt:1 torchvision',
      'with space.txt:1 torchaudio<2.6',
      'three.txt:1 pytorch-triton-rocm==3.1.0',
    ]);
  });

  it('warns of a remote include instead of fetching it', async () => {
    const cwd = project({ 'r.txt': 'numpy\n-r https://example.com/reqs.txt\n--constraint=https://u:tok@example.com/c.txt\n' });
    const r = await read(['r.txt'], linux, cwd);
    expect(r.notes).toEqual([]);
    expect(r.warnings).toEqual([
      'r.txt:2: -r "https://example.com/reqs.txt" is not followed: torchcraft reads local files only, so pins in it are not honoured.',
      'r.txt:3: --constraint "https://***:***@example.com/c.txt" is not followed: torchcraft reads local files only, so pins in it are not honoured.',
    ]);
  });

  it('pins torch @ a wheel URL to the version in its file name, percent-decoded, and still warns', async () => {
    const url = 'https://download.pytorch.org/whl/cu121/torch-2.1.2%2Bcu121-cp311-cp311-linux_x86_64.whl';
    const cwd = project({ 'r.txt': `numpy\ntorch @ ${url}\n` });
    const r = await read(['r.txt'], linux, cwd);
    expect(r.constraints).toEqual([{ project: 'torch', specifier: '==2.1.2+cu121', source: 'r.txt:2' }]);
    expect(r.warnings).toEqual([
      `r.txt:2: "torch @ ${url}" installs torch from a URL, which fixes the build; torchcraft plans for torch==2.1.2+cu121, the version its file name gives, but installing that line will replace the build torchcraft.txt chose.`,
    ]);
    expect(r.notes).toEqual([]);
  });

  it('does not pin from a URL that is not a wheel of that package, but still warns', async () => {
    const cwd = project({
      'r.txt': [
        'torch @ https://example.com/torch-2.1.2.tar.gz',
        'torchvision @ https://example.com/torch-2.1.2-cp311-cp311-linux_x86_64.whl',
        'torchaudio @ git+https://github.com/pytorch/audio@v2.1.2',
      ].join('\n'),
    });
    const r = await read(['r.txt'], linux, cwd);
    expect(r.constraints).toEqual([]);
    expect(r.warnings).toHaveLength(3);
    for (const w of r.warnings) expect(w).toMatch(/from a URL, which fixes the build; torchcraft does not constrain it/);
  });

  it('warns of editable and path lines of the family, pins a local wheel, and honours a marker on a link', async () => {
    const cwd = project({
      'r.txt': [
        '-e ./vendor/vision#egg=torchvision',
        './wheels/torch-2.4.1+cpu-cp312-cp312-linux_x86_64.whl',
        'https://example.com/xformers-0.0.28-cp312-cp312-win_amd64.whl ; sys_platform == "win32"',
        'https://example.com/torchaudio-2.4.1-cp312-cp312-linux_x86_64.whl ; sys_platform == "linux"',
      ].join('\n'),
    });
    const r = await read(['r.txt'], linux, cwd);
    expect(r.constraints).toEqual([
      { project: 'torch', specifier: '==2.4.1+cpu', source: 'r.txt:2' },
      { project: 'torchaudio', specifier: '==2.4.1', source: 'r.txt:4' },
    ]);
    expect(r.warnings.map((w) => w.split(':')[0] + ':' + w.split(':')[1])).toEqual(['r.txt:1', 'r.txt:2', 'r.txt:4']);
    expect(r.warnings[0]).toMatch(/is an editable install of torchvision, which fixes the build/);
    expect(r.notes).toEqual([expect.stringMatching(/^r.txt:3: .*xformers.* does not apply to this machine/)]);
  });

  it('refuses -r without a file name', async () => {
    const cwd = project({ 'r.txt': 'numpy\n-r\n' });
    const err = (await failure(read(['r.txt'], linux, cwd))) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.problem).toBe('line 2: -r needs a file name.');
  });

  it('refuses an invalid specifier on a family package, naming file and line', async () => {
    const cwd = project({ 'r.txt': 'numpy\n\ntorch>=2.4,\n' });
    const err = (await failure(read(['r.txt'], linux, cwd))) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.value).toBe('r.txt');
    expect(err.problem).toMatch(/^line 3: "torch>=2.4," has an invalid version specifier/);
  });

  it('refuses a broken marker on a family package, and notes one on another package', async () => {
    const bad = project({ 'r.txt': 'torchvision; sys_platform = "linux"\n' });
    const err = (await failure(read(['r.txt'], linux, bad))) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.problem).toMatch(/^line 1: the marker of .* cannot be read/);
    const other = project({ 'r.txt': 'numpy; sys_platform = "linux"\ntorch\n' });
    const r = await read(['r.txt'], linux, other);
    expect(r.constraints).toEqual([{ project: 'torch', specifier: '', source: 'r.txt:2' }]);
    expect(r.notes[0]).toMatch(/^r.txt:1: the marker of "numpy.*cannot be read/);
  });

  it('refuses a line that is not a requirement at all, with its line number', async () => {
    const cwd = project({ 'r.txt': 'numpy\n!!torch\n' });
    const err = (await failure(read(['r.txt'], linux, cwd))) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.problem).toMatch(/^line 2: "!!torch" is not a requirement/);
  });

  it('keeps extras off the project name and marks direct references unconstrained', async () => {
    const cwd = project({ 'r.txt': 'torch[opt-einsum]>=2.4\nTorch_Vision==0.1\nTorchVision @ https://u:tok@h.example/torchvision-0.20.1-cp312-cp312-linux_x86_64.whl\n' });
    const r = await read(['r.txt'], linux, cwd);
    // Torch_Vision normalises to torch-vision, another project.
    expect(r.constraints).toEqual([
      { project: 'torch', specifier: '>=2.4', source: 'r.txt:1' },
      { project: 'torchvision', specifier: '==0.20.1', source: 'r.txt:3' },
    ]);
    expect(r.notes).toEqual([]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^r.txt:3: "TorchVision @ https:\/\/\*\*\*:\*\*\*@h.example\/.*" installs torchvision from a URL/);
    expect(r.warnings[0]).not.toContain('tok');
  });

  it('expands environment variables in requirement lines and include paths, and shows them unexpanded', async () => {
    const cwd = project({ 'r.txt': '-r ${TC_TEST_DIR}/more.txt\ntorch==${TC_TEST_TORCH}\n', 'sub/more.txt': 'torchvision; sys_platform == "darwin" and "${TC_TEST_TORCH}" == "1"\n' });
    process.env.TC_TEST_DIR = 'sub';
    process.env.TC_TEST_TORCH = '2.5.1';
    try {
      const r = await read(['r.txt'], linux, cwd);
      expect(r.constraints).toEqual([{ project: 'torch', specifier: '==2.5.1', source: 'r.txt:2' }]);
      // The included file is named as written: the variable's value (a path) is never shown.
      expect(r.files).toEqual(['r.txt', '${TC_TEST_DIR}/more.txt']);
      expect(r.notes).toEqual(['${TC_TEST_DIR}/more.txt:1: "torchvision; sys_platform == \\"darwin\\" and \\"${TC_TEST_TORCH}\\" == \\"1\\"" does not apply to this machine (its marker is false here), so it does not constrain the plan.']);
    } finally {
      delete process.env.TC_TEST_DIR;
      delete process.env.TC_TEST_TORCH;
    }
  });

  it('reads a requirements file given by absolute path and shows it relative to cwd', async () => {
    const cwd = project({ 'sub/r.txt': 'torch\n' });
    const r = await read([`${cwd}/sub/r.txt`], linux, cwd);
    expect(r.constraints[0].source).toBe('sub/r.txt:1');
  });
});
