/**
 * What every end-to-end install test file shares: a test index serving the
 * torch builds (started once per file), a pool of fresh venvs, and sandboxes,
 * all removed after the file's tests.
 */
import { afterAll, beforeAll } from '@jest/globals';
import { rmSync } from 'node:fs';
import type { IndexServer } from '../helpers/index-server.js';
import { startTorchIndex } from '../helpers/torch-index.js';
import { VenvPool } from '../helpers/venv.js';
import { makeSandbox, type Sandbox } from './runner.js';

/** One action or CLI run that installs: venv, pip, small wheels; generous on 2 cores. */
export const RUN_TIMEOUT_MS = 120_000;

export interface InstallFixture {
  pool: VenvPool;
  /** The running test index (after beforeAll). */
  readonly server: IndexServer;
  /** A sandbox removed after the file's tests. */
  sandbox(fakeTools?: Record<string, string>): Sandbox;
}

export function installFixture(): InstallFixture {
  const pool = new VenvPool();
  const sandboxes: Sandbox[] = [];
  let server: IndexServer | undefined;
  beforeAll(async () => {
    server = await startTorchIndex(pool.scratch('wheels'));
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    pool.cleanup();
    for (const box of sandboxes) rmSync(box.root, { recursive: true, force: true });
  });
  return {
    pool,
    get server(): IndexServer {
      if (!server) throw new Error('the test index is not running (used outside a test?)');
      return server;
    },
    sandbox(fakeTools = {}) {
      const box = makeSandbox(fakeTools);
      sandboxes.push(box);
      return box;
    },
  };
}
