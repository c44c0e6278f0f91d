import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseListing, unescapeHtml } from '../../src/pytorch-index/listing.js';

const PAGE = 'https://download.pytorch.org/whl/cu130/torch/';

// The shape download.pytorch.org serves (a static PEP 503 page, absolute-path hrefs, %2B for "+").
const PYTORCH_HTML = `<!DOCTYPE html>
<html>
  <body>
    <h1>Links for torch</h1>
    <a href="/whl/cu130/torch-2.14.1%2Bcu130-cp312-cp312-manylinux_2_28_x86_64.whl#sha256=0f2a" data-dist-info-metadata="sha256=11aa" data-core-metadata="sha256=11aa">torch-2.14.1+cu130-cp312-cp312-manylinux_2_28_x86_64.whl</a><br/>
    <a href="/whl/cu130/torch-2.14.1%2Bcu130-cp313-cp313t-win_amd64.whl#sha256=99" data-requires-python="&gt;=3.10">torch-2.14.1+cu130-cp313-cp313t-win_amd64.whl</a><br/>
    <A HREF='torch-2.9.0%2Bcu130-cp310-cp310-manylinux_2_28_aarch64.whl' data-yanked="">torch-2.9.0+cu130-cp310-cp310-manylinux_2_28_aarch64.whl</A><br/>
  </body>
</html>
<!--TIMESTAMP 1764633600-->
`;

describe('parseListing: PEP 503 HTML', () => {
  it('reads files, resolved URLs, requires-python and yanked', () => {
    const l = parseListing(PYTORCH_HTML, 'text/html', PAGE);
    expect(l.ok).toBe(true);
    if (!l.ok) return;
    expect(l.format).toBe('html');
    expect(l.files.map((f) => f.filename)).toEqual([
      'torch-2.14.1+cu130-cp312-cp312-manylinux_2_28_x86_64.whl',
      'torch-2.14.1+cu130-cp313-cp313t-win_amd64.whl',
      'torch-2.9.0+cu130-cp310-cp310-manylinux_2_28_aarch64.whl',
    ]);
    expect(l.files[0].url).toBe('https://download.pytorch.org/whl/cu130/torch-2.14.1%2Bcu130-cp312-cp312-manylinux_2_28_x86_64.whl#sha256=0f2a');
    expect(l.files[1].requiresPython).toBe('>=3.10');
    expect(l.files[2].url).toBe('https://download.pytorch.org/whl/cu130/torch/torch-2.9.0%2Bcu130-cp310-cp310-manylinux_2_28_aarch64.whl');
    expect(l.files.map((f) => f.yanked)).toEqual([false, false, true]);
  });

  it('takes the name from the href when the link text is not a name', () => {
    const l = parseListing('<html><a href="/x/torch-2.1.0-cp311-cp311-linux_x86_64.whl"><img src=i></a></html>', 'text/html; charset=utf-8', PAGE);
    expect(l.ok && l.files[0].filename).toBe('torch-2.1.0-cp311-cp311-linux_x86_64.whl');
  });

  it('an empty project page is a listing with no files; other text is not a listing', () => {
    const empty = parseListing('<!DOCTYPE html><html><body><h1>Links for torch</h1></body></html>', 'text/html', PAGE);
    expect(empty).toEqual({ ok: true, format: 'html', files: [] });
    expect(parseListing('upstream connect error', '', PAGE).ok).toBe(false);
    expect(parseListing('{"a":1}', 'application/octet-stream', PAGE).ok).toBe(false);
  });

  it('stays linear on hostile pages', () => {
    // Before the fix a scanner like this went quadratic on "<a " without ">".
    const hostile = '<a '.repeat(200_000);
    const start = process.hrtime.bigint();
    const l = parseListing(hostile, 'text/html', PAGE);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    expect(l.ok).toBe(false);
    // Not a timing assertion of speed, a guard against the quadratic blow-up (which takes minutes).
    expect(ms).toBeLessThan(10_000);
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.constantFrom('text/html', '', 'application/vnd.pypi.simple.v1+json'), (body, type) => {
        const l = parseListing(body, type, PAGE);
        if (l.ok) for (const f of l.files) expect(() => new URL(f.url)).not.toThrow();
      }),
    );
  });
});

describe('parseListing: PEP 691 JSON', () => {
  it('reads files the way a mirror serves them', () => {
    const body = JSON.stringify({
      meta: { 'api-version': '1.1' },
      name: 'torch',
      files: [
        { filename: 'torch-2.14.1+cpu-cp312-cp312-manylinux_2_28_x86_64.whl', url: '../../files/torch-2.14.1%2Bcpu-cp312-cp312-manylinux_2_28_x86_64.whl', hashes: { sha256: 'ab' }, 'requires-python': '>=3.10' },
        { filename: 'torch-2.14.0+cpu-cp312-cp312-manylinux_2_28_x86_64.whl', url: 'https://files.example/t.whl', hashes: {}, yanked: 'broken' },
        { url: 42 },
      ],
    });
    const l = parseListing(body, 'application/vnd.pypi.simple.v1+json', 'https://mirror.example/simple/torch/');
    expect(l.ok).toBe(true);
    if (!l.ok) return;
    expect(l.format).toBe('json');
    expect(l.files).toEqual([
      { filename: 'torch-2.14.1+cpu-cp312-cp312-manylinux_2_28_x86_64.whl', url: 'https://mirror.example/files/torch-2.14.1%2Bcpu-cp312-cp312-manylinux_2_28_x86_64.whl', requiresPython: '>=3.10', yanked: false },
      { filename: 'torch-2.14.0+cpu-cp312-cp312-manylinux_2_28_x86_64.whl', url: 'https://files.example/t.whl', yanked: true },
    ]);
  });
  it('says what is wrong with a broken JSON page', () => {
    expect(parseListing('{"files": 3}', 'application/vnd.pypi.simple.v1+json', PAGE)).toEqual({ ok: false, problem: 'the PEP 691 page has no "files" list' });
    expect(parseListing('<html>', 'application/vnd.pypi.simple.v1+json', PAGE).ok).toBe(false);
  });
});

describe('unescapeHtml', () => {
  it('decodes the references PEP 503 pages use', () => {
    expect(unescapeHtml('&gt;=3.8,&lt;4 &amp; &#33; &#x41; &bogus; &#x110000;')).toBe('>=3.8,<4 & ! A &bogus; &#x110000;');
  });
});
