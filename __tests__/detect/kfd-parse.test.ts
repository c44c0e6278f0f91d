import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decodeGfxTargetVersion, parseKfdNodeProperties } from '../../src/detect/kfd-parse.js';
import { fixture, hostileText } from './fixtures.js';

describe('decodeGfxTargetVersion', () => {
  it.each([
    [90010, 'gfx90a'],
    [90402, 'gfx942'],
    [90008, 'gfx908'],
    [110000, 'gfx1100'],
    [100302, 'gfx1032'],
    [120001, 'gfx1201'],
    [90400, 'gfx940'],
  ])('%i -> %s', (value, gfx) => {
    expect(decodeGfxTargetVersion(value)).toBe(gfx);
  });

  it('treats 0 (a CPU node) and impossible values as no GPU', () => {
    for (const v of [0, -1, 1.5, 91600, 90016, Number.NaN]) expect(decodeGfxTargetVersion(v)).toBeUndefined();
  });
});

describe('parseKfdNodeProperties', () => {
  it('reads GPU nodes and skips the CPU node', () => {
    expect(parseKfdNodeProperties(fixture('kfd/properties-gfx90a.txt'))).toBe('gfx90a');
    expect(parseKfdNodeProperties(fixture('kfd/properties-gfx1100.txt'))).toBe('gfx1100');
    expect(parseKfdNodeProperties(fixture('kfd/properties-gfx942.txt'))).toBe('gfx942');
    expect(parseKfdNodeProperties(fixture('kfd/properties-cpu.txt'))).toBeUndefined();
  });

  it('is undefined when the field is missing (old kernels)', () => {
    expect(parseKfdNodeProperties('cpu_cores_count 0\nsimd_count 256\n')).toBeUndefined();
  });

  it('never throws on hostile input', () => {
    fc.assert(fc.property(hostileText(fixture('kfd/properties-gfx90a.txt')), (text) => {
      const gfx = parseKfdNodeProperties(text);
      if (gfx !== undefined) expect(gfx).toMatch(/^gfx\d+[0-9a-f]{2}$/);
    }), { numRuns: 500 });
    fc.assert(fc.property(fc.integer(), (n) => {
      decodeGfxTargetVersion(n);
    }));
  });
});
