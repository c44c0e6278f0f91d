/**
 * Why an install command failed, read from the installer's own output (pip
 * and uv wording), and whether running it again could help. Pure: no I/O.
 *
 * Order matters. A pip run whose index could not be reached still ends with
 * "No matching distribution found" (pip skips the page and finds nothing), so
 * network evidence is looked for before the "missing package" wording.
 *
 * An attempt stopped by our own per-attempt limit is 'time-limit', whatever it
 * printed before, and is not retried: an installer that hung for the whole
 * limit would most likely hang again, holding the job for the limit once per
 * attempt. A read timeout that the installer itself reports ('timeout') is a
 * network fault and stays retryable.
 */

import { ACTION_NAMES, type SettingNames } from '../setting-names.js';

export type FailureKind =
  | 'externally-managed'
  | 'auth'
  | 'hash-mismatch'
  | 'incomplete-download'
  | 'server-error'
  | 'unreachable'
  | 'timeout'
  | 'time-limit'
  | 'not-found'
  | 'resolution'
  | 'unknown';

export interface FailureClass {
  kind: FailureKind;
  retryable: boolean;
  /** The output line that decided, trimmed (not yet scrubbed of secrets). */
  evidence?: string;
}

const RETRYABLE: ReadonlySet<FailureKind> = new Set(['hash-mismatch', 'incomplete-download', 'server-error', 'unreachable', 'timeout']);

export function isRetryable(kind: FailureKind): boolean {
  return RETRYABLE.has(kind);
}

const RULES: readonly { kind: FailureKind; patterns: RegExp[] }[] = [
  { kind: 'externally-managed', patterns: [/externally[- ]managed/i] },
  {
    kind: 'auth',
    patterns: [
      /\b40[13] Client Error\b/i,
      /\b401 Unauthorized\b/i,
      /\b403 Forbidden\b/i,
      /lack of valid authentication credentials/i,
      /missing or invalid credentials/i,
    ],
  },
  {
    kind: 'hash-mismatch',
    // pip checks the #sha256= of the link (a download cut short fails here); uv says it its own way.
    patterns: [/DO NOT MATCH THE HASHES/i, /\bHash mismatch for\b/i],
  },
  {
    kind: 'incomplete-download',
    patterns: [
      /IncompleteRead/i,
      /Connection broken:/i,
      /\bincomplete\b/i,
      /end of file before message length reached/i,
      /error decoding response body/i,
      /connection closed before message completed/i,
      /request or response body error/i,
      /BadZipFile|not a zip file/i,
    ],
  },
  {
    kind: 'server-error',
    patterns: [
      /\b5\d\d Server Error\b/i,
      /too many 5\d\d error responses/i,
      /HTTP status server error/i,
      /\b(?:500 Internal Server Error|502 Bad Gateway|503 Service Unavailable|504 Gateway Time-?out)\b/i,
    ],
  },
  {
    kind: 'unreachable',
    patterns: [
      /Connection refused/i,
      /Connection reset/i,
      /ConnectionResetError/i,
      /Failed to establish a new connection/i,
      /Name or service not known|Temporary failure in name resolution|nodename nor servname|getaddrinfo failed/i,
      /Network is unreachable|No route to host/i,
      /Max retries exceeded/i,
      /Could not fetch URL [^\n]*connection error/i,
      /error sending request for url/i,
      /client error \(Connect\)|tcp connect error|dns error/i,
      /\(os error (?:104|111|10054|10061)\)/i,
      /RemoteDisconnected|ConnectionAbortedError/i,
    ],
  },
  {
    kind: 'timeout',
    patterns: [/Read timed out/i, /\btimed out\b/i, /operation timed out/i, /network timeout/i],
  },
  {
    kind: 'not-found',
    patterns: [
      /No matching distribution found/i,
      /Could not find a version that satisfies the requirement/i,
      /\b404 Client Error\b|\b404 Not Found\b/i,
      /was not found in the package registry/i,
      /there is no version of/i,
      /has no wheels with a matching|no matching (?:Python ABI|platform) tag|has no usable wheels/i,
    ],
  },
  {
    kind: 'resolution',
    patterns: [/ResolutionImpossible/i, /conflicting dependencies/i, /No solution found when resolving/i, /requirements are unsatisfiable/i],
  },
];

/**
 * Lines that report a failure that was then retried by the installer itself
 * (pip's urllib3 "Retrying (Retry(total=4 ...)) after connection broken"):
 * they are not why the command failed, and would make a resolution error
 * that followed look like a network one.
 */
