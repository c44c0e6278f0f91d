import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { detailsBlock, ScrubbedLines } from '../../src/install/output.js';

describe('ScrubbedLines', () => {
  it('scrubs a secret split across chunks and keeps whole lines', () => {
    const seen: string[] = [];
    const s = new ScrubbedLines(['tok-123456'], (l) => seen.push(l));
    s.write('Looking in http://u:tok-12');
    s.write('3456@host/whl\nCollect');
    s.write('ing torch\r\nprogress 10%\rprogress 100%\n');
    s.write('tail without newline tok-123456');
    s.end();
    expect(seen).toEqual(['Looking in http://u:***@host/whl', 'Collecting torch', 'progress 100%', 'tail without newline ***']);
    expect(s.lines).toEqual(seen);
  });

  it('never lets a secret through, however the output is chunked', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 6, maxLength: 20 }).filter((x) => !/[\r\n*]/.test(x)), fc.array(fc.string({ maxLength: 30 }).filter((x) => !/[\r\n]/.test(x)), { maxLength: 5 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 20 }), (secret, words, cuts) => {
        const text = [...words, secret, ...words].join(' ') + '\n';
        const s = new ScrubbedLines([secret], () => undefined);
        let at = 0;
        for (const c of cuts) {
          s.write(text.slice(at, at + c));
          at += c;
        }
        s.write(text.slice(at));
        s.end();
        expect(s.lines.join('\n')).not.toContain(secret);
      }),
    );
  });
});

describe('ScrubbedLines on awkward output', () => {
  it('a \\r\\n split between two chunks still ends one line', () => {
    const s = new ScrubbedLines([], () => undefined);
    s.write('Collecting torch\r');
    s.write('\nDone\n');
    expect(s.lines).toEqual(['Collecting torch', 'Done']);
  });

  it('a line of megabytes in small chunks is emitted in bounded pieces, with no secret cut in two', () => {
    const secret = 'tok-Zq81xS3cr3t';
    const s = new ScrubbedLines([secret], () => undefined);
    const word = `x${secret}y `;
    const chunk = word.repeat(200);
    for (let i = 0; i < 1000; i++) s.write(chunk);
    s.write('\n');
    const total = chunk.length * 1000;
    expect(s.lines.length).toBeGreaterThan(1);
    expect(s.lines.every((l) => l.length <= 128 * 1024)).toBe(true);
    expect(s.lines.join('')).not.toContain(secret);
    // Nothing is lost but the secrets themselves.
    expect(s.lines.join('').length).toBe(total - 1000 * 200 * (secret.length - 3));
  });

  it('a progress bar redrawn with \\r without end keeps only its last redraw', () => {
    const s = new ScrubbedLines([], () => undefined);
    for (let i = 0; i < 20000; i++) s.write(`\rDownloading ${i}% ${'#'.repeat(40)}`);
    s.end();
    expect(s.lines).toEqual([`Downloading 19999% ${'#'.repeat(40)}`]);
  });
});

describe('detailsBlock', () => {
  it('keeps the tail in a collapsed block', () => {
    const b = detailsBlock('Last lines', Array.from({ length: 100 }, (_, i) => `line ${i}`), 3);
    expect(b).toBe('<details><summary>Last lines</summary>\n\n```text\nline 97\nline 98\nline 99\n```\n\n</details>');
  });
});
