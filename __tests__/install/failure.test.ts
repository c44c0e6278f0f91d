import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyFailure, explainFailure, isRetryable, retryDelayMs, type FailureKind } from '../../src/install/failure.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (tool: string, name: string): string => readFileSync(join(here, 'fixtures', tool, name), 'utf8');

describe('classifyFailure on real pip 23.2 output', () => {
  const cases: [string, FailureKind, boolean][] = [
    ['hash-mismatch-cut-download.txt', 'hash-mismatch', true],
    ['503-download.txt', 'server-error', true],
    ['503-index-with-log.txt', 'server-error', true],
    ['connection-refused-with-log.txt', 'unreachable', true],
    ['401-index-with-log.txt', 'auth', false],
    ['404-project-with-log.txt', 'not-found', false],
    ['no-matching-version.txt', 'not-found', false],
    ['resolution-impossible.txt', 'resolution', false],
    ['externally-managed.txt', 'externally-managed', false],
  ];
  it.each(cases)('%s is %s (retryable: %s)', (name, kind, retryable) => {
    const c = classifyFailure(fixture('pip', name));
    expect(c.kind).toBe(kind);
    expect(c.retryable).toBe(retryable);
    expect(c.evidence).toBeTruthy();
  });

  it('without its --log lines, an unreachable index looks like a missing package (why install.ts reads the log)', () => {
    const consoleOnly = fixture('pip', '503-index-with-log.txt').split('\n').filter((l) => !/^\d{4}-/.test(l)).join('\n');
    expect(classifyFailure(consoleOnly).kind).toBe('not-found');
  });

  it('ignores pip retry warnings for a request that then succeeded', () => {
    const out = [
      "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError(\"Failed to establish a new connection: [Errno 111] Connection refused\")': /simple/torch/",
      fixture('pip', 'resolution-impossible.txt'),
    ].join('\n');
    expect(classifyFailure(out).kind).toBe('resolution');
  });

  it('a read that ended early is an incomplete download', () => {
    const out = "ERROR: Exception:\npip._vendor.urllib3.exceptions.ProtocolError: ('Connection broken: IncompleteRead(1024 bytes read, 1024 more expected)', IncompleteRead(1024 bytes read, 1024 more expected))";
    expect(classifyFailure(out)).toMatchObject({ kind: 'incomplete-download', retryable: true });
  });

  it("an attempt stopped by our own time limit is not retried, whatever it printed; the installer's own read timeout is", () => {
    const readTimeout = "ReadTimeoutError: HTTPSConnectionPool(host='download.pytorch.org', port=443): Read timed out.";
    expect(classifyFailure(readTimeout)).toMatchObject({ kind: 'timeout', retryable: true });
    expect(classifyFailure('Collecting torch\n  Downloading torch-2.14.1+cu126.whl (900 MB)\n', { timedOut: true })).toEqual({
      kind: 'time-limit',
      retryable: false,
      evidence: 'Downloading torch-2.14.1+cu126.whl (900 MB)',
    });
    for (const name of ['503-download.txt', 'connection-refused-with-log.txt']) {
      expect(classifyFailure(`${fixture('pip', name)}\n${readTimeout}`, { timedOut: true })).toMatchObject({ kind: 'time-limit', retryable: false });
    }
    expect(classifyFailure('', { timedOut: true })).toEqual({ kind: 'time-limit', retryable: false, evidence: undefined });
  });

  it('an unexplained failure is not retried and names the last error line', () => {
    const c = classifyFailure('Collecting torch\nerror: subprocess-exited-with-error\nnote: This error originates from a subprocess');
    expect(c).toMatchObject({ kind: 'unknown', retryable: false });
    expect(c.evidence).toContain('error');
  });
});

describe('classifyFailure on uv output (from uv issues, see fixtures/uv/SOURCES.md)', () => {
  const cases: [string, FailureKind, boolean][] = [
    ['connect-reset.txt', 'unreachable', true],
    ['server-error-500.txt', 'server-error', true],
    ['hash-mismatch.txt', 'hash-mismatch', true],
    ['not-in-registry.txt', 'not-found', false],
    ['no-version.txt', 'not-found', false],
    ['auth-403.txt', 'auth', false],
  ];
  it.each(cases)('%s is %s (retryable: %s)', (name, kind, retryable) => {
    expect(classifyFailure(fixture('uv', name))).toMatchObject({ kind, retryable });
  });

  it('a uv conflict between two pins is a resolution error', () => {
    const out = '  × No solution found when resolving dependencies:\n  ╰─▶ Because torchvision==0.29.1 depends on torch==2.14.1 and you require torch<2, we can conclude that your requirements are unsatisfiable.';
    expect(classifyFailure(out)).toMatchObject({ kind: 'resolution', retryable: false });
  });
});

