/**
 * The job summary sink: GitHub-flavoured Markdown, with HTML allowed. Text from
 * outside (GPU names, file names, reasons that quote them, installer output)
 * must render as the characters it holds, on one line of its cell or bullet:
 *
 * - in Markdown context the ASCII punctuation that means anything is
 *   backslash-escaped (CommonMark allows that for all of it), so no `**`, `[link](...)`,
 *   `<tag>`, `&entity;`, `|` cell break, `$math$`, `:emoji:` or list marker
 *   can form; line breaks and control characters become spaces and runs of
 *   whitespace collapse (four spaces would start a code block);
 * - in HTML context (`<summary>`) `& < > " '` become entities;
 * - in a fenced code block the fence is longer than any run of backticks in
 *   the text, so nothing ends it early.
 *
 * The helpers compose whole blocks (tables, bullets, collapsed details) with the
 * blank lines Markdown needs around HTML, so a block never swallows the next.
 */

/**
 * ASCII punctuation with a meaning somewhere in GFM: emphasis, links, HTML,
 * entities, tables, math, emoji, list markers after a digit (`1.`, `1)`),
 * and the `:`, `@`, `.` that GitHub's autolinks start from. `, ; ' " / ? %` have
 * none outside a link (whose brackets are escaped) and stay readable.
 */
const ASCII_PUNCTUATION = /[!#$&()*+\-.:<=>@[\\\]^_`{|}~]/g;
/** Everything that is not text: C0 and C1 controls, DEL, line and paragraph separators. */
const NOT_TEXT = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** Bidirectional overrides and isolates reorder what follows them ("Trojan Source"): shown as their code. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function oneLine(text: string): string {
  return text
    .replace(NOT_TEXT, ' ')
    .replace(BIDI, (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)
    .replace(/\s+/g, ' ')
    .trim();
}

/** Text for a Markdown paragraph, bullet, heading or table cell: shown as written, on one line. */
export function mdText(text: string): string {
  return oneLine(text).replace(ASCII_PUNCTUATION, '\\$&');
}

/** Text inside an HTML element (the `<summary>` of a details block). */
export function htmlText(text: string): string {
  return oneLine(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A bold label of our own words followed by escaped text: "**Index**: ...". */
export function mdLabelled(label: string, text: string): string {
  return `**${mdText(label)}**: ${mdText(text)}`;
}

export interface Table {
  header: string[];
  rows: string[][];
}

/**
 * A GFM table; every cell is escaped text. Rows are padded or cut to the header's
 * width (a row with more cells than the header would otherwise be cut silently).
 * An empty cell stays a cell.
 */
export function mdTable(header: readonly string[], rows: readonly (readonly string[])[], options: { raw?: boolean } = {}): string[] {
  const cell = (s: string): string => (options.raw ? s : mdText(s));
  const line = (cells: readonly string[]): string => `| ${header.map((_, i) => cell(cells[i] ?? '')).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line), ''];
}

/** A bulleted list of escaped items, then a blank line. */
export function mdBullets(items: readonly string[]): string[] {
  return items.length === 0 ? [] : [...items.map((i) => `- ${mdText(i)}`), ''];
}

/** A fenced code block that no text can end early: the fence is longer than any backtick run in it. */
export function mdCodeBlock(lines: readonly string[], info = 'text'): string[] {
  const shown = lines.map(codeLine);
  let longest = 0;
  for (const l of shown) for (const run of l.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${info}`, ...shown, fence, ''];
}

/** A line inside a code block: it cannot break out, but control characters would still act on a terminal someone pastes it into, so they are shown as codes. */
function codeLine(line: string): string {
  return line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]|[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.codePointAt(0)!;
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  }).replace(/\n/g, ' ');
}

/**
 * A collapsed block: `<details>` with an escaped title, then Markdown `body`
 * lines. Blank lines around each HTML tag keep the body Markdown and end the
 * HTML block, so what follows `</details>` renders.
 */
export function mdDetails(title: string, body: readonly string[]): string[] {
  return ['<details>', `<summary>${htmlText(title)}</summary>`, '', ...body, '', '</details>', ''];
}

/** A heading of our own level with escaped text. */
export function mdHeading(level: number, text: string): string[] {
  return [`${'#'.repeat(level)} ${mdText(text)}`, ''];
}

/** A paragraph of escaped text. */
export function mdParagraph(text: string): string[] {
  return [mdText(text), ''];
}
