import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { neutralise, neutraliseLine } from '../../src/sinks/log.js';
import { runnerCommands } from '../helpers/runner-commands.js';

/** Strings rich in what the runner reacts to. */
const hostile = fc.oneof(
  fc.string({ unit: fc.constantFrom(':', '#', '[', ']', ' ', '\t', '\r', '\n', '\u2028', '\u0085', '\u00a0', '\u001c', 'a', '%', ',', '=') }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('::add-mask::x', '  ::stop-commands::tok', '\r::error::x', 'x ##[add-mask]y', '\u00a0::warning::x', '\u3000::set-output name=a::b', '##[group]x'),
);

describe('the log sink', () => {
  it('leaves ordinary text as it is', () => {
    expect(neutralise('torchcraft: cpu build of torch 2.14; wrote torchcraft.txt')).toBe('torchcraft: cpu build of torch 2.14; wrote torchcraft.txt');
    expect(neutralise('C++::std and a ## heading, [x]')).toBe('C++::std and a ## heading, [x]');
  });

  it('breaks every command form the runner reads', () => {
    for (const text of ['::add-mask::secret', '   ::stop-commands::t', '\t::error::x', 'GPU ##[add-mask]x', '\u2028::warning::x']) {
      expect(runnerCommands(neutralise(text))).toEqual([]);
    }
    // A \r alone ends a line for the runner.
    expect(runnerCommands(neutralise('NVIDIA A100\r::add-mask::x'))).toEqual([]);
  });

  it('property: whatever the text, the runner sees no command in it, and the reader sees the same characters', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const out = neutralise(text);
        expect(runnerCommands(out)).toEqual([]);
        // Only zero-width spaces were added, and line breaks normalised to \n.
        expect(out.replace(/\u200b/g, '')).toBe(text.split(/\r\n|\r|\n/).join('\n'));
      }),
      { numRuns: 2000 },
    );
  });

  it('property: one line stays one line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }).filter((s) => !/[\r\n]/.test(s)), (line) => {
        expect(neutraliseLine(line).split(/\r|\n/)).toHaveLength(1);
      }),
    );
  });

  it('is linear: a megabyte of colons and hashes', () => {
    const text = '::##['.repeat(200_000);
    expect(runnerCommands(neutralise(text))).toEqual([]);
  });
});
