import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { satisfies, validRange } from '@renovatebot/pep440';
import { poetrySpecifier } from '../../src/requirements/poetry.js';

describe('poetrySpecifier', () => {
  it.each([
    ['^2.3', '>=2.3,<3.0'],
    ['^2.3.1', '>=2.3.1,<3.0.0'],
    ['^2', '>=2,<3'],
    ['^0.18.1', '>=0.18.1,<0.19.0'],
    ['^0.0.28', '>=0.0.28,<0.0.29'],
    ['^0.0', '>=0.0,<0.1'],
    ['~2.3', '>=2.3,<2.4'],
    ['~2.3.1', '>=2.3.1,<2.4.0'],
    ['~2', '>=2,<3'],
    ['2.3.1', '==2.3.1'],
    ['2.3.1+cu121', '==2.3.1+cu121'],
    ['2.3.*', '==2.3.*'],
    ['*', ''],
    ['>=2.3, <2.5', '>=2.3,<2.5'],
    ['~=2.3', '~=2.3'],
    ['==2.3.1', '==2.3.1'],
  ])('reads %j as %j', (poetry, pep440) => {
    expect(poetrySpecifier(poetry)).toBe(pep440);
  });

  it.each(['^2.3 || ^2.4', 'latest', '', '^2.3rc1', '>=2.3 <2.5'])('does not read %j', (poetry) => {
    expect(poetrySpecifier(poetry)).toBeNull();
  });

  it('gives a caret range that holds its base and not the next major (or minor below 1)', () => {
    const version = fc.tuple(fc.nat(5), fc.nat(30), fc.nat(30));
    fc.assert(
      fc.property(version, ([a, b, c]) => {
        const spec = poetrySpecifier(`^${a}.${b}.${c}`)!;
        expect(validRange(spec)).toBe(true);
        expect(satisfies(`${a}.${b}.${c}`, spec)).toBe(true);
        // A later patch stays inside, except under ^0.0.x, which allows that patch alone.
        expect(satisfies(`${a}.${b}.${c + 5}`, spec)).toBe(a > 0 || b > 0);
        const next = a > 0 ? `${a + 1}.0.0` : b > 0 ? `0.${b + 1}.0` : `0.0.${c + 1}`;
        expect(satisfies(next, spec)).toBe(false);
      }),
    );
  });
});
