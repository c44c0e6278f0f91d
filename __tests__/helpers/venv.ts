/**
 * Fresh virtual environments for install tests, and an environment for pip
 * that is isolated from this machine's own pip setup (which sets
 * PIP_FIND_LINKS, PIP_CERT, a global config with a constraint file...).
 *
 * Creating a venv with pip takes seconds; copying one takes a fraction of
 * that, so the whole run makes one base venv (the first test file that needs
 * it, the others wait for it) and each test copies it. A copy
 * works because we always run `<venv>/bin/python -m pip`, never the copied
 * `pip` scripts, whose shebangs still name the base venv.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from '../../src/process/run-tool.js';
import { defaultPython } from './wheels.js';

/** The process environment without any PIP_* / UV_* setting, pip reading no config file. */
export function isolatedPipEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    const upper = k.toUpperCase();
    if (upper.startsWith('PIP_') || upper.startsWith('UV_') || upper === 'VIRTUAL_ENV' || upper === 'PYTHONPATH') continue;
    env[k] = v;
  }
  // pip reads no configuration file at all when PIP_CONFIG_FILE is the null device.
  env.PIP_CONFIG_FILE = devNull;
  env.PIP_DISABLE_PIP_VERSION_CHECK = '1';
  env.PIP_NO_CACHE_DIR = '1';
  env.PIP_NO_INPUT = '1';
  env.PYTHONDONTWRITEBYTECODE = '1';
  return { ...env, ...extra };
}

/** The interpreter inside a venv. */
export function venvPython(dir: string): string {
  return process.platform === 'win32' ? join(dir, 'Scripts', 'python.exe') : join(dir, 'bin', 'python');
}

export async function createVenv(dir: string, options: { withPip?: boolean } = {}): Promise<string> {
  const args = ['-m', 'venv', ...(options.withPip === false ? ['--without-pip'] : []), dir];
  const r = await runTool(defaultPython(), args, { timeoutMs: 120_000, env: isolatedPipEnv() });
  if (!r.ok) throw new Error(`python -m venv failed (${r.spawnError ?? r.exitCode}): ${r.stderr}`);
  return venvPython(dir);
}

const BASE_WAIT_MS = 180_000;

/**
 * The run's one pristine venv with pip, never installed into: made by the first
 * worker that asks (a mkdir is the lock every worker agrees on), built aside and
 * renamed into place, so a waiting worker never copies a half-made venv.
 */
async function sharedBaseVenv(): Promise<string> {
  const root = process.env.TORCHCRAFT_TEST_TMP ?? tmpdir();
  const base = join(root, 'base-venv');
  if (existsSync(base)) return base;
  let mine = true;
  try {
    mkdirSync(`${base}.lock`);
  } catch {
    mine = false;
  }
  if (mine) {
    const aside = mkdtempSync(`${base}-`);
    await createVenv(join(aside, 'venv'));
    renameSync(join(aside, 'venv'), base);
    rmSync(aside, { recursive: true, force: true });
    return base;
  }
  const until = Date.now() + BASE_WAIT_MS;
  while (!existsSync(base)) {
    if (Date.now() > until) throw new Error(`the shared base venv (${base}) did not appear within ${BASE_WAIT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return base;
}

/**
 * Fresh venvs for one test file, each a copy of the run's base venv. Call
 * cleanup() in afterAll: it removes the base and every copy.
 */
export class VenvPool {
  private base: string | undefined;
  private readonly root = mkdtempSync(join(tmpdir(), 'torchcraft-venvs-'));
  private count = 0;

  /** A fresh venv (with pip): its interpreter path. */
  async fresh(): Promise<string> {
    this.base ??= await sharedBaseVenv();
    const dir = join(this.root, `venv-${++this.count}`);
    cpSync(this.base, dir, { recursive: true, verbatimSymlinks: true });
    return venvPython(dir);
  }

  /** A venv made with --without-pip. */
  async withoutPip(): Promise<string> {
    return createVenv(join(this.root, `nopip-${++this.count}`), { withPip: false });
  }

  /** A scratch folder inside the pool's root (removed by cleanup). */
  scratch(name: string): string {
    return mkdtempSync(join(this.root, `${name}-`));
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** What an interpreter holds, asked independently of the code under test. */
export interface InstalledTorch {
  /** Distribution versions (importlib.metadata); absent when not installed. */
  torch?: string;
  torchvision?: string;
  /** torch.__version__ and torch.cuda.is_available() after importing it; absent when not installed. */
  imported?: { version: string; cudaAvailable: boolean };
}

// -I: isolated mode, so neither the current folder nor PYTHON* variables answer for the interpreter.
const INSTALLED_SCRIPT = `
import json
from importlib import metadata
def v(name):
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
out = {"torch": v("torch"), "torchvision": v("torchvision"), "imported": None}
if out["torch"]:
    import torch
    out["imported"] = {"version": torch.__version__, "cudaAvailable": bool(torch.cuda.is_available())}
print(json.dumps(out))
`;

export async function installedTorch(python: string): Promise<InstalledTorch> {
  const r = await runTool(python, ['-I', '-c', INSTALLED_SCRIPT], { timeoutMs: 60_000, env: isolatedPipEnv() });
  if (!r.ok) throw new Error(`asking ${python} what it holds failed (${r.spawnError ?? r.exitCode}): ${r.stderr}`);
  const parsed = JSON.parse(r.stdout) as { torch: string | null; torchvision: string | null; imported: InstalledTorch['imported'] | null };
  const out: InstalledTorch = {};
  if (parsed.torch) out.torch = parsed.torch;
  if (parsed.torchvision) out.torchvision = parsed.torchvision;
  if (parsed.imported) out.imported = parsed.imported;
  return out;
}
