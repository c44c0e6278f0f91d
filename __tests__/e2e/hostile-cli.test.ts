/**
 * The built CLI against hostile input: escape sequences from GPU tools shown,
 * never acted on; secrets kept out of --dry-run; unwritable output paths and
 * variables in include paths reported as input errors (exit 2).
 */
import { expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describePosix } from '../helpers/posix.js';
import { makeSandbox, runCliBin } from './runner.js';
import { fakeNvidiaSmi } from './fake-tools.js';

const ESCAPES = '\u001b]0;pwned\u0007\u001b[2J\u001b[8mhidden\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\\u009b31m\u202eevil';
/** Anything a terminal would act on (\n and \t are text). */
const ACTS_ON = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describePosix('the CLI against hostile input', () => {
  it('shows the escape sequences a GPU name holds as codes, in the explanation and in --json', async () => {
    const box = makeSandbox({ 'nvidia-smi': fakeNvidiaSmi({ driver: '580.65.06', cuda: '13.0', gpus: [{ name: `NVIDIA H100 ${ESCAPES}`, computeCapability: '9.0' }] }) });
    const plain = await runCliBin(box, ['--python-version', '3.12', '--dry-run']);
    expect(plain.exitCode).toBe(0);
    expect(plain.stdout).not.toMatch(ACTS_ON);
    expect(plain.stderr).not.toMatch(ACTS_ON);
    expect(plain.stdout).toContain('NVIDIA H100 \\x1b]0;pwned\\x07\\x1b[2J\\x1b[8mhidden');
    const json = await runCliBin(box, ['--python-version', '3.12', '--json', '--dry-run']);
    expect(json.stdout).not.toMatch(ACTS_ON);
    expect(JSON.parse(json.stdout)['gpu-names']).toContain('NVIDIA H100 ');
    const detect = await runCliBin(box, ['detect', '--python-version', '3.12']);
    expect(detect.stdout).not.toMatch(ACTS_ON);
    // The JSON still holds the name as the tool printed it: escaped for the terminal, not changed.
    expect(JSON.parse(detect.stdout).gpus[0].name).toBe(`NVIDIA H100 ${ESCAPES}`);
  });

  it('keeps a password with quotes, a query token and a fragment out of --dry-run', async () => {
    const box = makeSandbox();
    const r = await runCliBin(box, ['--python-version', '3.12', '--dry-run', '--index-base-url', `https://bot:pa"ss'W0rd@mirror.example/whl?token=Q1w2e3r4#Fr4g5h6j`]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('--index-url https://***:***@mirror.example/whl/cpu?token=***#***');
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/W0rd|Q1w2e3r4|Fr4g5h6j/);
  });

  it('an output path that cannot be written: exit 2, naming --output and the reason, no stack trace', async () => {
    const box = makeSandbox();
    writeFileSync(join(box.workspace, 'file'), 'x');
    for (const [path, why] of [
      ['file/torchcraft.txt', /a folder on its path is a file/],
      ['/proc/torchcraft.txt', /cannot be written there/],
      [`${'n'.repeat(300)}.txt`, /the name is too long/],
    ] as const) {
      const r = await runCliBin(box, ['--python-version', '3.12', '--output', path]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/^torchcraft: Invalid --output "/);
      expect(r.stderr).toMatch(why);
      expect(r.stderr).not.toMatch(/failed unexpectedly|\n\s+at /);
    }
  });

  it('never prints the value of a variable in an include path', async () => {
    const box = makeSandbox();
    writeFileSync(join(box.workspace, 'requirements.txt'), '-r ${REQS_TOKEN}\n');
    const r = await runCliBin(box, ['--python-version', '3.12', '--requirements', 'requirements.txt'], { REQS_TOKEN: 'ghp_Hunter2Secret.txt' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('-r "${REQS_TOKEN}" names ${REQS_TOKEN}, which cannot be read (no such file)');
    expect(r.stderr).not.toContain('Hunter2');
  });

  it('a 100 KB flag value is quoted shortened', async () => {
    const r = await runCliBin(makeSandbox(), ['--backend', `cu${'1'.repeat(100_000)}x`]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.length).toBeLessThan(1000);
    expect(r.stderr).toContain('(100003 characters)');
  });
});
