/**
 * The terminal sink: what the CLI writes to stdout and stderr. Text from
 * outside (a GPU name from nvidia-smi, a line of a project file, a tool's
 * message) may hold control characters and escape sequences that a terminal
 * would act on: move the cursor, clear the screen, retitle the window, make a
 * hyperlink (OSC 8), write the clipboard (OSC 52), hide text (SGR 8). Here every
 * such character is shown as its code instead (`\x1b`, `\x07`, `\u202e`), so
 * the reader sees what the tool printed and the terminal interprets nothing.
 *
 * Kept as they are: printable text, "\n" and "\t"; and, only when the CLI colours
 * its own output, the few SGR sequences of its styles (bold, dim, yellow and their
 * resets), which can neither hide nor move text.
 */

/** C0 and C1 controls except \t and \n, DEL, line/paragraph separators, and the bidirectional controls. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The SGR sequences of the CLI's own styles (src/report/explain.ts ANSI). */
export const OWN_STYLES: readonly string[] = ['\u001b[1m', '\u001b[22m', '\u001b[2m', '\u001b[33m', '\u001b[39m'];

function code(c: string): string {
  const n = c.codePointAt(0)!;
  return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
}

/** Text with every control character shown as its code. */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, code);
}

/**
 * What a CLI writer prints: terminalText, except that with `keepStyles` the
 * CLI's own SGR sequences pass. Linear: one scan, a fixed set of sequences.
 */
export function terminalOutput(text: string, keepStyles: boolean): string {
  if (!keepStyles) return terminalText(text);
  let out = '';
  let from = 0;
  for (let at = text.indexOf('\u001b'); at >= 0; at = text.indexOf('\u001b', at + 1)) {
    const own = OWN_STYLES.find((s) => text.startsWith(s, at));
    if (!own) continue;
    out += terminalText(text.slice(from, at)) + own;
    from = at + own.length;
    at = from - 1;
  }
  return out + terminalText(text.slice(from));
}

/**
 * JSON for the terminal: JSON.stringify escapes C0 controls already; DEL, C1,
 * the line separators and the bidirectional controls become \u escapes too, so
 * the JSON means the same and shows nothing a terminal would act on.
 */
export function terminalJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}
