/** Shared test helpers for detection: fixture files and fake tools on a temp PATH. */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function fixture(relative: string): string {
  return readFileSync(join(FIXTURES, relative), 'utf8');
}

export function fixturePath(relative: string): string {
  return join(FIXTURES, relative);
}

/** How one fake invocation answers: print a fixture (or text), to stdout or stderr, exit with a code, or hang. */
export interface FakeAnswer {
  stdoutFile?: string;
  stdout?: string;
  stderrFile?: string;
  exit?: number;
  hang?: boolean;
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * A temp folder to put first on PATH, holding fake programs written as shell
 * scripts. Each script appends its arguments to calls.log, so tests can see
 * what detection started.
 */
export class FakeTools {
  readonly dir: string;
  readonly log: string;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'torchcraft-fake-tools-'));
    this.log = join(this.dir, 'calls.log');
  }

  /** `answers` keyed by the arguments joined with spaces; "*" answers anything else. */
  add(name: string, answers: Record<string, FakeAnswer>, dir = this.dir): string {
    const lines = ['#!/bin/sh', 'PATH=/usr/bin:/bin', `echo "${name} $*" >> ${shellQuote(this.log)}`, 'case "$*" in'];
    for (const [args, answer] of Object.entries(answers)) {
      lines.push(`  ${args === '*' ? '*' : shellQuote(args)})`);
      if (answer.stdoutFile !== undefined) lines.push(`    cat ${shellQuote(fixturePath(answer.stdoutFile))}`);
      if (answer.stdout !== undefined) lines.push(`    printf '%s' ${shellQuote(answer.stdout)}`);
      if (answer.stderrFile !== undefined) lines.push(`    cat ${shellQuote(fixturePath(answer.stderrFile))} >&2`);
      if (answer.hang) lines.push('    sleep 60');
      lines.push(`    exit ${answer.exit ?? 0}`, '    ;;');
    }
    lines.push('  *)', '    echo "fake: unexpected arguments: $*" >&2', '    exit 99', '    ;;', 'esac', '');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, name);
    writeFileSync(path, lines.join('\n'));
    chmodSync(path, 0o755);
    return path;
  }

  /** The invocations so far, "nvidia-smi --version" etc. */
  calls(): string[] {
    return existsSync(this.log) ? readFileSync(this.log, 'utf8').split('\n').map((l) => l.trimEnd()).filter((l) => l !== '') : [];
  }
}

/** An fsRoot: a copy of a committed fixture tree (or an empty one) that a test may add files to. */
export function fsRoot(tree?: string): string {
  const root = mkdtempSync(join(tmpdir(), 'torchcraft-fsroot-'));
  if (tree !== undefined) cpSync(join(FIXTURES, 'fsroot', tree), root, { recursive: true });
  return root;
}

/**
 * Strings a parser must survive: arbitrary text, and text stitched from its
 * real fixture's lines with junk in between (closer to a truncated or garbled run).
 */
export function hostileText(realText: string): fc.Arbitrary<string> {
  const lines = realText.split('\n');
  const piece = fc.oneof(
    fc.constantFrom(...lines),
    fc.string({ maxLength: 80 }),
    fc.constantFrom('', '\r', ',', ':', '\0', '[N/A]', '9,0', 'gfx', '0x', 'Agent 1', 'Name:', 'CUDA Version:', '\uFEFF'),
    fc.constantFrom(...lines).map((l) => l.slice(0, Math.floor(l.length / 2))),
  );
  return fc.oneof(fc.string({ maxLength: 500 }), fc.array(piece, { maxLength: 60 }).map((parts) => parts.join('\n')));
}

// End-to-end probe tests start /bin/sh fakes, which Windows cannot; the parsers they exercise run everywhere.
export { describePosix } from '../helpers/posix.js';
