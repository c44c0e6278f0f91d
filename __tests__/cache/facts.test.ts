/**
 * cacheFacts asks a real interpreter (a fresh venv) and pip itself: the key's
 * facts, the folder, and whether pip takes the folder or has its cache off.
 */
import { afterAll, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { askInterpreter, cacheFacts, cacheFolder } from '../../src/cache/facts.js';
import { findUv } from '../../src/install/installer.js';
import { isolatedPipEnv, VenvPool } from '../helpers/venv.js';
import { describePosix } from '../helpers/posix.js';

const pool = new VenvPool();
const temp = mkdtempSync(join(tmpdir(), 'torchcraft-facts-'));
afterAll(() => {
  pool.cleanup();
  rmSync(temp, { recursive: true, force: true });
});

/** pip's environment without this machine's configuration, its cache on (isolatedPipEnv turns it off). */
function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const e = isolatedPipEnv({ RUNNER_TEMP: temp, ...extra });
  if (!('PIP_NO_CACHE_DIR' in extra)) delete e.PIP_NO_CACHE_DIR;
  return e;
}

describePosix('cacheFacts', () => {
  it('reads the key facts from the interpreter and confirms pip takes the folder', async () => {
    const python = await pool.fresh();
    const facts = await cacheFacts(python, 'pip', env());
    expect(facts).toMatchObject({
      ok: true,
      installer: 'pip',
      folder: join(temp, 'torchcraft-cache', 'pip'),
      key: { implementation: 'cpython', pythonVersion: expect.stringMatching(/^3\.\d+$/), freeThreaded: false, installer: 'pip' },
    });
    if (!facts.ok) throw new Error('unreachable');
    expect(facts.key.platform).toMatch(/^linux-/);
    expect(facts.env.PIP_CACHE_DIR).toBe(facts.folder);
    expect(cacheFolder(env(), 'uv')).toBe(join(temp, 'torchcraft-cache', 'uv'));
  });

  it("says so when pip's cache is disabled", async () => {
    const python = await pool.fresh();
    expect(await cacheFacts(python, 'pip', env({ PIP_NO_CACHE_DIR: '1' }))).toEqual({ ok: false, reason: expect.stringMatching(/^pip's cache is disabled here/) });
  });

  it('says so when the interpreter does not answer', async () => {
    expect(await cacheFacts(join(temp, 'no-such-python'), 'pip', env())).toEqual({ ok: false, reason: expect.stringMatching(/did not answer \(ENOENT\)/) });
    expect(await askInterpreter('/bin/true', env())).toMatch(/did not answer \(exit code 0\)/);
  });

  it('uses the install\'s own installer rule: installer uv without uv on PATH has nothing to cache for', async () => {
    if (await findUv()) return; // uv present here: the rule picks it, which other tests cover
    const python = await pool.fresh();
    expect(await cacheFacts(python, 'uv', env())).toEqual({ ok: false, reason: 'no installer to cache for' });
  });
});
