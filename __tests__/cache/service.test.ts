/**
 * src/cache/service.ts with the real @actions/cache client (and the Azure SDK
 * it drives) against the emulated v2 cache service on 127.0.0.1: a round trip
 * through Put Blob and the SDK's ranged download, block uploads, the key
 * lookup rules, and every way the service can fail, each a bounded result
 * with a titled warning and never an exception or an error annotation.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { BlockBlobClient } from '@azure/storage-blob';
import { restore, save, withWarnings, DEFAULT_BOUNDS, type Bounds } from '../../src/cache/service.js';
import { abandonedSettled, cacheWorkAbandoned } from '../../src/cache/unfinished.js';
import { startCacheService, type CacheService } from '../helpers/cache-service.js';

let service: CacheService;
const root = mkdtempSync(join(tmpdir(), 'torchcraft-cache-test-'));
const workspace = join(root, 'workspace');
const folder = join(root, 'temp', 'torchcraft-cache', 'pip');
const savedEnv = { ...process.env };
let stdout: string[] = [];
const realWrite = process.stdout.write;

function fill(files: Record<string, string>): void {
  rmSync(folder, { recursive: true, force: true });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(folder, name, '..'), { recursive: true });
    writeFileSync(join(folder, name), content);
  }
}

const fast: Bounds = { ...DEFAULT_BOUNDS, lookupMs: 10_000, restoreMs: 20_000, saveMs: 20_000 };

beforeAll(async () => {
  service = await startCacheService({ blobHost: 'azure' });
  mkdirSync(workspace, { recursive: true });
  Object.assign(process.env, service.env(), { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: join(root, 'temp') });
});

afterAll(async () => {
  service.release();
  await abandonedSettled();
  await service.stop();
  process.env = savedEnv;
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  service.setFaults({});
  stdout = [];
  process.stdout.write = ((chunk: unknown) => {
    stdout.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
});

afterEach(() => {
  process.stdout.write = realWrite;
});

const annotations = (): string[] => stdout.filter((l) => l.startsWith('::warning') || l.startsWith('::error'));

describe('save and restore through the emulated v2 service', () => {
  it('saves a folder, then restores it into an empty one (Put Blob, the SDK ranged download)', async () => {
    fill({ 'http-v2/a/b/c.body': 'wheel bytes'.repeat(1000), 'selfcheck.json': '{}' });
    const saved = await save([folder], 'torchcraft-test-roundtrip-1', fast);
    expect(saved).toEqual({ kind: 'saved', id: expect.any(Number) });
    const entry = service.finalized().find((e) => e.key === 'torchcraft-test-roundtrip-1')!;
    expect(entry.size).toBeGreaterThan(0);
    expect(service.requests.filter((r) => r.kind === 'twirp').map((r) => r.op)).toEqual(['CreateCacheEntry', 'FinalizeCacheEntryUpload']);
    expect(service.requests.find((r) => r.kind === 'blob')).toMatchObject({ op: 'put-blob', status: 201, proxied: true });

    rmSync(folder, { recursive: true, force: true });
    service.requests.length = 0;
    const restored = await restore([folder], 'torchcraft-test-roundtrip-1', ['torchcraft-test-roundtrip-'], fast);
    expect(restored).toEqual({ kind: 'hit', matchedKey: 'torchcraft-test-roundtrip-1' });
    expect(readFileSync(join(folder, 'http-v2/a/b/c.body'), 'utf8')).toBe('wheel bytes'.repeat(1000));
    expect(readFileSync(join(folder, 'selfcheck.json'), 'utf8')).toBe('{}');
    // The lookup, then the lookup and download the SDK makes for a *.blob.core.windows.net URL.
    const ops = service.requests.map((r) => `${r.kind}:${r.op}:${r.status}`);
    expect(ops.filter((o) => o.startsWith('twirp'))).toEqual(['twirp:GetCacheEntryDownloadURL:200', 'twirp:GetCacheEntryDownloadURL:200']);
    expect(ops).toContain('blob:properties:200');
    expect(ops).toContain('blob:get:206');
    expect(annotations()).toEqual([]);
  });

  it('finds the newest entry of a restore-key prefix when the key has none, and says it was partial', async () => {
    fill({ 'old.txt': 'one' });
    expect((await save([folder], 'torchcraft-test-prefix-aaa', fast)).kind).toBe('saved');
    fill({ 'old.txt': 'two' });
    expect((await save([folder], 'torchcraft-test-prefix-bbb', fast)).kind).toBe('saved');
    rmSync(folder, { recursive: true, force: true });
    const restored = await restore([folder], 'torchcraft-test-prefix-ccc', ['torchcraft-test-prefix-'], fast);
    expect(restored).toEqual({ kind: 'partial', matchedKey: 'torchcraft-test-prefix-bbb' });
    expect(readFileSync(join(folder, 'old.txt'), 'utf8')).toBe('two');
  });

  it('is a miss for an unknown key, and for the same key saved from other paths (another version)', async () => {
    fill({ 'x.txt': 'x' });
    expect((await save([folder], 'torchcraft-test-version-1', fast)).kind).toBe('saved');
    expect(await restore([folder], 'torchcraft-test-nothing-1', ['torchcraft-test-nothing-'], fast)).toEqual({ kind: 'miss' });
    expect(await restore([join(folder, 'elsewhere')], 'torchcraft-test-version-1', [], fast)).toEqual({ kind: 'miss' });
  });

  it('does not save a key twice: the second save is refused by the service, not an error', async () => {
    fill({ 'x.txt': 'x' });
    expect((await save([folder], 'torchcraft-test-twice-1', fast)).kind).toBe('saved');
    const again = await save([folder], 'torchcraft-test-twice-1', fast);
    expect(again.kind).toBe('not-saved');
    expect(service.requests.some((r) => r.op === 'CreateCacheEntry' && r.status === 409)).toBe(true);
    expect(stdout.join('')).not.toContain('::error');
  });
});

describe('the Azure Blob emulation under the SDK itself', () => {
  it('stages blocks and commits a block list (what uploads over 128 MiB do), and serves ranges of the result', async () => {
    const data = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31) % 251;
    const writer = new BlockBlobClient(service.signedUrl('sdkblocks', 'cw'));
    await writer.uploadData(data, { blockSize: 1024 * 1024, maxSingleShotSize: 512 * 1024, concurrency: 2 });
    const ops = service.requests.filter((r) => r.kind === 'blob').map((r) => r.op);
    expect(ops.filter((o) => o === 'put-block')).toHaveLength(4);
    expect(ops).toContain('put-block-list');

    const reader = new BlockBlobClient(service.signedUrl('sdkblocks', 'r'));
    const back = await reader.downloadToBuffer(0, undefined, { blockSize: 1024 * 1024, concurrency: 3 });
    expect(Buffer.compare(back, data)).toBe(0);
    // Signed for reading only: a write is refused.
    await expect(new BlockBlobClient(service.signedUrl('sdkblocks', 'r')).upload('x', 1)).rejects.toMatchObject({ statusCode: 403 });
  });
});

describe('when the service fails, the result says so, in time, as a warning', () => {
  it('a service refusing the call (non-retryable 501): failed, with a titled warning', async () => {
    service.setFaults({ twirpStatus: { status: 501 } });
    const restored = await restore([folder], 'torchcraft-test-down-1', [], fast);
    expect(restored.kind).toBe('failed');
    expect(annotations()).toEqual([expect.stringMatching(/^::warning title=torchcraft cache::Failed to restore: .*501/)]);
  });

  it('a wrong runtime token (401): failed, with a titled warning', async () => {
    const token = process.env.ACTIONS_RUNTIME_TOKEN;
    process.env.ACTIONS_RUNTIME_TOKEN = 'not-the-token';
    try {
      expect((await restore([folder], 'torchcraft-test-token-1', [], fast)).kind).toBe('failed');
    } finally {
      process.env.ACTIONS_RUNTIME_TOKEN = token;
    }
    expect(annotations()).toEqual([expect.stringMatching(/^::warning title=torchcraft cache::Failed to restore: .*401/)]);
  });

  it('nothing listening (service down): failed at once, with a titled warning', async () => {
    const closed = await freePort();
    const url = process.env.ACTIONS_RESULTS_URL;
    process.env.ACTIONS_RESULTS_URL = `http://127.0.0.1:${closed}/`;
    try {
      expect((await restore([folder], 'torchcraft-test-refused-1', [], fast)).kind).toBe('failed');
      fill({ 'x.txt': 'x' });
      expect((await save([folder], 'torchcraft-test-refused-1', fast)).kind).toBe('not-saved');
    } finally {
      process.env.ACTIONS_RESULTS_URL = url;
    }
    expect(annotations().length).toBeGreaterThan(0);
    expect(annotations().every((l) => l.startsWith('::warning title=torchcraft cache::'))).toBe(true);
  });

  it('a blob store refusing the download (an expired signature, 403): failed although the lookup found it', async () => {
    fill({ 'x.txt': 'x' });
    expect((await save([folder], 'torchcraft-test-blob403-1', fast)).kind).toBe('saved');
    service.setFaults({ blobDownloadStatus: 403 });
    const restored = await restore([folder], 'torchcraft-test-blob403-1', [], fast);
    expect(restored.kind).toBe('failed');
    expect(annotations()).toEqual([expect.stringMatching(/^::warning title=torchcraft cache::Failed to restore: /)]);
  });

  it('a service that never answers the lookup: given up after the bound', async () => {
    service.setFaults({ twirpHang: true });
    const restored = await restore([folder], 'torchcraft-test-hang-1', [], { ...fast, lookupMs: 300 });
    expect(restored).toEqual({ kind: 'timeout', seconds: 0.3, phase: 'lookup' });
    expect(cacheWorkAbandoned()).toBe(true);
    service.release();
    await abandonedSettled();
  });

  it('an upload that never finishes: given up after the bound', async () => {
    fill({ 'x.txt': 'x' });
    service.setFaults({ blobUploadHang: true });
    expect(await save([folder], 'torchcraft-test-uphang-1', { ...fast, saveMs: 500 })).toEqual({ kind: 'timeout', seconds: 0.5 });
    expect(service.finalized().some((e) => e.key === 'torchcraft-test-uphang-1')).toBe(false);
    service.release();
    await abandonedSettled();
  });
});

describe('withWarnings', () => {
  it("turns the client's error and warning annotations into titled warnings, and passes other lines", async () => {
    const { said } = await withWarnings(async () => {
      core.error('Failed to save: 503 Service Unavailable');
      core.warning('Cache reservation failed');
      core.info('Cache Size: ~1 MB');
    });
    expect(stdout).toEqual([
      '::warning title=torchcraft cache::Failed to save: 503 Service Unavailable\n',
      '::warning title=torchcraft cache::Cache reservation failed\n',
      'Cache Size: ~1 MB\n',
    ]);
    expect(said).toEqual(['Failed to save: 503 Service Unavailable', 'Cache reservation failed']);
    // Afterwards, the stream is as it was.
    core.warning('ours');
    expect(stdout.pop()).toBe('::warning::ours\n');
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}



