import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseRequirement } from '../../src/requirements/requirement.js';

describe('parseRequirement', () => {
  it('reads a bare name', () => {
    expect(parseRequirement('torch')).toEqual({ ok: true, requirement: { name: 'torch', project: 'torch', extras: [], specifier: '' } });
  });

  it('reads extras, a specifier with spaces, and a marker', () => {
    expect(parseRequirement('Torch[opt-einsum, Optree] >= 2.4 , < 2.6 ; sys_platform == "linux"')).toEqual({
      ok: true,
      requirement: { name: 'Torch', project: 'torch', extras: ['opt-einsum', 'Optree'], specifier: '>=2.4,<2.6', marker: 'sys_platform == "linux"' },
    });
  });

  it('reads the parenthesised form and normalises the name', () => {
    const r = parseRequirement('torch_vision (>=0.19)');
    expect(r.ok && r.requirement).toMatchObject({ project: 'torch-vision', specifier: '>=0.19' });
  });

  it('reads local versions, wildcards, compatible release and arbitrary equality', () => {
    for (const spec of ['==2.5.1+cu121', '==2.5.*', '~=2.5', '===2.5.1-custom', '!=2.5.0,>=2.4']) {
      const r = parseRequirement(`torch${spec}`);
      expect(r.ok && r.requirement.specifier).toBe(spec);
    }
  });

  it('reads a direct reference, with and without a marker', () => {
    expect(parseRequirement('torch @ https://download.pytorch.org/whl/cu121/torch-2.5.1%2Bcu121-cp312-cp312-linux_x86_64.whl')).toMatchObject({
      ok: true,
      requirement: { project: 'torch', specifier: '', url: 'https://download.pytorch.org/whl/cu121/torch-2.5.1%2Bcu121-cp312-cp312-linux_x86_64.whl' },
    });
    expect(parseRequirement('xformers@ file:///wheels/xformers.whl ; sys_platform == "linux"')).toMatchObject({
      ok: true,
      requirement: { project: 'xformers', url: 'file:///wheels/xformers.whl', marker: 'sys_platform == "linux"' },
    });
  });

  it.each([
    ['torch>=', 'invalid version specifier'],
    ['torch 2.5.1', 'invalid version specifier'],
    ['torch>=2.4,', 'invalid version specifier'],
    ['torch==2.*.1', 'invalid version specifier'],
    ['torch>2.*', 'invalid version specifier'],
    ['torch[cuda', 'without a closing "]"'],
    ['torch[cu da]', 'invalid extra'],
    ['torch>=2.4;', 'without a marker'],
    ['torch (>=2.4', 'without a closing ")"'],
    ['torch @', 'without a URL'],
    ['torch @ https://x/y.whl extra', 'after the URL'],
  ])('refuses %j, keeping the name (%s)', (text, fragment) => {
    const r = parseRequirement(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain(fragment);
      expect(r.project).toBe('torch');
    }
  });

  it('refuses text that does not start with a name, without a name', () => {
    for (const text of ['', '>=2.4', '-torch', '[cuda]torch', '.torch']) {
      const r = parseRequirement(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.project).toBeUndefined();
    }
  });

  it('never throws, and any specifier it accepts has no whitespace', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (text) => {
        const r = parseRequirement(text);
        return r.ok ? !/\s/.test(r.requirement.specifier) : r.error.length > 0;
      }),
      { numRuns: 2000 },
    );
  });
});
