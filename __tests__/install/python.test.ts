import { afterAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interpreterArch, interpreterOs } from '../../src/install/fit.js';
import { inspectPython } from '../../src/install/python.js';
import { runTool } from '../../src/process/run-tool.js';
import { externallyManagedPython, MARKER_TEXT } from '../helpers/externally-managed.js';
import { createVenv, isolatedPipEnv } from '../helpers/venv.js';
import { defaultPython } from '../helpers/wheels.js';

const dir = mkdtempSync(join(tmpdir(), 'torchcraft-python-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = isolatedPipEnv();
const onLinux = process.platform === 'linux' ? it : it.skip;
const onPosix = process.platform === 'win32' ? it.skip : it;

describe('inspectPython', () => {
  it('describes a real interpreter: version, pip, not externally managed', async () => {
    const info = await inspectPython(defaultPython(), env, 60_000);
    const truth = await runTool(defaultPython(), ['-c', 'import sys;print("%d.%d" % sys.version_info[:2])'], { timeoutMs: 30_000, env });
    expect(info).toMatchObject({ found: true, isPython: true, version: truth.stdout.trim(), externallyManaged: false });
    expect(info.fullVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.executable).toBeTruthy();
  });

  it("reports the interpreter's OS and CPU, which map to this machine's", async () => {
    const info = await inspectPython(defaultPython(), env, 60_000);
    expect(info.sysPlatform).toBe(process.platform);
    expect(info.pointerBits).toBe(64);
    const os = { linux: 'linux', darwin: 'macos', win32: 'windows' }[process.platform as string];
    const arch = { x64: 'x86_64', arm64: 'aarch64' }[process.arch as string];
    expect(interpreterOs(info)).toBe(os);
    expect(interpreterArch(info)).toBe(arch);
  });

  it('says when the program does not exist', async () => {
    const info = await inspectPython(join(dir, 'no-such-python'), env, 10_000);
    expect(info).toMatchObject({ found: false, isPython: false, problem: 'was not found' });
  });

  onPosix('says when the program is not Python', async () => {
    const fake = join(dir, 'fake-python');
    writeFileSync(fake, '#!/bin/sh\necho "I am not Python: $1"\nexit 0\n');
    chmodSync(fake, 0o755);
    const info = await inspectPython(fake, env, 10_000);
    expect(info.found).toBe(true);
    expect(info.isPython).toBe(false);
    expect(info.problem).toContain('I am not Python');
  });

  it('sees a venv without pip, and without torch', async () => {
    const py = await createVenv(join(dir, 'nopip'), { withPip: false });
    const info = await inspectPython(py, env, 60_000);
    expect(info).toMatchObject({ isPython: true, inVenv: true, externallyManaged: false });
    expect(info.pipVersion).toBeUndefined();
    expect(info.torchVersion).toBeUndefined();
  });

  onPosix('is not fooled by a torch folder in the current directory', async () => {
    const work = join(dir, 'checkout');
    const fakeDist = join(work, 'torch-9.9.9.dist-info');
    mkdirSync(fakeDist, { recursive: true });
    writeFileSync(join(fakeDist, 'METADATA'), 'Metadata-Version: 2.1\nName: torch\nVersion: 9.9.9\n');
    const r = await runTool(defaultPython(), ['-c', 'import importlib.metadata as m\ntry:\n print(m.version("torch"))\nexcept Exception:\n print("none")'], { timeoutMs: 30_000, env, cwd: work });
    // The plain interpreter does see it from the current folder (why the script drops it)...
    expect(r.stdout.trim()).toBe('9.9.9');
    const saved = process.cwd();
    process.chdir(work);
    try {
      // ...and inspectPython does not.
      expect((await inspectPython(defaultPython(), env, 60_000)).torchVersion).not.toBe('9.9.9');
    } finally {
      process.chdir(saved);
    }
  });

  onLinux('detects PEP 668 on a real non-venv interpreter with an EXTERNALLY-MANAGED marker', async () => {
    const py = await externallyManagedPython(join(dir, 'managed'));
    const info = await inspectPython(py, env, 60_000);
    expect(info).toMatchObject({ isPython: true, inVenv: false, externallyManaged: true, externallyManagedMessage: MARKER_TEXT });
    expect(info.pipVersion).toBeTruthy();
    // pip itself agrees: this is the refusal the preflight spares the user.
    const pip = await runTool(py, ['-m', 'pip', 'install', '--no-input', '--no-index', 'anything'], { timeoutMs: 60_000, env });
    expect(pip.exitCode).not.toBe(0);
    expect(pip.stderr).toContain('externally-managed-environment');
  });
});
