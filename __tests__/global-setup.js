// Every test's temporary files go under one folder made for the run, removed at
// the end (global-teardown.js), so a run leaves nothing behind in the system's tmp.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function globalSetup() {
  const root = mkdtempSync(join(tmpdir(), 'torchcraft-tests-'));
  process.env.TORCHCRAFT_TEST_TMP = root;
  process.env.TMPDIR = root;
  process.env.TMP = root;
  process.env.TEMP = root;
}
