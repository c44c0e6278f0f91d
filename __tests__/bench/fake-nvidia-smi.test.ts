import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from '../../src/process/run-tool.js';
import { fakeNvidiaSmiScript } from '../../scripts/bench/fake-nvidia-smi.js';

const posix = process.platform !== 'win32';
const maybe = posix ? describe : describe.skip;

maybe('fake nvidia-smi (8 x H100)', () => {
  let dir: string;
  let smi: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fake-smi-'));
    smi = join(dir, 'nvidia-smi');
    writeFileSync(smi, fakeNvidiaSmiScript(8));
    chmodSync(smi, 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => runTool(smi, args, { timeoutMs: 10_000 });

  it('answers the query with one row per GPU in index order, no header', async () => {
    const r = await run('--query-gpu=index,name,driver_version,compute_cap', '--format=csv,noheader');
    expect(r.ok).toBe(true);
    const rows = r.stdout.trim().split('\n');
    expect(rows).toHaveLength(8);
    expect(rows[0]).toBe('0, NVIDIA H100 80GB HBM3, 580.65.06, 9.0');
    expect(rows[7]).toBe('7, NVIDIA H100 80GB HBM3, 580.65.06, 9.0');
  });
  it('prints the header and units unless told not to', async () => {
    const r = await run('--query-gpu=index,memory.total', '--format=csv');
    expect(r.stdout.split('\n')[0]).toBe('index, memory.total [MiB]');
    expect(r.stdout.split('\n')[1]).toBe('0, 81559 MiB');
    const bare = await run('--query-gpu=memory.total', '--format=csv,noheader,nounits');
    expect(bare.stdout.split('\n')[0]).toBe('81559');
  });
  it('refuses an unknown field as the real tool does, exit 2 and no rows', async () => {
    const r = await run('--query-gpu=index,bogus', '--format=csv,noheader');
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Field "bogus" is not a valid field to query.');
  });
  it('prints the plain table with the driver’s CUDA version in the header', async () => {
    const r = await run();
    expect(r.ok).toBe(true);
    expect(r.stdout).toMatch(/\| NVIDIA-SMI 580\.65\.06 +Driver Version: 580\.65\.06 +CUDA Version: 13\.0 +\|/);
    expect(r.stdout.match(/NVIDIA H100 80GB HBM3/g)).toHaveLength(8);
  });
  it('lists GPUs with -L and versions with --version', async () => {
    expect((await run('-L')).stdout.trim().split('\n')).toHaveLength(8);
    expect((await run('--version')).stdout).toMatch(/^CUDA Version\s+: 13\.0$/m);
  });
});
