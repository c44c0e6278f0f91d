/**
 * Where messages go. The action writes through @actions/core (annotations,
 * collapsed groups); the CLI writes to the terminal. Code below the entry
 * points takes a Log and does not know which.
 */
export interface Log {
  info(message: string): void;
  /** Something the user should act on; the action also makes it an annotation. */
  warning(message: string): void;
  /** Only shown in debug mode (RUNNER_DEBUG=1, or the CLI's --verbose). */
  debug(message: string): void;
  /** Output that is useful but long: a collapsed group in the action's log. */
  group<T>(title: string, body: () => Promise<T>): Promise<T>;
}

/** A Log that keeps everything, for tests and for callers that report later. */
export class MemoryLog implements Log {
  readonly lines: { level: 'info' | 'warning' | 'debug' | 'group'; message: string }[] = [];
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  warning(message: string): void {
    this.lines.push({ level: 'warning', message });
  }
  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }
  async group<T>(title: string, body: () => Promise<T>): Promise<T> {
    this.lines.push({ level: 'group', message: title });
    return body();
  }
  text(): string {
    return this.lines.map((l) => `${l.level}: ${l.message}`).join('\n');
  }
}
