import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { htmlText, mdBullets, mdCodeBlock, mdDetails, mdTable, mdText } from '../../src/sinks/markdown.js';
import { renderSummaryMarkdown } from '../helpers/markdown.js';

/** What a cell or bullet of `text` must read as: one line, controls as spaces, runs of whitespace as one. */
function shown(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)
    .replace(/\s+/g, ' ')
    .trim();
}

/** Markdown and HTML that would render as something else than its characters. */
const markup = fc.oneof(
  fc.string({ unit: fc.constantFrom('*', '_', '`', '|', '<', '>', '&', '[', ']', '(', ')', '!', '#', '-', '+', '=', '~', '$', ':', '@', '.', '\\', '\n', '\r', ' ', '    ', 'a', '1', '&lt;', '<img src=x>', '</details>', '<details>', 'www.x.com', 'https://x.y') }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('**bold**', '<script>alert(1)</script>', '| a | b |', '[x](javascript:alert(1))', '![i](http://x/i.png)', '1. item', '- item', '# heading', '```', '$x^2$', ':smile:', '    code', '=====', '&amp;', '<!-- c -->'),
);

describe('the summary sink', () => {
  it('escapes what Markdown would act on and leaves the words readable', () => {
    expect(mdText('NVIDIA GeForce RTX 4090, driver 580')).toBe('NVIDIA GeForce RTX 4090, driver 580');
    expect(mdText('**x** <b>y</b> | z')).toBe('\\*\\*x\\*\\* \\<b\\>y\\</b\\> \\| z');
    expect(htmlText('<img src=x onerror="a">&')).toBe('&#60;img src=x onerror=&#34;a&#34;&#62;&#38;');
  });

  it('property: any text in a table cell renders as exactly that text, in exactly that cell', () => {
    fc.assert(
      fc.property(markup, markup, (a, b) => {
        const r = renderSummaryMarkdown(mdTable(['', ''], [[a, b], ['x', 'y']]).join('\n'));
        expect(r.tables).toHaveLength(1);
        expect(r.tables[0]).toEqual([['', ''], [shown(a), shown(b)], ['x', 'y']]);
        expect(r.formatting).toEqual([]);
        expect(r.strayHtml).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });

  it('property: any text in a bullet renders as one bullet of that text', () => {
    fc.assert(
      fc.property(fc.array(markup, { minLength: 1, maxLength: 4 }), (items) => {
        const nonEmpty = items.filter((i) => shown(i) !== '');
        const r = renderSummaryMarkdown(['### Warnings', '', ...mdBullets(nonEmpty), 'after'].join('\n'));
        expect(r.bullets).toEqual(nonEmpty.map(shown));
        expect(r.paragraphs).toEqual(['after']);
        expect(r.formatting).toEqual([]);
        expect(r.strayHtml).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: a details block of any title and output closes, and what follows it renders', () => {
    fc.assert(
      fc.property(markup, fc.array(markup, { maxLength: 5 }), (title, lines) => {
        const md = [...mdDetails(title, mdCodeBlock(lines)), `**Install failed**: done`, ''].join('\n');
        const r = renderSummaryMarkdown(md);
        expect(r.strayHtml).toEqual([]);
        expect(r.details).toHaveLength(1);
        expect(r.details[0].summary).toBe(shown(title));
        expect(r.code).toHaveLength(1);
        // The code shows the lines, control characters as codes, nothing more and nothing less.
        const codeLines = r.code[0].replace(/\n$/, '').split('\n');
        expect(codeLines).toHaveLength(lines.length === 0 ? 1 : lines.length);
        // Our own emphasis after the block renders as emphasis: the block did not swallow it.
        expect(r.formatting).toEqual(['strong']);
        expect(r.paragraphs).toEqual(['Install failed: done']);
      }),
      { numRuns: 1000 },
    );
  });
});
