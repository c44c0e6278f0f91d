import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { valid } from '@renovatebot/pep440';
import { wheelFromLink, wheelPin } from '../../src/requirements/wheel.js';

describe('wheelFromLink', () => {
  it.each([
    ['https://download.pytorch.org/whl/cu121/torch-2.1.2%2Bcu121-cp311-cp311-linux_x86_64.whl', 'torch', '2.1.2+cu121'],
    ['https://h/x/pytorch_triton_rocm-3.1.0-cp312-cp312-linux_x86_64.whl?token=a-b#sha256=00', 'pytorch_triton_rocm', '3.1.0'],
    ['C:\\wheels\\torchvision-0.20.1+cpu-cp312-cp312-win_amd64.whl', 'torchvision', '0.20.1+cpu'],
    ['./w/xformers-0.0.28.post1-1build-cp312-cp312-linux_x86_64.WHL', 'xformers', '0.0.28.post1'],
  ])('reads %s', (link, name, version) => {
    expect(wheelFromLink(link)).toEqual({ name, version });
  });

  it.each([
    'https://h/torch-2.1.2.tar.gz',
    'https://h/torch-2.1.2-linux.whl',
    'https://h/torch-latest-cp311-cp311-linux_x86_64.whl',
    'https://h/torch-2.1.2%ZZ-cp311-cp311-linux_x86_64.whl',
    'git+https://github.com/pytorch/vision@v0.20.1#egg=torchvision',
  ])('refuses %s', (link) => {
    expect(wheelFromLink(link)).toBeNull();
  });

  it('gives only valid PEP 440 versions, for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const w = wheelFromLink(`https://h/${text}`);
        if (w !== null) expect(valid(w.version)).not.toBeNull();
      }),
    );
  });
});

describe('wheelPin', () => {
  it('pins only the project the wheel is of, compared normalised', () => {
    const link = 'https://h/Pytorch_Triton-3.1.0-cp312-cp312-linux_x86_64.whl';
    expect(wheelPin(link, 'pytorch-triton')).toBe('3.1.0');
    expect(wheelPin(link, 'triton')).toBeNull();
  });
});