describe('classifyFailure properties', () => {
  it('never throws, answers fast, and retryable always follows the kind', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), fc.boolean(), (s, timedOut) => {
        const c = classifyFailure(s, { timedOut });
        expect(c.retryable).toBe(isRetryable(c.kind));
        if (c.evidence !== undefined) expect(c.evidence.length).toBeLessThanOrEqual(401);
      }),
      { numRuns: 300 },
    );
  });

  it('survives huge and line-free input', () => {
    const begin = Date.now();
    classifyFailure('x'.repeat(1_000_000));
    classifyFailure('\n'.repeat(200_000));
    expect(Date.now() - begin).toBeLessThan(10_000);
  });

  const noise = fc.array(fc.constantFrom('Collecting torch', 'Looking in indexes: http://127.0.0.1/whl/cu126', '  Downloading torch-2.14.1.whl (2.1 kB)', 'Installing collected packages: torch', ''), { maxLength: 8 });

  it('benign installer chatter around a final error does not change its class', () => {
    const finals = ['401-index-with-log.txt', 'no-matching-version.txt', 'resolution-impossible.txt', 'hash-mismatch-cut-download.txt', '503-download.txt'];
    fc.assert(
      fc.property(fc.constantFrom(...finals), noise, noise, (name, before, after) => {
        const text = fixture('pip', name);
        expect(classifyFailure([...before, text, ...after].join('\n')).kind).toBe(classifyFailure(text).kind);
      }),
    );
  });

  it('any network failure outranks the "no matching distribution" it causes', () => {
    const network = ['503-index-with-log.txt', 'connection-refused-with-log.txt', '503-download.txt'];
    fc.assert(
      fc.property(fc.constantFrom(...network), (name) => {
        const text = `${fixture('pip', 'no-matching-version.txt')}\n${fixture('pip', name)}`;
        expect(classifyFailure(text).retryable).toBe(true);
      }),
    );
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base and is capped', () => {
    expect([1, 2, 3].map((n) => retryDelayMs(n, 2000))).toEqual([2000, 4000, 8000]);
    expect(retryDelayMs(50, 2000)).toBe(300_000);
  });
  it('grows monotonically for any base', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 40 }), (base, n) => {
        expect(retryDelayMs(n + 1, base)).toBeGreaterThanOrEqual(retryDelayMs(n, base));
        expect(retryDelayMs(n, base)).toBeLessThanOrEqual(300_000);
      }),
    );
  });
});

describe('explainFailure', () => {
  const ctx = { installer: 'pip' as const, attempts: 4, index: 'http://***@mirror/whl/cu126', pythonVersion: '3.12', exitCode: 1 };
  it('says the index was unreachable, with the attempts and the fix', () => {
    const m = explainFailure(classifyFailure(fixture('pip', 'connection-refused-with-log.txt')), ctx);
    expect(m).toMatch(/could not be reached/);
    expect(m).toContain('4 attempts');
    expect(m).toContain('index-base-url');
  });
  it('says a package is missing for this Python and platform', () => {
    const m = explainFailure(classifyFailure(fixture('pip', '404-project-with-log.txt')), ctx);
    expect(m).toContain('not on http://***@mirror/whl/cu126 for Python 3.12');
  });
  it('says the credentials were refused', () => {
    expect(explainFailure(classifyFailure(fixture('pip', '401-index-with-log.txt')), ctx)).toMatch(/refused the credentials/);
  });
  it('says the installer did not finish within the limit, and was not retried', () => {
    const c = classifyFailure('Collecting torch', { timedOut: true });
    expect(explainFailure(c, { ...ctx, attempts: 1, timeoutMs: 30 * 60_000 })).toMatch(
      /^pip did not finish within 30 minutes and was stopped; it was not retried.*Its last output was: Collecting torch.*http:\/\/\*\*\*@mirror\/whl\/cu126 answers/,
    );
    expect(explainFailure(c, { ...ctx, installer: 'uv', timeoutMs: 60_000 })).toMatch(/^uv did not finish within 1 minute /);
    expect(explainFailure(c, { ...ctx, timeoutMs: 1500 })).toContain('within 1.5 s');
  });
  it('says a resolution conflict is one', () => {
    expect(explainFailure(classifyFailure(fixture('pip', 'resolution-impossible.txt')), ctx)).toMatch(/resolution conflict/);
  });
});
