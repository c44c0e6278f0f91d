import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { OWN_STYLES, terminalJson, terminalOutput, terminalText } from '../../src/sinks/terminal.js';

const ACTS_ON = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const escapes = fc.oneof(
  fc.string({ unit: fc.constantFrom('\u001b', '[', ']', '0', ';', 'm', 'H', '2J', '\u0007', '\u009b', '\u009d', '\r', '\b', '\n', '\t', 'a', '\u202e', '8;;http://x\u001b\\') }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('\u001b]0;pwned\u0007', '\u001b]8;;https://evil\u001b\\click\u001b]8;;\u001b\\', '\u001b]52;c;ZXZpbA==\u0007', '\u001b[2J\u001b[H', '\u001b[8mhidden', 'x\rover', ...OWN_STYLES),
);

describe('the terminal sink', () => {
  it('shows escape sequences as codes', () => {
    expect(terminalText('GPU \u001b]0;title\u0007 \u001b[31mred\r!')).toBe('GPU \\x1b]0;title\\x07 \\x1b[31mred\\x0d!');
    expect(terminalText('a\tb\nc')).toBe('a\tb\nc');
    expect(terminalText('abc\u202edef')).toBe('abc\\u202edef');
  });

  it('property: nothing a terminal acts on passes, with or without colour', () => {
    fc.assert(
      fc.property(escapes, fc.boolean(), (text, colour) => {
        const out = terminalOutput(text, colour);
        expect(out.replace(/\u001b/g, "")).not.toMatch(ACTS_ON);
        // With colour, an ESC survives only as the start of one of our own style sequences.
        const escs = [...out.matchAll(/\u001b/g)].map((m) => m.index!);
        for (const at of escs) expect(colour && OWN_STYLES.some((s) => out.startsWith(s, at))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('property: JSON for the terminal parses back to the same value and holds nothing a terminal acts on', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (name) => {
        const text = terminalJson({ gpus: [{ name }] });
        expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
        expect(JSON.parse(text)).toEqual({ gpus: [{ name }] });
      }),
      { numRuns: 2000 },
    );
  });
});
