import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { archListText, capabilityLabel, inArchList, parseCudaTarget, parseGfx } from '../../src/install/arch-list.js';

const CU130 = ['sm_75', 'sm_80', 'sm_86', 'sm_90', 'sm_100', 'sm_120'];
const ptx = { allowPtx: true };

describe('inArchList: CUDA', () => {
  it('SASS runs on the same major with an equal or higher minor', () => {
    expect(inArchList('cuda', false, '8.9', CU130, ptx)).toBe(true); // sm_86 code on Ada
    expect(inArchList('cuda', false, '12.1', CU130, ptx)).toBe(true); // sm_120 on GB10
    expect(inArchList('cuda', false, '10.3', CU130, ptx)).toBe(true);
    expect(inArchList('cuda', false, '6.1', CU130, ptx)).toBe(false); // Pascal on cu130
    expect(inArchList('cuda', false, '8.0', ['sm_86'], ptx)).toBe(false); // a lower minor does not run higher code
    expect(inArchList('cuda', false, '11.0', CU130, ptx)).toBe(false); // no major 11 and no PTX
  });
  it('PTX is JIT-compiled for newer GPUs, unless the driver runs the build in compatibility mode', () => {
    const withPtx = [...CU130, 'compute_120'];
    expect(inArchList('cuda', false, '12.1', ['sm_90', 'compute_120'], ptx)).toBe(true);
    expect(inArchList('cuda', false, '13.0', withPtx, ptx)).toBe(true);
    expect(inArchList('cuda', false, '13.0', withPtx, { allowPtx: false })).toBe(false);
    expect(inArchList('cuda', false, '11.0', ['compute_120'], ptx)).toBe(false); // PTX never runs on an older GPU
  });
  it('arch-specific targets run on exactly that capability', () => {
    expect(inArchList('cuda', false, '9.0', ['sm_90a'], ptx)).toBe(true);
    expect(inArchList('cuda', false, '10.0', ['sm_90a', 'compute_90a'], ptx)).toBe(false);
    expect(inArchList('cuda', false, '10.3', ['sm_100f'], ptx)).toBe(true);
  });
  it('cannot tell without a list, a readable capability, or for XPU and MPS', () => {
    expect(inArchList('cuda', false, '8.9', [], ptx)).toBeUndefined();
    expect(inArchList('cuda', false, undefined, CU130, ptx)).toBeUndefined();
    expect(inArchList('cuda', false, 'eight', CU130, ptx)).toBeUndefined();
    expect(inArchList('cuda', false, '8.9', ['garbage'], ptx)).toBeUndefined();
    expect(inArchList('xpu', false, '8.9', CU130, ptx)).toBeUndefined();
    expect(inArchList('mps', false, undefined, [], ptx)).toBeUndefined();
  });
  it('agrees with the SASS rule for every capability and list', () => {
    const cap = fc.tuple(fc.integer({ min: 3, max: 13 }), fc.integer({ min: 0, max: 9 }));
    fc.assert(
      fc.property(cap, fc.array(cap, { maxLength: 8 }), ([major, minor], list) => {
        const entries = list.map(([a, b]) => `sm_${a}${b}`);
        const expected = list.some(([a, b]) => a === major && b <= minor);
        expect(inArchList('cuda', false, `${major}.${minor}`, entries, { allowPtx: false })).toBe(entries.length === 0 ? undefined : expected);
      }),
    );
  });
});

describe('inArchList: ROCm', () => {
  const ROCM = ['gfx900', 'gfx906', 'gfx908', 'gfx90a', 'gfx942', 'gfx1030', 'gfx1100'];
  it('compares gcnArchName base names, features pinned by an entry included', () => {
    expect(inArchList('cuda', true, 'gfx90a:sramecc+:xnack-', ROCM, ptx)).toBe(true);
    expect(inArchList('cuda', true, 'gfx942', ROCM, ptx)).toBe(true);
    expect(inArchList('cuda', true, 'gfx1031', ROCM, ptx)).toBe(false);
    expect(inArchList('cuda', true, 'gfx90a:sramecc+:xnack-', ['gfx90a:xnack+'], ptx)).toBe(false);
    expect(inArchList('cuda', true, 'gfx90a:sramecc+:xnack-', ['gfx90a:xnack-'], ptx)).toBe(true);
  });
});

describe('parsing and labels', () => {
  it('reads targets and gfx names', () => {
    expect(parseCudaTarget('sm_120')).toEqual({ kind: 'sass', major: 12, minor: 0, suffix: '' });
    expect(parseCudaTarget('compute_90a')).toEqual({ kind: 'ptx', major: 9, minor: 0, suffix: 'a' });
    expect(parseCudaTarget('sm_8')).toBeNull();
    expect(parseGfx('gfx90a:sramecc+:xnack-')).toEqual({ base: 'gfx90a', features: new Map([['sramecc', '+'], ['xnack', '-']]) });
    expect(parseGfx('sm_90')).toBeNull();
  });
  it('labels a capability as messages show it', () => {
    expect(capabilityLabel('6.1', false)).toBe('sm_61');
    expect(capabilityLabel('12.0', false)).toBe('sm_120');
    expect(capabilityLabel('gfx90a:sramecc+:xnack-', true)).toBe('gfx90a');
    expect(capabilityLabel(undefined, false)).toBeUndefined();
  });
  it('shortens an arch list, and caps one from outside', () => {
    expect(archListText(CU130)).toBe('sm_75..sm_120');
    expect(archListText([...CU130, 'compute_120'])).toBe('sm_75..sm_120, compute_120');
    expect(archListText(['sm_90'])).toBe('sm_90');
    expect(archListText([])).toBe('empty');
    const many = Array.from({ length: 5000 }, (_, i) => `gfx${i}`);
    expect(archListText(many)).toMatch(/^gfx0, .*, gfx11 and 4988 more$/);
  });
});
