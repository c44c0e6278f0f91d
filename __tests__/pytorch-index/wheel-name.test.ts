import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { lastSegment, parseWheelName, wheelFromLink } from '../../src/pytorch-index/wheel-name.js';

describe('parseWheelName', () => {
  it('reads a download.pytorch.org CUDA wheel', () => {
    expect(parseWheelName('torch-2.14.1+cu130-cp312-cp312-manylinux_2_28_x86_64.whl')).toEqual({
      name: 'torch',
      project: 'torch',
      version: '2.14.1+cu130',
      local: 'cu130',
      pythonTags: ['cp312'],
      abiTags: ['cp312'],
      platformTags: ['manylinux_2_28_x86_64'],
    });
  });

  it('reads a build tag, a free-threaded ABI and compressed tag sets', () => {
    const w = parseWheelName('torch-2.10.0-3-cp313-cp313t-manylinux_2_28_x86_64.whl');
    expect(w?.build).toBe('3');
    expect(w?.abiTags).toEqual(['cp313t']);
    expect(w?.local).toBe('');
    const multi = parseWheelName('numpy-2.1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl');
    expect(multi?.platformTags).toEqual(['manylinux_2_17_x86_64', 'manylinux2014_x86_64']);
  });

  it('normalises the project name and keeps the name as written', () => {
    const w = parseWheelName('pytorch_triton_rocm-3.5.0-cp312-cp312-linux_x86_64.whl');
    expect(w?.name).toBe('pytorch_triton_rocm');
    expect(w?.project).toBe('pytorch-triton-rocm');
  });

  it('refuses what is not a wheel name', () => {
    for (const bad of [
      'torch-2.14.1.tar.gz',
      'torch-2.14.1-cp312-cp312.whl',
      'torch-notaversion-cp312-cp312-linux_x86_64.whl',
      'torch-2.1-x-py3-none-any.whl', // a build tag starts with a digit
      '-2.1-py3-none-any.whl',
      `${'a'.repeat(600)}-1.0-py3-none-any.whl`,
      'torch-2.1-py3-none-any!.whl',
    ]) {
      expect(parseWheelName(bad)).toBeNull();
    }
  });

  it('reads links: percent-escaped labels, queries and fragments', () => {
    expect(wheelFromLink('/whl/cu124/torch-2.5.1%2Bcu124-cp310-cp310-linux_x86_64.whl#sha256=abc')?.version).toBe('2.5.1+cu124');
    expect(wheelFromLink('https://x/torch-2.5.1-cp310-cp310-linux_aarch64.whl?token=1')?.platformTags).toEqual(['linux_aarch64']);
    expect(lastSegment('C:\\wheels\\torch-2.5.1-cp310-cp310-win_amd64.whl')).toBe('torch-2.5.1-cp310-cp310-win_amd64.whl');
    expect(lastSegment('/a/b%ZZ.whl')).toBe('b%ZZ.whl');
  });

  it('never throws and stays linear on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const w = parseWheelName(s);
        if (w) expect(s.endsWith('.whl') || s.endsWith('.WHL') || /\.whl$/i.test(s)).toBe(true);
      }),
    );
  });
});
