import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { INPUTS, parseOptions, DEFAULT_INDEX_BASE_URL } from '../src/options.js';
import { InputError } from '../src/errors.js';

/** The inputs block of action.yml: name -> default (the file is simple YAML we keep in one shape). */
function actionYmlInputs(): Map<string, string> {
  const text = readFileSync('action.yml', 'utf8');
  const block = text.slice(text.indexOf('\ninputs:\n'), text.indexOf('\noutputs:\n'));
  const found = new Map<string, string>();
  const re = /\n {2}([a-z-]+):\n(?: {4}[a-z]+: .*\n)*? {4}default: '((?:[^']|'')*)'/g;
  for (const m of block.matchAll(re)) found.set(m[1], m[2].replace(/''/g, "'"));
  return found;
}

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('parseOptions', () => {
  it('gives the documented defaults when nothing is set', () => {
    const o = parseOptions({});
    expect(o).toMatchObject({
      backend: 'auto',
      torchVersion: '',
      pythonVersion: undefined,
      packages: ['torch', 'torchvision', 'torchaudio'],
      requirementsPath: 'torchcraft.txt',
      indexBaseUrl: DEFAULT_INDEX_BASE_URL,
      machine: undefined,
      probeTimeoutMs: 10000,
      requirements: [],
      extras: 'all',
      install: false,
      installer: 'auto',
      retries: 3,
      requireGpu: false,
      verify: true,
      channel: 'stable',
      cache: 'auto',
      exportConstraints: true,
    });
  });

  it('reads cache as auto or a YAML boolean, and export-constraints as a boolean', () => {
    expect(parseOptions({ cache: 'True', 'export-constraints': 'FALSE' })).toMatchObject({ cache: 'true', exportConstraints: false });
    expect(parseOptions({ cache: 'false' }).cache).toBe('false');
  });

  it('treats empty strings (inputs the workflow left out) as defaults', () => {
    expect(parseOptions({ backend: '', retries: '  ' }).backend).toBe('auto');
  });

  it('accepts the forms each input documents', () => {
    const o = parseOptions({
      backend: 'CU126',
      'torch-version': '>=2.4,<2.6',
      'python-version': '3.12',
      packages: 'torchaudio, torch\ntorchaudio',
      'index-base-url': 'https://user:${TOKEN}@mirror.example/whl/',
      requirements: 'requirements.txt\n  pyproject.toml  \n',
      extras: 'train, cuda',
      install: 'True',
      retries: '0',
      channel: 'nightly',
    });
    expect(o.backend).toBe('cu126');
    expect(o.torchVersion).toBe('>=2.4,<2.6');
    expect(o.packages).toEqual(['torch', 'torchaudio']);
    expect(o.indexBaseUrl).toBe('https://user:${TOKEN}@mirror.example/whl');
    expect(o.requirements).toEqual(['requirements.txt', 'pyproject.toml']);
    expect(o.extras).toEqual(['train', 'cuda']);
    expect(o.install).toBe(true);
    expect(o.retries).toBe(0);
    expect(o.channel).toBe('nightly');
  });

  it.each([
    ['backend', 'cuda', /allowed: auto, cpu, mps, xpu/],
    ['torch-version', 'latest', /PEP 440 specifier/],
    ['python-version', '3', /3\.12/],
    ['packages', 'torch numpy', /unknown package "numpy"/],
    ['packages', 'torchvision', /must include torch/],
    ['index-base-url', 'download.pytorch.org/whl', /absolute http/],
    ['index-base-url', 'ftp://mirror/whl', /absolute http/],
    ['probe-timeout', '0', /1 to 600/],
    ['install', 'yes', /true or false/],
    ['installer', 'conda', /auto, pip, uv/],
    ['retries', '-1', /0 to 10/],
    ['require-gpu', '1', /true or false/],
    ['verify', 'no', /true or false/],
    ['channel', 'beta', /stable, test, nightly/],
    ['cache', 'yes', /auto \(on for GitHub-hosted runners, off for self-hosted\), true or false/],
    ['export-constraints', 'on', /true or false/],
    ['requirements-path', 'ci/', /names a folder/],
    ['requirements-path', 'torch\r::add-mask::x.txt', /may not contain control characters/],
    ['extras', 'train', /requirements is empty/],
  ] as const)('refuses %s=%j naming the input, the value and what is allowed', (input, value, allowed) => {
    const e = errorOf(() => parseOptions({ [input]: value }));
    expect(e.input).toBe(input);
    expect(e.message).toContain(input);
    expect(e.message).toContain(JSON.stringify(value));
    expect(e.message).toMatch(allowed);
  });

  it('refuses a variable reference pip would not expand, without showing it', () => {
    const e = errorOf(() => parseOptions({ 'index-base-url': 'https://bot:${token}@mirror/whl' }));
    expect(e.message).toMatch(/pip expands only \$\{UPPER_CASE\} variable references/);
    expect(e.value).toBe('https://***:***@mirror/whl');
  });

  it('takes a release line written as a wildcard', () => {
    expect(parseOptions({ 'torch-version': '2.5.*' }).torchVersion).toBe('2.5.*');
  });

  it('never echoes credentials of a bad index URL', () => {
    const e = errorOf(() => parseOptions({ 'index-base-url': 'ftp://alice:s3cret-token@mirror/whl' }));
    expect(e.message).not.toContain('s3cret-token');
  });
});

describe('action.yml', () => {
  it('declares exactly the inputs torchcraft reads, with the same defaults', () => {
    const declared = actionYmlInputs();
    expect([...declared.keys()]).toEqual(INPUTS.map((i) => i.name));
    for (const input of INPUTS) expect(declared.get(input.name)).toBe(input.default);
  });

  it('runs on node24 from dist/index.js', () => {
    const text = readFileSync('action.yml', 'utf8');
    expect(text).toMatch(/\nruns:\n {2}using: node24\n {2}main: dist\/index\.js\n/);
  });
});

describe('README.md', () => {
  const readme = readFileSync('README.md', 'utf8');

  it('documents every input with its default', () => {
    for (const input of INPUTS) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${input.name}\` |`));
      expect(row).toBeDefined();
      expect(row).toContain(input.default === '' ? '| |' : `| \`${input.default}\` |`);
    }
  });

  it('documents every output action.yml declares', () => {
    const yml = readFileSync('action.yml', 'utf8');
    const outputs = [...yml.slice(yml.indexOf('\noutputs:\n')).matchAll(/\n {2}([a-z-]+):\n/g)].map((m) => m[1]);
    expect(outputs.length).toBeGreaterThanOrEqual(12);
    for (const output of outputs) expect(readme).toContain(`| \`${output}\` |`);
  });
});
