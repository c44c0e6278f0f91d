import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { gfxFromIsaName, parseRocmAgentEnumerator, parseRocminfo } from '../../src/detect/rocminfo-parse.js';
import { fixture, hostileText } from './fixtures.js';

describe('parseRocminfo', () => {
  it('keeps GPU agents with marketing name and gfx, drops CPU agents', () => {
    expect(parseRocminfo(fixture('rocminfo/mi250x-2gpu.txt'))).toEqual([
      { name: 'AMD Instinct MI250X/MI250', gfx: 'gfx90a' },
      { name: 'AMD Instinct MI250X/MI250', gfx: 'gfx90a' },
    ]);
    expect(parseRocminfo(fixture('rocminfo/mi300x.txt'))).toEqual([{ name: 'AMD Instinct MI300X', gfx: 'gfx942' }]);
  });

  it('names a GPU by its gfx when the marketing name is empty, and ignores a generic ISA', () => {
    expect(parseRocminfo(fixture('rocminfo/rx7900-generic-isa.txt'))).toEqual([{ name: 'AMD GPU (gfx1100)', gfx: 'gfx1100' }]);
  });

  it('takes gfx from the ISA name when the agent name is not one', () => {
    const text = fixture('rocminfo/mi300x.txt').replace('  Name:                    gfx942', '  Name:                    amd-device');
    expect(parseRocminfo(text)).toEqual([{ name: 'AMD Instinct MI300X', gfx: 'gfx942' }]);
  });

  it('finds nothing in error output', () => {
    expect(parseRocminfo(fixture('rocminfo/rock-not-loaded.txt'))).toEqual([]);
    expect(parseRocminfo('')).toEqual([]);
  });

  it('keeps the agents before a truncation', () => {
    const text = fixture('rocminfo/mi250x-2gpu.txt');
    const cut = text.slice(0, text.indexOf('Agent 4'));
    expect(parseRocminfo(cut)).toEqual([{ name: 'AMD Instinct MI250X/MI250', gfx: 'gfx90a' }]);
  });

  it('never throws on hostile input and reports only clean gfx names', () => {
    fc.assert(fc.property(hostileText(fixture('rocminfo/mi250x-2gpu.txt')), (text) => {
      for (const a of parseRocminfo(text)) {
        expect(a.name.length).toBeGreaterThan(0);
        if (a.gfx !== undefined) expect(a.gfx).toMatch(/^gfx[0-9a-f]+$/);
      }
    }), { numRuns: 500 });
  });
});

describe('gfxFromIsaName', () => {
  it('strips the triple and feature suffixes', () => {
    expect(gfxFromIsaName('amdgcn-amd-amdhsa--gfx90a:sramecc+:xnack-')).toBe('gfx90a');
    expect(gfxFromIsaName('gfx942:sramecc+:xnack-')).toBe('gfx942');
    expect(gfxFromIsaName('amdgcn-amd-amdhsa--gfx1100')).toBe('gfx1100');
  });

  it('refuses generic targets and other text', () => {
    expect(gfxFromIsaName('amdgcn-amd-amdhsa--gfx11-generic')).toBeUndefined();
    expect(gfxFromIsaName('AMD EPYC 7763 64-Core Processor')).toBeUndefined();
  });
});

describe('parseRocmAgentEnumerator', () => {
  it('lists GPU targets and drops the CPU agent gfx000', () => {
    expect(parseRocmAgentEnumerator(fixture('rocm_agent_enumerator/mi300x-2.txt'))).toEqual([
      { name: 'AMD GPU (gfx942)', gfx: 'gfx942' },
      { name: 'AMD GPU (gfx942)', gfx: 'gfx942' },
    ]);
    expect(parseRocmAgentEnumerator(fixture('rocm_agent_enumerator/cpu-only.txt'))).toEqual([]);
  });

  it('never throws on hostile input', () => {
    fc.assert(fc.property(hostileText(fixture('rocm_agent_enumerator/mi300x-2.txt')), (text) => {
      for (const a of parseRocmAgentEnumerator(text)) expect(a.gfx).not.toBe('gfx000');
    }), { numRuns: 500 });
  });
});
