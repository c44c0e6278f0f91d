import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { commentLine, commentText, optionLine, optionValue, requirementLine } from '../../src/sinks/pip-file.js';
import { pipLineTexts, pipReads } from '../helpers/pip-read.js';

/** Text that goes after "# ": every character pip or Python treats as a line end, quotes, backslashes, hashes, options. */
const freeText = fc.oneof(
  fc.string({ unit: fc.constantFrom('\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x1f', '\x85', '\u2028', '\u2029', '#', '\\', '-r /etc/passwd', ' ', 'a', '"', "'", '${HOME}', '\t') }),
  fc.string({ unit: 'binary' }),
);

describe('the torchcraft.txt sink', () => {
  it('keeps a comment on one line, whatever the text', () => {
    expect(commentLine('NVIDIA A100\x0b-r /etc/passwd')).toBe('# NVIDIA A100 -r /etc/passwd');
    expect(commentLine('a\x1c--extra-index-url https://evil/simple')).toBe('# a --extra-index-url https://evil/simple');
    expect(commentLine('')).toBe('#');
  });

  it('percent-encodes what shlex and the line splitter would misread in a URL', () => {
    expect(optionValue(`https://u:pa"s's@h/whl/cpu`)).toBe('https://u:pa%22s%27s@h/whl/cpu');
    expect(optionValue('https://h/a b\\c\x1cd')).toBe('https://h/a%20b%5Cc%1Cd');
    expect(optionValue('https://${USER}:${TOKEN}@h/whl/cpu?x=1#y')).toBe('https://${USER}:${TOKEN}@h/whl/cpu?x=1#y');
  });

  it('refuses to write a requirement line that is not one line', () => {
    expect(requirementLine('torch==2.14.*')).toBe('torch==2.14.*');
    expect(() => requirementLine('torch\n-r x')).toThrow(/not a single requirement line/);
    expect(() => requirementLine('torch #x')).toThrow();
    expect(() => requirementLine('torch\x85x')).toThrow();
  });

  it("property: pip's own parser reads comment lines of any text as nothing, and the lines around them exactly", async () => {
    const samples = fc.sample(fc.array(freeText, { minLength: 1, maxLength: 6 }), 300);
    const files = samples.map((texts) =>
      [
        ...texts.map(commentLine),
        optionLine('--index-url', 'https://ci:pa"ss\'w@mirror.example/whl/cpu?token=a b#frag'),
        '--pre',
        ...texts.map((t) => commentLine(`Warning: ${t}`)),
        'torch==2.14.*',
        '',
      ].join('\n'),
    );
    const reads = await pipReads(files);
    for (const [i, read] of reads.entries()) {
      expect({ texts: samples[i], lines: pipLineTexts(read) }).toEqual({
        texts: samples[i],
        lines: ['--index_url https://ci:pa%22ss%27w@mirror.example/whl/cpu?token=a%20b#frag', '--pre', 'torch==2.14.*'],
      });
    }
  });

  it('property: comment text has no character pip would end a line at, and no control character', () => {
    fc.assert(
      fc.property(freeText, (t) => {
        const c = commentText(t);
        expect(c).not.toMatch(/[\n\r\v\f\x1c-\x1e\x85\u2028\u2029\u0000-\u001f\u007f-\u009f]/);
        expect(c.split('\n')).toHaveLength(1);
      }),
      { numRuns: 2000 },
    );
  });
});
