/**
 * The torchcraft.txt sink: what pip will read. pip cuts a requirements file
 * with Python's str.splitlines(), which breaks lines at \n, \r, \r\n and also
 * at \v, \f, \x1c, \x1d, \x1e, \x85, U+2028 and U+2029
 * (pip/_internal/req/req_file.py, preprocess). A comment starts at `#` at the
 * start of a line or after whitespace; a line ending in `\` continues on the
 * next unless it is a comment; option lines are split with shlex, where quotes
 * and backslashes are syntax.
 *
 * So free text (GPU names, reasons, file names) goes only into comment lines,
 * each starting with "# ", with every line-breaking and control character
 * replaced by a space; option values are percent-encoded where shlex or the
 * line splitter would read them differently; requirement lines are checked to
 * be one line with no comment.
 */

/** Every character str.splitlines() breaks at. */
export const PIP_LINE_BREAKS = /[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
const PIP_LINE_BREAKS_G = new RegExp(PIP_LINE_BREAKS.source, 'g');
/** Control characters (C0, DEL, C1): none belongs in a comment, and a terminal would act on them. */
const CONTROL_G = /[\u0000-\u001f\u007f-\u009f]/g;

/** One line of comment text: line breaks and control characters become spaces, runs of spaces collapse. */
export function commentText(text: string): string {
  return text.replace(PIP_LINE_BREAKS_G, ' ').replace(CONTROL_G, ' ').replace(/ {2,}/g, ' ').trim();
}

/** A comment line of torchcraft.txt: "# text", never more than one line. */
export function commentLine(text: string): string {
  return `# ${commentText(text)}`.trimEnd();
}

/**
 * An option's value (a URL) as one shlex word on one line: whitespace, control
 * characters, quotes and backslashes are percent-encoded, which every URL parser
 * (and pip, for the credentials it unquotes) reads back as the same characters.
 */
export function optionValue(value: string): string {
  let out = '';
  for (const ch of value) {
    if (/[\s"'\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(ch) || PIP_LINE_BREAKS.test(ch)) {
      out += [...new TextEncoder().encode(ch)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    } else {
      out += ch;
    }
  }
  return out;
}

/** `--index-url URL`, safe for pip's line splitter and shlex. */
export function optionLine(option: string, value: string): string {
  return `${option} ${optionValue(value)}`;
}

/**
 * A requirement line torchcraft composed (`torch==2.14.*`): requirement lines are
 * never free text, so one that would break a line or start a comment is a bug.
 */
export function requirementLine(text: string): string {
  if (PIP_LINE_BREAKS.test(text) || /[\u0000-\u001f\u007f-\u009f]/.test(text) || /(^|\s)#/.test(text) || text.endsWith('\\') || /^\s*-/.test(text)) {
    throw new Error(`internal error: ${JSON.stringify(text)} is not a single requirement line`);
  }
  return text;
}
