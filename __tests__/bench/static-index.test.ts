import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  hashMissing,
  normalizeProject,
  projectOfWheel,
  readSimpleTree,
  readWheelFolder,
  startStaticIndex,
  versionOfWheel,
  type Projects,
  type StaticIndex,
} from '../../scripts/bench/static-index.js';

describe('wheel names', () => {
  it('normalises project names as PEP 503 says', () => {
    expect(normalizeProject('Typing_Extensions')).toBe('typing-extensions');
    expect(normalizeProject('zope.interface')).toBe('zope-interface');
  });
  it('reads project and version from a wheel file name, local label included', () => {
    expect(projectOfWheel('torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl')).toBe('torch');
    expect(projectOfWheel('nvidia_cudnn_cu13-9.24.0.43-py3-none-manylinux_2_27_x86_64.whl')).toBe('nvidia-cudnn-cu13');
    expect(projectOfWheel('cmeel_octomap-1.10.0-5-py3-none-manylinux_2_28_x86_64.whl')).toBe('cmeel-octomap');
    expect(projectOfWheel('torch-2.13.0.tar.gz')).toBeUndefined();
    expect(versionOfWheel('torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl')).toBe('2.13.0+cpu');
  });
});

describe('the local index', () => {
  let root: string;
  let pool: Projects;
  let server: StaticIndex;
  const torchCpu = 'torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl';
  const payload = Buffer.alloc(100_000, 7);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'static-index-'));
    // A PEP 503 tree on disk, as the mirror lays it out: simple/<project>/index.html -> ../../files/<wheel>.
    mkdirSync(join(root, 'simple', 'filelock'), { recursive: true });
    mkdirSync(join(root, 'files'));
    writeFileSync(join(root, 'files', 'filelock-3.20.0-py3-none-any.whl'), payload);
    writeFileSync(
      join(root, 'simple', 'filelock', 'index.html'),
      '<a href="../../files/filelock-3.20.0-py3-none-any.whl#sha256=abc">filelock</a>\n<a href="../../files/gone-1.0-py3-none-any.whl">gone</a>\n<a href="https://elsewhere/x-1.0-py3-none-any.whl">x</a>',
    );
    mkdirSync(join(root, 'wheels'));
    writeFileSync(join(root, 'wheels', torchCpu), 'torch bytes');
    pool = readSimpleTree(join(root, 'simple'));
    readWheelFolder(join(root, 'wheels'), pool);
    await hashMissing(pool);
    server = await startStaticIndex([{ name: 'cpu', projects: pool }]);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('reads wheels from a simple tree (keeping hashes, skipping missing and remote files) and from a folder', () => {
    expect(pool.get('filelock')?.map((w) => [w.filename, w.hash])).toEqual([['filelock-3.20.0-py3-none-any.whl', 'sha256=abc']]);
    expect(pool.get('torch')?.[0].hash).toBe(`sha256=${createHash('sha256').update('torch bytes').digest('hex')}`);
  });

  it('serves project pages whose links pip can follow, with the + of a local version escaped', async () => {
    const page = await (await fetch(`${server.url}/cpu/torch/`)).text();
    expect(page).toContain(`href="/files/cpu/torch-2.13.0%2Bcpu-cp311-cp311-manylinux_2_28_x86_64.whl#sha256=`);
    const redirect = await fetch(`${server.url}/cpu/Torch/`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/cpu/torch/');
    expect((await fetch(`${server.url}/cpu/nothing-here/`)).status).toBe(404);
    expect((await fetch(`${server.url}/other/torch/`)).status).toBe(404);
  });

  it('serves the files and counts every byte it sends', async () => {
    const before = server.bytesServed('cpu');
    const body = Buffer.from(await (await fetch(`${server.url}/files/cpu/filelock-3.20.0-py3-none-any.whl`)).arrayBuffer());
    expect(body.equals(payload)).toBe(true);
    expect(server.bytesServed('cpu') - before).toBe(payload.length);
    expect(server.filesServed('cpu')).toContain('filelock-3.20.0-py3-none-any.whl');
    const cpuTorch = await fetch(`${server.url}/files/cpu/${encodeURIComponent(torchCpu)}`);
    expect(await cpuTorch.text()).toBe('torch bytes');
  });
});
