import { describe, expect, it } from '@jest/globals';
import { explainNoRocm, splitAmd, type RocmOption } from '../../src/plan/amd.js';
import { amd } from './machines.js';

const XTX = amd('AMD Radeon RX 7900 XTX', 'gfx1100');
const IGPU = amd('AMD Radeon Graphics', 'gfx1036');

describe('splitAmd', () => {
  it('leaves out an integrated GPU no ROCm build targets when a discrete card is there', () => {
    expect(splitAmd([IGPU, XTX])).toEqual({ required: [XTX], ignored: [IGPU] });
  });

  it('keeps an integrated GPU that is all there is (the plan must say it is unsupported)', () => {
    expect(splitAmd([IGPU])).toEqual({ required: [IGPU], ignored: [] });
  });

  it('keeps an integrated GPU that a ROCm build targets (Strix Halo, gfx1151, in rocm7.2)', () => {
    const halo = amd('AMD Radeon 8060S', 'gfx1151');
    expect(splitAmd([XTX, halo])).toEqual({ required: [XTX, halo], ignored: [] });
  });

  it('keeps a GPU of unknown gfx', () => {
    const unknown = amd('AMD Radeon Graphics');
    expect(splitAmd([XTX, unknown]).required).toEqual([XTX, unknown]);
  });
});

describe('explainNoRocm', () => {
  // Two discrete GPUs whose gfx lists never meet in one build (synthetic lists: in the
  // data every newer ROCm list contains the older ones).
  const A = amd('Card A', 'gfx908');
  const B = amd('Card B', 'gfx1201');
  const options: RocmOption[] = [
    { variant: 'rocm9.1', line: '2.20', gfx: ['gfx1201'] },
    { variant: 'rocm9.0', line: '2.20', gfx: ['gfx1201', 'gfx1100'] },
    { variant: 'rocm8.0', line: '2.19', gfx: ['gfx908'] },
  ];

  it('says no single build covers both, naming for each GPU only the builds that list it', () => {
    const text = explainNoRocm([A, B], options, '2.19-2.20', 'rocm9.1').join(' ');
    expect(text).toMatch(/No single ROCm build of torch 2\.19-2\.20 covers every AMD GPU here: Card A \(gfx908\) is in rocm8\.0 of torch 2\.19, Card B \(gfx1201\) is in rocm9\.1 or rocm9\.0 of torch 2\.20\./);
    expect(text).toMatch(/HIP_VISIBLE_DEVICES.*backend rocm8\.0 for Card A, backend rocm9\.1 for Card B/);
    expect(text).not.toMatch(/in no ROCm build/);
  });

  it('blames only the GPU that no build lists', () => {
    const C = amd('Card C', 'gfx1010');
    const text = explainNoRocm([C, B], options, '2.19-2.20', 'rocm9.1').join(' ');
    expect(text).toMatch(/Card C \(gfx1010\) is in no ROCm build of torch 2\.19-2\.20; no fix is known\./);
    expect(text).toMatch(/Card B \(gfx1201\) is in rocm9\.1 or rocm9\.0 of torch 2\.20\./);
    expect(text).not.toMatch(/Card B[^.]*in no ROCm build/);
  });

  it('gives the HSA_OVERRIDE_GFX_VERSION hint to a near miss alone, without a "to use" line', () => {
    const near = amd('AMD Radeon RX 6700 XT', 'gfx1031');
    const text = explainNoRocm([near], options, '2.19-2.20', 'rocm9.1');
    expect(text).toHaveLength(1);
    expect(text[0]).toMatch(/HSA_OVERRIDE_GFX_VERSION=10\.3\.0.*set backend rocm9\.1/);
  });
});
