import { describe, expect, it } from '@jest/globals';
import { cacheKeys, directiveLines, planHash, platformPart, type CacheKeyFacts } from '../../src/cache/key.js';
import { renderRequirementsFile } from '../../src/render/requirements-file.js';
import { testPlan } from '../helpers/plan.js';
import type { NvidiaGpu } from '../../src/machine.js';

const FACTS: CacheKeyFacts = {
  platform: 'linux-x86_64',
  implementation: 'cpython',
  pythonVersion: '3.12',
  freeThreaded: false,
  installer: 'pip',
  backend: 'cu126',
  release: '2.14',
};

const gpu = (driver: string): NvidiaGpu => ({ vendor: 'nvidia', name: 'NVIDIA GeForce RTX 4090', computeCapability: '8.9', driver, cuda: '12.8' }) as NvidiaGpu;
const cu126 = (driver: string, packages?: { name: string; specifier: string }[]): string =>
  renderRequirementsFile(testPlan({ backend: 'cu126', indexUrl: 'https://download.pytorch.org/whl/cu126', packages, machine: { gpus: [gpu(driver)] } }));

describe('the plan hash', () => {
  it("covers torchcraft.txt's directive lines, not its comments", () => {
    const text = cu126('570.86.10');
    expect(text).toMatch(/^# GPU: NVIDIA GeForce RTX 4090 .*driver 570\.86\.10/m);
    expect(directiveLines(text)).toEqual(['--index-url https://download.pytorch.org/whl/cu126', 'torch==2.14.*', 'torchvision==0.29.*']);
    // Another driver is another comment, not another download.
    expect(planHash(cu126('580.65.06'))).toBe(planHash(text));
    expect(planHash(text.replace(/\n/g, '\r\n'))).toBe(planHash(text));
  });

  it('changes with the index or a requirement', () => {
    const base = planHash(cu126('570.86.10'));
    expect(planHash(cu126('570.86.10').replace('/whl/cu126', '/whl/cu128'))).not.toBe(base);
    expect(planHash(cu126('570.86.10', [{ name: 'torch', specifier: '==2.14.*' }]))).not.toBe(base);
  });

  it('drops a trailing comment the way pip does, but keeps a # inside a URL', () => {
    expect(directiveLines('torch==2.14.*  # the planned build\n--index-url https://h/whl#frag\n  \n#x\n')).toEqual(['torch==2.14.*', '--index-url https://h/whl#frag']);
  });
});

describe('cacheKeys', () => {
  it('names platform, Python, installer, backend, release line and plan, with a restore key without the plan', () => {
    const text = cu126('570.86.10');
    const { key, restoreKeys } = cacheKeys(FACTS, text);
    expect(key).toBe(`torchcraft-v1-linux_x86_64-cpython3.12-pip-cu126-torch2.14-${planHash(text)}`);
    expect(restoreKeys).toEqual(['torchcraft-v1-linux_x86_64-cpython3.12-pip-cu126-torch2.14-']);
    expect(key.startsWith(restoreKeys[0])).toBe(true);
  });

  it('tells apart whatever takes other wheels', () => {
    const text = cu126('570.86.10');
    const key = (f: Partial<CacheKeyFacts>): string => cacheKeys({ ...FACTS, ...f }, text).key;
    const base = key({});
    for (const other of [
      { freeThreaded: true },
      { pythonVersion: '3.13' },
      { implementation: 'pypy' },
      { platform: 'linux-aarch64' },
      { installer: 'uv' as const },
      { backend: 'cu128' },
      { release: '2.15' },
    ]) {
      expect(key(other)).not.toBe(base);
    }
    expect(key({ freeThreaded: true })).toContain('-cpython3.12t-');
  });

  it('drops the macOS deployment target and keeps every key free of commas and under 512 characters', () => {
    expect(platformPart('macosx-11.0-arm64')).toBe('macosx_arm64');
    expect(platformPart('macosx-10.9-universal2')).toBe('macosx_universal2');
    expect(platformPart('win-amd64')).toBe('win_amd64');
    const { key } = cacheKeys({ ...FACTS, backend: 'rocm7.2', platform: 'weird,plat form' }, 'torch\n');
    expect(key).not.toMatch(/[, ]/);
    expect(key.length).toBeLessThan(512);
    expect(key).toContain('-rocm7.2-');
  });
});
