import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { catalogEntries, catalogIndex } from '../../src/render/catalog.js';

describe('the requirements/ catalog', () => {
  const entries = catalogEntries();

  it('covers the common targets', () => {
    const names = entries.map((e) => e.fileName);
    for (const expected of ['linux-cpu.txt', 'linux-cu126.txt', 'linux-cu130.txt', 'linux-xpu.txt', 'linux-aarch64-cpu.txt', 'linux-aarch64-cu130.txt', 'windows-cpu.txt', 'windows-xpu.txt', 'macos-mps.txt']) {
      expect(names).toContain(expected);
    }
    expect(names.some((n) => /^linux-rocm/.test(n))).toBe(true);
    expect(names.some((n) => /^windows-cu/.test(n))).toBe(true);
  });

  it('is committed exactly as a fresh render (run npm run build when this fails)', () => {
    const onDisk = readdirSync('requirements').sort();
    expect(onDisk).toEqual([...entries.map((e) => e.fileName), 'README.md'].sort());
    for (const e of entries) expect(readFileSync(`requirements/${e.fileName}`, 'utf8')).toBe(e.text);
    expect(readFileSync('requirements/README.md', 'utf8')).toBe(catalogIndex(entries));
  });

  it('points each file at its own index', () => {
    for (const e of entries) {
      const variant = e.fileName.replace(/\.txt$/, '').split('-').at(-1)!;
      if (variant === 'mps') expect(e.text).not.toContain('--index-url');
      else expect(e.text).toContain(`--index-url https://download.pytorch.org/whl/${variant}\n`);
    }
  });
});

describe('the README', () => {
  it('lists every catalog file for people who cannot run node', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const e of catalogEntries()) expect(readme).toContain(`[\`${e.fileName}\`](requirements/${e.fileName}) | ${e.target} |`);
  });
});
