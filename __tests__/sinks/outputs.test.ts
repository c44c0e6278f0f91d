import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MAX_OUTPUT_CHARS, outputValue } from '../../src/sinks/outputs.js';

describe('the outputs sink', () => {
  it('makes any value one line without control characters, and bounds it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (v) => {
        const out = outputValue(v);
        expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
        expect(out.length).toBeLessThanOrEqual(MAX_OUTPUT_CHARS);
      }),
      { numRuns: 2000 },
    );
    expect(outputValue('NVIDIA H100\n$(curl evil)\r')).toBe('NVIDIA H100 $(curl evil)');
    expect(outputValue('x'.repeat(200_000))).toMatch(/… \(200000 characters\)$/);
  });
});
