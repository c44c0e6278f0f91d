/**
 * Real installs: pip into fresh venvs, from a PEP 503 index this file serves
 * on 127.0.0.1, with small real wheels built once. pip is isolated from this
 * machine's pip setup (isolatedPipEnv). Where a test needs our retry loop to
 * act, pip's own retries are turned off (PIP_RETRIES=0); one test keeps them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { installAndVerify } from '../../src/install/install.js';
import type { InstallRequest } from '../../src/install/types.js';
import { MemoryLog } from '../../src/log.js';
import type { Plan } from '../../src/plan/types.js';
import { secretsInUrl } from '../../src/secrets.js';
import { externallyManagedPython } from '../helpers/externally-managed.js';
import { IndexServer } from '../helpers/index-server.js';
import { testPlan, writeRequirements } from '../helpers/plan.js';
import { isolatedPipEnv, VenvPool } from '../helpers/venv.js';
import { buildWheels, companion, fakeTorch } from '../helpers/wheels.js';
import { inspectPython } from '../../src/install/python.js';

const pool = new VenvPool();
let server: IndexServer;

beforeAll(async () => {
  const dir = pool.scratch('wheels');
  const [gpuTorch, cpuTorch, vision, cpuVision] = await buildWheels(
    [
      fakeTorch({ version: '2.14.1+cu126', cudaAvailable: true, deviceName: 'NVIDIA Test GPU' }),
      fakeTorch({ version: '2.14.1+cpu' }),
      companion('torchvision', '0.29.1+cu126', '2.14.1'),
      companion('torchvision', '0.29.1+cpu', '2.14.1'),
    ],
    dir,
  );
  // Same file name as the GPU one (a wheel's name is its version), so a folder of its own.
  const [noGpu] = await buildWheels([fakeTorch({ version: '2.14.1+cu126', cudaAvailable: false })], join(dir, 'nogpu'));
  server = new IndexServer({
    variants: { cu126: [gpuTorch, vision], cu126nogpu: [noGpu, vision], cpu: [cpuTorch, cpuVision] },
  });
  await server.start();
}, 120_000);

afterAll(async () => {
  await server?.stop();
  pool.cleanup();
});

interface Run {
  plan: Plan;
  python?: string;
  over?: Partial<InstallRequest>;
  env?: NodeJS.ProcessEnv;
}

async function install(r: Run) {
  const python = r.python ?? (await pool.fresh());
  const dir = pool.scratch('req');
  const requirementsPath = writeRequirements(dir, r.plan);
  const log = new MemoryLog();
  const outcome = await installAndVerify(
    r.plan,
    {
      python,
      installer: 'pip',
      retries: 3,
      verify: true,
      requireGpu: false,
      requirementsPath,
      env: r.env ?? isolatedPipEnv({ PIP_RETRIES: '0' }),
      secrets: r.plan.indexUrl ? secretsInUrl(r.plan.indexUrl) : [],
      retryDelayMs: 10,
      ...r.over,
    },
    log,
  );
  const after = await inspectPython(python, isolatedPipEnv(), 60_000);
  return { outcome, log, python, after };
}

const cu126 = (variant = 'cu126', packages?: Plan['packages']) => testPlan({ backend: 'cu126', indexUrl: server.variantUrl(variant), packages });

describe('installAndVerify: successful installs', () => {
  it('installs a cu126 plan and verifies torch sees the GPU', async () => {
    server.setFaults({});
    const { outcome, log, after } = await install({ plan: cu126() });
    expect(outcome).toMatchObject({ installer: 'pip', attempts: 1, installed: true, torchVersion: '2.14.1+cu126', gpuAvailable: true, verification: 'passed', warnings: [] });
    expect(outcome.error).toBeUndefined();
    expect(after.torchVersion).toBe('2.14.1+cu126');
    expect(outcome.summary.join('\n')).toMatch(/Verification\*\*: passed.*NVIDIA Test GPU/);
    // The installer's output went through a collapsed group.
    expect(log.lines.some((l) => l.level === 'group' && l.message.includes('-m pip install'))).toBe(true);
    expect(log.text()).toContain('Successfully installed torch-2.14.1+cu126 torchvision-0.29.1+cu126');
    expect(server.requests.map((q) => q.path)).toEqual(expect.arrayContaining(['/whl/cu126/torch/', '/whl/cu126/torchvision/']));
  });

  it('a torch that cannot see the GPU: a mismatch warning, not an error', async () => {
    server.setFaults({});
    const { outcome } = await install({ plan: cu126('cu126nogpu') });
    expect(outcome).toMatchObject({ installed: true, torchVersion: '2.14.1+cu126', gpuAvailable: false, verification: 'mismatch' });
    expect(outcome.error).toBeUndefined();
    expect(outcome.warnings.join(' ')).toContain('torch.cuda.is_available() is False');
  });

  it('the same with require-gpu fails the step, saying why', async () => {
    server.setFaults({});
    const { outcome } = await install({ plan: cu126('cu126nogpu'), over: { requireGpu: true } });
    expect(outcome.installed).toBe(true);
    expect(outcome.error).toMatch(/torch.cuda.is_available\(\) is False.*require-gpu is set/);
  });

  it('a build with another label than the plan: a warning naming both', async () => {
    server.setFaults({});
    const plan = testPlan({ backend: 'cu126', indexUrl: server.variantUrl('cpu') });
    const { outcome } = await install({ plan });
    expect(outcome).toMatchObject({ installed: true, torchVersion: '2.14.1+cpu', verification: 'mismatch' });
    expect(outcome.warnings.join(' ')).toContain('has +cpu, but backend cu126 expects +cu126');
    expect(outcome.error).toBeUndefined();
  });

  it('require-gpu with a plan that found no GPU fails before installing anything', async () => {
    const plan = testPlan({ backend: 'cpu', indexUrl: server.variantUrl('cpu') });
    plan.warnings.push('An NVIDIA GPU was seen but its driver is too old.');
    server.setFaults({});
    const { outcome, after } = await install({ plan, over: { requireGpu: true } });
    expect(outcome.attempts).toBe(0);
    expect(outcome.error).toMatch(/require-gpu is set, but no usable GPU.*driver is too old.*Nothing was installed/);
    expect(after.torchVersion).toBeUndefined();
    expect(server.requests).toEqual([]);
  });
});

describe('installAndVerify: faults worth retrying', () => {
  it('HTTP 503 for the first 2 requests: retried, then installed', async () => {
    server.setFaults({ unavailable: { count: 2 } });
    const { outcome, log } = await install({ plan: cu126() });
    expect(outcome).toMatchObject({ installed: true, attempts: 3, torchVersion: '2.14.1+cu126', verification: 'passed' });
    expect(server.requests.filter((q) => q.fault === '503')).toHaveLength(2);
    expect(log.lines.filter((l) => l.level === 'warning' && /pip failed \(server-error.*trying again/.test(l.message))).toHaveLength(2);
  });

  it("HTTP 503 twice with pip's own retries on: installed too", async () => {
    server.setFaults({ unavailable: { count: 2 } });
    const { outcome } = await install({ plan: cu126(), env: isolatedPipEnv() });
    expect(outcome).toMatchObject({ installed: true, torchVersion: '2.14.1+cu126' });
    expect(server.requests.filter((q) => q.fault === '503')).toHaveLength(2);
  });

  it('a download cut off half-way: retried, then installed', async () => {
    server.setFaults({ cutDownloads: { count: 1, pathIncludes: '.whl' } });
    const { outcome, log } = await install({ plan: cu126() });
    expect(outcome).toMatchObject({ installed: true, attempts: 2, torchVersion: '2.14.1+cu126', verification: 'passed' });
    expect(server.requests.filter((q) => q.fault === 'cut')).toHaveLength(1);
    expect(log.text()).toMatch(/pip failed \(hash-mismatch/);
  });

  it('an index that never answers: every attempt used, then a clear error', async () => {
    const gone = new IndexServer({ variants: {} });
    await gone.start();
    const url = gone.variantUrl('cu126');
    await gone.stop();
    const { outcome, after } = await install({ plan: testPlan({ backend: 'cu126', indexUrl: url }), over: { retries: 1 } });
    expect(outcome).toMatchObject({ installed: false, attempts: 2 });
    expect(outcome.error).toMatch(/could not be reached or kept failing \(unreachable\) after 2 attempts.*Connection refused.*No torch was left behind/);
    expect(after.torchVersion).toBeUndefined();
  });
});

describe('installAndVerify: failures not worth retrying', () => {
  it('a package missing from the index: one attempt, a clear message, nothing installed', async () => {
    server.setFaults({});
    const plan = cu126('cu126', [
      { name: 'torch', specifier: '==2.14.*' },
      { name: 'torchaudio', specifier: '==2.14.*' },
    ]);
    const { outcome, after } = await install({ plan });
    expect(outcome).toMatchObject({ installed: false, attempts: 1, verification: 'skipped' });
    expect(outcome.error).toMatch(/not on http:\/\/127\.0\.0\.1:\d+\/whl\/cu126 for Python \d+\.\d+/);
    expect(outcome.error).toContain('No torch was left behind.');
    expect(after.torchVersion).toBeUndefined();
    const summary = outcome.summary.join('\n');
    expect(summary).toContain('<details><summary>');
    expect(summary).toContain('No matching distribution found for torchaudio');
  });

  it('a failed install over an existing torch says it is still there', async () => {
    server.setFaults({});
    const python = await pool.fresh();
    const first = await install({ plan: testPlan({ backend: 'cpu', indexUrl: server.variantUrl('cpu') }), python });
    expect(first.outcome.torchVersion).toBe('2.14.1+cpu');
    const plan = cu126('cu126', [
      { name: 'torch', specifier: '==2.14.*' },
      { name: 'torchaudio', specifier: '' },
    ]);
    const { outcome, after } = await install({ plan, python });
    expect(outcome.error).toContain('The torch from before (2.14.1+cpu) is still installed, unchanged.');
    expect(outcome.warnings).toEqual([]);
    expect(after.torchVersion).toBe('2.14.1+cpu');
  });
});

describe('installAndVerify: credentials', () => {
  const credentials = { user: 'ci-bot', password: 'tok-Zq81secret' };

  it('installs from an index behind basic auth; the secret appears nowhere', async () => {
    server.setFaults({ auth: credentials });
    const plan = testPlan({ backend: 'cu126', indexUrl: server.variantUrl('cu126', credentials) });
    const { outcome, log } = await install({ plan });
    expect(outcome).toMatchObject({ installed: true, torchVersion: '2.14.1+cu126', verification: 'passed' });
    expect(server.requests.every((q) => q.status === 200)).toBe(true);
    const everything = `${JSON.stringify(outcome)}\n${log.text()}`;
    expect(everything).not.toContain(credentials.password);
    expect(everything).toContain('127.0.0.1');
  });

  it('wrong credentials: refused, not retried, the secret appears nowhere', async () => {
    server.setFaults({ auth: credentials });
    const wrong = { user: 'ci-bot', password: 'tok-WRONGsecret' };
    const plan = testPlan({ backend: 'cu126', indexUrl: server.variantUrl('cu126', wrong) });
    const { outcome, log } = await install({ plan });
    expect(outcome).toMatchObject({ installed: false, attempts: 1 });
    expect(outcome.error).toMatch(/refused the credentials/);
    const everything = `${JSON.stringify(outcome)}\n${log.text()}`;
    expect(everything).not.toContain(wrong.password);
    expect(everything).not.toContain('ci-bot:');
  });
});

describe('installAndVerify: bad interpreters', () => {
  const plan = () => cu126();

  it('an interpreter that does not exist: names input python and the fix', async () => {
    const { outcome } = await install({ plan: plan(), python: join(pool.scratch('x'), 'python-nowhere') });
    expect(outcome.attempts).toBe(0);
    expect(outcome.error).toMatch(/^Input python: ".*python-nowhere" was not found\. .*actions\/setup-python/);
  });

  (process.platform === 'win32' ? it.skip : it)('a program that is not Python', async () => {
    const { outcome } = await install({ plan: plan(), python: '/bin/true' });
    expect(outcome.error).toMatch(/Input python: "\/bin\/true" is not a usable Python interpreter/);
  });

  it('a venv without pip: names the interpreter, the installer and the fix', async () => {
    const python = await pool.withoutPip();
    const { outcome, after } = await install({ plan: plan(), python, over: { installer: 'auto' } });
    expect(outcome.attempts).toBe(0);
    expect(outcome.error).toMatch(/\(input python\) has no pip, and uv is not on PATH.*ensurepip/);
    expect(after.torchVersion).toBeUndefined();
  });

  (process.platform === 'linux' ? it : it.skip)('an externally managed Python (PEP 668): explained, never forced', async () => {
    const dir = pool.scratch('managed');
    const python = await externallyManagedPython(dir);
    server.setFaults({});
    const { outcome, log } = await install({ plan: plan(), python });
    expect(outcome.attempts).toBe(0);
    expect(outcome.error).toMatch(/externally managed Python \(PEP 668\).*will not override.*--break-system-packages.*venv.*actions\/setup-python/);
    expect(server.requests).toEqual([]);
    expect(log.lines.some((l) => l.level === 'group')).toBe(false);
    expect(existsSync(join(dir, 'lib'))).toBe(true);
  });
});
