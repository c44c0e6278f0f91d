/**
 * Installer output on its way to the log: cut into whole lines before
 * scrubbing, so a secret split across two chunks is still caught, and kept
 * for the tail that goes into the summary.
 */
import { scrub } from '../secrets.js';

/** Longer than any line pip or uv print; a longer one is cut into pieces. */
const MAX_PENDING = 64 * 1024;

export class ScrubbedLines {
  private pending = '';
  readonly lines: string[] = [];

  constructor(
    private readonly secrets: readonly string[],
    private readonly emit: (line: string) => void,
  ) {}

  write(chunk: string): void {
    // Only the new chunk is searched for its last line end, so a long line that
    // arrives in many chunks costs its length once, not once per chunk.
    const end = chunk.lastIndexOf('\n');
    if (end < 0) {
      this.pending += chunk;
      if (this.pending.length > MAX_PENDING) this.flushLong();
      return;
    }
    const parts = (this.pending + chunk.slice(0, end + 1)).split(/\r?\n/);
    parts.pop();
    this.pending = chunk.slice(end + 1);
    for (const p of parts) this.push(p);
  }

  /**
   * A line longer than any real installer line (garbage, or a progress bar
   * redrawn with \r for minutes): only its last redraw is kept, and past the cap
   * it is emitted in pieces, so memory and work stay bounded. A piece never ends
   * inside a secret or a word (a URL with credentials), so scrubbing still sees
   * each whole.
   */
  private flushLong(): void {
    const redraw = this.pending.lastIndexOf('\r');
    if (redraw > 0) this.pending = this.pending.slice(redraw);
    if (this.pending.length <= MAX_PENDING) return;
    const longest = this.secrets.reduce((n, s) => Math.max(n, s.length), 0);
    let cut = this.pending.length - longest - MAX_PENDING / 2;
    const space = this.pending.lastIndexOf(' ', cut);
    if (space > cut / 2) cut = space + 1;
    for (const secret of this.secrets) {
      if (secret === '') continue;
      const at = this.pending.lastIndexOf(secret, cut - 1);
      if (at >= 0 && at + secret.length > cut) cut = at;
    }
    if (cut <= 0) return;
    this.push(this.pending.slice(0, cut));
    this.pending = this.pending.slice(cut);
  }

  /** Emit what is left without a final newline. */
  end(): void {
    if (this.pending !== '') this.push(this.pending);
    this.pending = '';
  }

  private push(raw: string): void {
    // Progress bars redraw with \r: keep what the line finally showed.
    const line = scrub(raw.slice(raw.lastIndexOf('\r') + 1), this.secrets);
    this.lines.push(line);
    this.emit(line);
  }
}

/** The last `count` lines as a collapsed markdown block. */
export function detailsBlock(title: string, lines: readonly string[], count = 40): string {
  const tail = lines.slice(-count).join('\n').replace(/```/g, "'''");
  return `<details><summary>${title}</summary>\n\n\`\`\`text\n${tail}\n\`\`\`\n\n</details>`;
}