const TRANSIENT_LINE = /^\s*(?:WARNING:\s*)?Retrying \(Retry\(|Transient request failure/i;

/** pip's --log file prefixes every line with a timestamp. */
const LOG_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d,\d+ /;

const MAX_EVIDENCE = 400;

export function classifyFailure(output: string, options: { timedOut?: boolean } = {}): FailureClass {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.replace(LOG_TIMESTAMP, ''))
    .filter((l) => !TRANSIENT_LINE.test(l));
  if (options.timedOut) {
    // What it was doing when it was stopped: its last line of output.
    const lastLine = [...lines].reverse().find((l) => l.trim() !== '');
    return { kind: 'time-limit', retryable: false, evidence: lastLine === undefined ? undefined : clip(lastLine.trim()) };
  }
  for (const rule of RULES) {
    for (const pattern of rule.patterns) {
      const line = lines.find((l) => pattern.test(l));
      if (line !== undefined) return { kind: rule.kind, retryable: isRetryable(rule.kind), evidence: clip(line.trim()) };
    }
  }
  const lastError = [...lines].reverse().find((l) => /\berror\b/i.test(l));
  return { kind: 'unknown', retryable: false, evidence: lastError ? clip(lastError.trim()) : undefined };
}

function clip(s: string): string {
  return s.length > MAX_EVIDENCE ? `${s.slice(0, MAX_EVIDENCE)}…` : s;
}

/** The wait before retry number `retry` (1 for the first retry): base, 2×base, 4×base..., at most 5 minutes. */
export function retryDelayMs(retry: number, baseMs: number): number {
  const n = Math.max(1, Math.floor(retry));
  return Math.min(baseMs * 2 ** Math.min(n - 1, 20), 5 * 60_000);
}

export interface FailureContext {
  installer: 'pip' | 'uv';
  attempts: number;
  /** Where packages came from, already free of credentials: a redacted URL or "PyPI". */
  index: string;
  /** "3.12", when known. */
  pythonVersion?: string;
  exitCode: number | null;
  /** How to name settings in advice: the action's inputs or the CLI's flags. */
  names?: SettingNames;
  /** The per-attempt limit, for a 'time-limit' failure. */
  timeoutMs?: number;
}

/** One paragraph for the step's error: what failed and what would fix it. */
export function explainFailure(c: FailureClass, ctx: FailureContext): string {
  const tries = `${ctx.attempts} attempt${ctx.attempts === 1 ? '' : 's'}`;
  const names = ctx.names ?? ACTION_NAMES;
  const said = c.evidence ? ` The installer said: ${c.evidence}` : '';
  const py = ctx.pythonVersion ? `Python ${ctx.pythonVersion}` : 'this Python';
  switch (c.kind) {
    case 'auth':
      return `The package index ${ctx.index} refused the credentials (HTTP 401/403).${said} Check the user and token in ${names.name('index-base-url')} (or the variable it names), and that the token may read this repository.`;
    case 'unreachable':
    case 'server-error':
    case 'timeout':
      return `The package index ${ctx.index} could not be reached or kept failing (${c.kind}) after ${tries}.${said} Check that ${names.name('index-base-url')} is reachable from this runner (proxy, firewall, mirror status), or raise ${names.name('retries')}.`;
    case 'time-limit': {
      const limit = ctx.timeoutMs === undefined ? 'its time limit' : formatLimit(ctx.timeoutMs);
      const last = c.evidence ? ` Its last output was: ${c.evidence}` : '';
      return `${ctx.installer} did not finish within ${limit} and was stopped; it was not retried, as a hung install would likely hang again.${last} Check that ${ctx.index} answers from this runner (a proxy or mirror that holds connections open stalls the installer), then run the step again.`;
    }
    case 'hash-mismatch':
    case 'incomplete-download':
      return `A download from ${ctx.index} was cut off or corrupted (${c.kind}) on each of ${tries}.${said} Check the mirror or proxy in between, or raise ${names.name('retries')}.`;
    case 'not-found':
      return `A package in torchcraft.txt is not on ${ctx.index} for ${py} and this platform.${said} Check torch-version, python-version and backend against what the index publishes, or that the mirror carries this build.`;
    case 'resolution':
      return `${ctx.installer} could not find a set of versions that fits together (resolution conflict).${said} A package already installed in the interpreter, or a pin in torchcraft.txt, conflicts with the plan: loosen the pin, or install into a fresh virtual environment.`;
    case 'externally-managed':
      return `The interpreter is externally managed (PEP 668) and ${ctx.installer} refused to install into it.${said} Use a virtual environment (python -m venv .venv, then set python: .venv/bin/python) or actions/setup-python.`;
    default:
      return `${ctx.installer} failed (exit code ${ctx.exitCode ?? 'none'}) after ${tries}.${said} See the installer's output in the log and the job summary.`;
  }
}

/** "30 minutes", "1 minute", "90 s", "1.5 s". */
function formatLimit(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) {
    const minutes = ms / 60_000;
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
