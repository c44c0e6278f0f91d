/**
 * The job summary as a reader sees it. There is no GitHub renderer here, so
 * markdown-it (CommonMark with GFM tables, HTML allowed, as GitHub allows it)
 * parses the summary, and this gives the structure the tests check: headings,
 * paragraphs, bullets, table cells and details blocks, each as rendered text,
 * plus every place where Markdown or HTML formed that the summary did not mean
 * (emphasis, links, images, inline HTML, HTML blocks other than our details).
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

// No linkify: markdown-it would link text GitHub does not (it linkifies after escapes are resolved).
const md = new MarkdownIt({ html: true, linkify: false });

export interface RenderedDetails {
  summary: string;
  /** The text of everything between <details> and </details>. */
  text: string;
  code: string[];
}

export interface RenderedSummary {
  /** The first line of the source: the outcome heading. */
  firstLine: string;
  headings: string[];
  paragraphs: string[];
  bullets: string[];
  /** Each table as rows of cell texts, header row first. */
  tables: string[][][];
  details: RenderedDetails[];
  /** Content of fenced code blocks. */
  code: string[];
  /** Inline formatting seen, by kind: strong, em, link, image, html_inline, s (strikethrough). */
  formatting: string[];
  /** HTML blocks that are not the summary's own details/summary tags. */
  strayHtml: string[];
  /** All rendered text, one string (headings, paragraphs, bullets, cells, details). */
  text: string;
}

/** HTML entities decoded in one pass, as a browser does (decoding twice would read &#38;amp; as &). */
function decodeEntities(s: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', amp: '&', apos: "'" };
  return s.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(lt|gt|quot|amp|apos));/gi, (m, dec: string, hex: string, name: string) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : (named[name.toLowerCase()] ?? m),
  );
}

function inlineText(token: Token, formatting: string[]): string {
  let out = '';
  for (const child of token.children ?? []) {
    switch (child.type) {
      case 'text':
        out += child.content;
        break;
      case 'code_inline':
        out += child.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        out += '\n';
        break;
      case 'strong_open':
      case 'em_open':
      case 'link_open':
      case 's_open':
        formatting.push(child.type.replace('_open', ''));
        break;
      case 'image':
        formatting.push('image');
        out += child.content;
        break;
      case 'html_inline':
        formatting.push('html_inline');
        out += child.content;
        break;
      default:
        break;
    }
  }
  return out;
}

const OWN_HTML = /^(<details>\n<summary>[^<>]*<\/summary>|<\/details>)\n?$/;

export function renderSummaryMarkdown(markdown: string): RenderedSummary {
  const tokens = md.parse(markdown, {});
  const out: RenderedSummary = {
    firstLine: markdown.split('\n', 1)[0],
    headings: [],
    paragraphs: [],
    bullets: [],
    tables: [],
    details: [],
    code: [],
    formatting: [],
    strayHtml: [],
    text: '',
  };
  const all: string[] = [];
  const open: RenderedDetails[] = [];
  let table: string[][] | undefined;
  let row: string[] | undefined;
  let inHeading = false;
  let inBullet = 0;
  for (const t of tokens) {
    if (t.type === 'html_block') {
      if (!OWN_HTML.test(t.content)) {
        out.strayHtml.push(t.content);
        continue;
      }
      if (t.content.startsWith('<details>')) {
        const summary = decodeEntities(/<summary>([^<>]*)<\/summary>/.exec(t.content)![1]);
        open.push({ summary, text: '', code: [] });
        all.push(summary);
      } else {
        const closed = open.pop();
        if (!closed) out.strayHtml.push(t.content);
        else out.details.push(closed);
      }
      continue;
    }
    if (t.type === 'heading_open') inHeading = true;
    if (t.type === 'heading_close') inHeading = false;
    if (t.type === 'list_item_open') inBullet++;
    if (t.type === 'list_item_close') inBullet--;
    if (t.type === 'table_open') table = [];
    if (t.type === 'table_close') {
      out.tables.push(table!);
      table = undefined;
    }
    if (t.type === 'tr_open') row = [];
    if (t.type === 'tr_close') {
      table!.push(row!);
      row = undefined;
    }
    if (t.type === 'fence' || t.type === 'code_block') {
      out.code.push(t.content);
      for (const d of open) d.code.push(t.content);
      all.push(t.content);
      continue;
    }
    if (t.type !== 'inline') continue;
    const text = inlineText(t, out.formatting);
    all.push(text);
    for (const d of open) d.text += `${text}\n`;
    if (row) row.push(text);
    else if (inHeading) out.headings.push(text);
    else if (inBullet > 0) out.bullets.push(text);
    else out.paragraphs.push(text);
  }
  // A details block left open swallows the rest of the page on GitHub.
  for (const d of open) out.strayHtml.push(`<details> never closed: ${d.summary}`);
  out.text = all.join('\n');
  return out;
}
