/**
 * Installer output on its way to the log: cut into whole lines before
 * scrubbing, so a secret split across two chunks is still caught, and kept
 * for the tail that goes into the summary.
 */
import { scrub } from '../secrets.js';

export class ScrubbedLines {
  private pending = '';
  readonly lines: string[] = [];

  constructor(
    private readonly secrets: readonly string[],
    private readonly emit: (line: string) => void,
  ) {}

  write(chunk: string): void {
    const parts = (this.pending + chunk).split(/\r?\n/);
    this.pending = parts.pop() ?? '';
    for (const p of parts) this.push(p);
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
