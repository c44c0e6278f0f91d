import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderRequirementsFile } from '../../src/render/requirements-file.js';
import { writeFileAtomic } from '../../src/render/write-file-atomic.js';
import type { Plan } from '../../src/plan/types.js';
import { pipLineTexts, pipReads } from '../helpers/pip-read.js';

function plan(overrides: Partial<Plan> = {}): Plan {
  return {
    machine: {
      os: 'linux',
      arch: 'x86_64',
      python: '3.12',
      gpus: [{ vendor: 'nvidia', name: 'NVIDIA A100-SXM4-80GB', computeCapability: '8.0', driver: '550.54.15', cuda: '12.4' }],
      notes: [],
    },
    accelerator: 'nvidia',
    backend: 'cu126',
    release: '2.14',
    channel: 'stable',
    indexUrl: 'https://download.pytorch.org/whl/cu126',
    packages: [
      { name: 'torch', specifier: '==2.14.*' },
      { name: 'torchvision', specifier: '==0.29.*' },
    ],
    prerelease: false,
    compatibilityMode: true,
    reasons: ['Driver 550.54.15 runs CUDA 12.6 builds through minor-version compatibility.'],
    warnings: ['torchaudio has no release for torch 2.14: left out.'],
    servedGpus: [0],
    trace: [],
    ...overrides,
  };
}

/** The lines pip acts on: not comments, not blank. */
function directives(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
}

describe('renderRequirementsFile', () => {
  it('writes a header saying what was seen and why, then the index and the packages', () => {
    const text = renderRequirementsFile(plan());
    expect(text).toContain('# GPU: NVIDIA A100-SXM4-80GB (compute capability 8.0, driver 550.54.15 (CUDA 12.4))');
    expect(text).toContain('# Build: cu126, torch 2.14');
    expect(text).toContain('# Why: Driver 550.54.15 runs CUDA 12.6 builds');
    expect(text).toContain('# Warning: torchaudio has no release');
    expect(directives(text)).toEqual(['--index-url https://download.pytorch.org/whl/cu126', 'torch==2.14.*', 'torchvision==0.29.*']);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('leaves out --index-url for builds PyPI serves, and adds --pre for pre-release channels', () => {
    expect(directives(renderRequirementsFile(plan({ indexUrl: null, backend: 'mps' })))).toEqual(['torch==2.14.*', 'torchvision==0.29.*']);
    const nightly = renderRequirementsFile(plan({ channel: 'nightly', prerelease: true, indexUrl: 'https://download.pytorch.org/whl/nightly/cu126', packages: [{ name: 'torch', specifier: '' }] }));
    expect(directives(nightly)).toEqual(['--index-url https://download.pytorch.org/whl/nightly/cu126', '--pre', 'torch']);
    expect(nightly).toContain('(nightly channel)');
  });

  it('keeps text from a user-written machine file inside comments (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (name, reason) => {
        const text = renderRequirementsFile(plan({ machine: { ...plan().machine, gpus: [{ vendor: 'amd', name, gfx: 'gfx942' }] }, reasons: [reason] }));
        expect(directives(text)).toEqual(['--index-url https://download.pytorch.org/whl/cu126', 'torch==2.14.*', 'torchvision==0.29.*']);
      }),
    );
  });
});

describe("torchcraft.txt as pip's own parser reads it", () => {
  /** Hostile text where outside text reaches the header: GPU names, warnings, reasons, the file's own name. */
  const hostile = fc.oneof(
    fc.string({ unit: fc.constantFrom('\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029', '#', '\\', ' ', '-r /etc/passwd', '--extra-index-url https://evil/simple', 'torch==1.0', '"', "'", 'A') }),
    fc.string({ unit: 'binary' }),
  );

  it('property: pip reads exactly the index, --pre and the packages, whatever the GPU names, warnings and file name hold', async () => {
    const cases = fc.sample(fc.tuple(hostile, hostile, hostile, hostile), 250);
    const files = cases.map(([name, warning, reason, fileName]) =>
      renderRequirementsFile(
        plan({
          machine: {
            os: 'linux',
            arch: 'x86_64',
            python: '3.12',
            gpus: [{ vendor: 'nvidia', name, computeCapability: '8.0', driver: '550.54.15', cuda: '12.4' }, { vendor: 'amd', name: reason, gfx: 'gfx942' }],
            notes: [warning],
            warnings: [warning],
          },
          warnings: [warning, `requirements.txt:3: ${name}`],
          reasons: [reason],
          indexUrl: `https://bot:pa"ss'w\\d@mirror.example/whl/cu126?token=a'b"c#frag`,
          prerelease: true,
        }),
        { fileName },
      ),
    );
    const reads = await pipReads(files);
    for (const [i, read] of reads.entries()) {
      expect({ input: cases[i], lines: pipLineTexts(read) }).toEqual({
        input: cases[i],
        lines: ['--index_url https://bot:pa%22ss%27w%5Cd@mirror.example/whl/cu126?token=a%27b%22c#frag', '--pre', 'torch==2.14.*', 'torchvision==0.29.*'],
      });
    }
  });

  it('caps the warnings in the header, saying how many more', () => {
    const text = renderRequirementsFile(plan({ warnings: Array.from({ length: 500 }, (_, i) => `warning ${i}`) }));
    expect(text.split('\n').filter((l) => l.startsWith('# Warning:'))).toHaveLength(51);
    expect(text).toContain('# Warning: … and 450 more warnings (see the log or the job summary)');
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temporary file behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const path = join(dir, 'sub', 'torchcraft.txt');
    await writeFileAtomic(path, 'first\n');
    await writeFileAtomic(path, 'second\n');
    expect(readFileSync(path, 'utf8')).toBe('second\n');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['torchcraft.txt']);
  });

  it('fails without touching the old file when the target cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    writeFileSync(join(dir, 'blocker'), 'a file, not a folder');
    await expect(writeFileAtomic(join(dir, 'blocker', 'torchcraft.txt'), 'x')).rejects.toThrow();
    expect(readFileSync(join(dir, 'blocker'), 'utf8')).toBe('a file, not a folder');
  });
});
