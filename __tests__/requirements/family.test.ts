import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isPytorchFamily, normalizeName, PYTORCH_FAMILY } from '../../src/requirements/family.js';

describe('normalizeName', () => {
  it('lower-cases and folds runs of - _ . into one -', () => {
    expect(normalizeName('Torch_Vision')).toBe('torch-vision');
    expect(normalizeName('huggingface_hub')).toBe('huggingface-hub');
    expect(normalizeName('PyTorch-._Triton__ROCm')).toBe('pytorch-triton-rocm');
    expect(normalizeName('TorchAudio')).toBe('torchaudio');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => normalizeName(normalizeName(s)) === normalizeName(s)));
  });

  it('leaves no runs of separators and no upper case', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9._-]{0,30}$/), (s) => {
        const n = normalizeName(s);
        return !/[_.]|--|[A-Z]/.test(n);
      }),
    );
  });
});

describe('isPytorchFamily', () => {
  it('knows every listed name, in any spelling', () => {
    for (const name of PYTORCH_FAMILY) {
      expect(isPytorchFamily(name)).toBe(true);
      expect(isPytorchFamily(name.toUpperCase().replace(/-/g, '_'))).toBe(true);
    }
  });

  it('matches the suffixed pytorch-triton builds by prefix', () => {
    expect(isPytorchFamily('pytorch-triton-rocm')).toBe(true);
    expect(isPytorchFamily('pytorch_triton_xpu')).toBe(true);
    expect(isPytorchFamily('pytorch-triton')).toBe(true);
  });

  it('does not match look-alikes', () => {
    for (const name of ['torch-vision', 'torchmetrics', 'pytorch-lightning', 'tritonclient', 'torch2', 'pytorch', 'pytorch-tritonx'])
      expect(isPytorchFamily(name)).toBe(false);
  });
});
