/**
 * Which Python projects belong to the PyTorch family: the ones whose builds must
 * match the torch build torchcraft chooses, so a pin on any of them constrains
 * the plan. Names are compared after PEP 503 normalisation.
 */

import { normalizeName } from '../package-name.js';

/** The family, normalised. `pytorch-triton` also stands for its suffixed builds (see isPytorchFamily). */
export const PYTORCH_FAMILY: readonly string[] = [
  'torch',
  'torchvision',
  'torchaudio',
  'xformers',
  'torchao',
  'torchtext',
  'torchdata',
  'triton',
  'pytorch-triton',
];

export { normalizeName };

/**
 * True for a (normalised or not) project name of the family. The triton builds the
 * PyTorch index serves per accelerator (`pytorch-triton-rocm`, `pytorch-triton-xpu`…)
 * are all `pytorch-triton-*`, and new ones appear with new backends, so they match by prefix.
 */
export function isPytorchFamily(name: string): boolean {
  const n = normalizeName(name);
  return PYTORCH_FAMILY.includes(n) || n.startsWith('pytorch-triton-');
}
