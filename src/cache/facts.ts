/**
 * What the cache key and folder depend on, asked of the interpreter and the
 * installer themselves (through runTool), before the install runs:
 * which wheels the interpreter takes (platform, implementation, X.Y,
 * free-threading), which installer the install will pick (the install's own
 * rule, pickInstaller), and whether that installer really uses the folder we
 * give it: `pip cache dir` answers with the folder, or says pip's cache is
 * disabled (PIP_NO_CACHE_DIR, no-cache-dir in a pip configuration file).
 *
 * The folder is torchcraft's own ($RUNNER_TEMP/torchcraft-cache/<installer>),
 * set for torchcraft's install alone (PIP_CACHE_DIR / UV_CACHE_DIR), not the
 * installer's usual cache: see README "Warm runs" for why.
 */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTool } from '../process/run-tool.js';
import { pickInstaller } from '../install/installer.js';
import type { InstallerChoice, PythonInfo } from '../install/types.js';
import type { SettingNames } from '../setting-names.js';
import type { CacheKeyFacts } from './key.js';

const PROBE_TIMEOUT_MS = 60_000;
const MARKER = 'TORCHCRAFT_CACHE_FACTS ';

// -I: neither the current folder nor PYTHON* variables may answer for the interpreter.
const SCRIPT = `
import importlib.util, json, sys, sysconfig
print(${JSON.stringify(MARKER)} + json.dumps({
    "implementation": sys.implementation.name,
    "version": "%d.%d" % sys.version_info[:2],
    "freeThreaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
    "platform": sysconfig.get_platform(),
    "executable": sys.executable,
    "pip": importlib.util.find_spec("pip") is not None,
}))
`;

export interface InterpreterFacts {
  implementation: string;
  pythonVersion: string;
  freeThreaded: boolean;
  platform: string;
  executable: string;
  hasPip: boolean;
}

export type CacheFacts =
  | {
      ok: true;
      key: Omit<CacheKeyFacts, 'backend' | 'release'>;
      installer: 'pip' | 'uv';
      /** The folder to cache: the installer's cache for this install. */
      folder: string;
      /** The install's environment: the step's, with the installer pointed at the folder. */
      env: NodeJS.ProcessEnv;
    }
  | { ok: false; reason: string };

export async function askInterpreter(python: string, env: NodeJS.ProcessEnv): Promise<InterpreterFacts | string> {
  const r = await runTool(python, ['-I', '-c', SCRIPT], { timeoutMs: PROBE_TIMEOUT_MS, env });
  const line = r.stdout.split(/\r?\n/).find((l) => l.startsWith(MARKER));
  if (!line) return `${python} did not answer (${r.spawnError ?? (r.timedOut ? 'timed out' : `exit code ${r.exitCode}`)})`;
  try {
    const v = JSON.parse(line.slice(MARKER.length)) as Record<string, unknown>;
    if (typeof v.version !== 'string' || typeof v.platform !== 'string' || typeof v.implementation !== 'string') throw new Error('fields');
    return {
      implementation: v.implementation,
      pythonVersion: v.version,
      freeThreaded: v.freeThreaded === true,
      platform: v.platform,
      executable: typeof v.executable === 'string' ? v.executable : python,
      hasPip: v.pip === true,
    };
  } catch {
    return `${python} answered something unreadable`;
  }
}

/** Where torchcraft keeps an installer's cache on this runner. */
export function cacheFolder(env: NodeJS.ProcessEnv, installer: 'pip' | 'uv'): string {
  return join(env.RUNNER_TEMP || tmpdir(), 'torchcraft-cache', installer);
}

/** uv reads boolean variables as clap's BoolishValueParser does. */
function truthy(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'y', 'on', 't'].includes(value.trim().toLowerCase());
}

function samePath(a: string, b: string): boolean {
  const norm = (p: string): string => resolve(p).replace(/[\\/]+$/, '');
  return process.platform === 'win32' ? norm(a).toLowerCase() === norm(b).toLowerCase() : norm(a) === norm(b);
}

export async function cacheFacts(
  python: string,
  choice: InstallerChoice,
  env: NodeJS.ProcessEnv,
  names?: SettingNames,
): Promise<CacheFacts> {
  const asked = await askInterpreter(python, env);
  if (typeof asked === 'string') return { ok: false, reason: asked };
  // The install's own rule for which installer runs; a missing pip is the install's error to report.
  const info: PythonInfo = { command: python, found: true, isPython: true, executable: asked.executable, pipVersion: asked.hasPip ? 'present' : undefined };
  const pick = await pickInstaller(choice, info, undefined, names);
  if (!pick.ok) return { ok: false, reason: 'no installer to cache for' };
  const installer = pick.installer;
  const folder = cacheFolder(env, installer);
  const key = { platform: asked.platform, implementation: asked.implementation, pythonVersion: asked.pythonVersion, freeThreaded: asked.freeThreaded, installer };

  if (installer === 'uv') {
    if (truthy(env.UV_NO_CACHE)) return { ok: false, reason: "uv's cache is disabled here (UV_NO_CACHE)" };
    const installEnv = { ...env, UV_CACHE_DIR: folder };
    const r = await runTool(pick.uvPath ?? 'uv', ['cache', 'dir'], { timeoutMs: PROBE_TIMEOUT_MS, env: installEnv });
    const said = r.stdout.trim().split(/\r?\n/).pop() ?? '';
    if (!r.ok || !samePath(said, folder)) return { ok: false, reason: `uv cache dir did not answer ${folder} (${r.ok ? JSON.stringify(said.slice(0, 200)) : `exit code ${r.exitCode}`})` };
    return { ok: true, key, installer, folder, env: installEnv };
  }

  const installEnv = { ...env, PIP_CACHE_DIR: folder };
  const r = await runTool(asked.executable, ['-m', 'pip', 'cache', 'dir'], { timeoutMs: PROBE_TIMEOUT_MS, env: installEnv });
  if (!r.ok) {
    if (/cache is disabled/i.test(r.stderr + r.stdout)) return { ok: false, reason: "pip's cache is disabled here (PIP_NO_CACHE_DIR, or no-cache-dir in a pip configuration file)" };
    return { ok: false, reason: `pip cache dir failed (${r.spawnError ?? (r.timedOut ? 'timed out' : `exit code ${r.exitCode}`)})` };
  }
  const said = r.stdout.trim().split(/\r?\n/).pop() ?? '';
  if (!samePath(said, folder)) return { ok: false, reason: `pip keeps its cache in ${said.slice(0, 200)}, not in ${folder}` };
  return { ok: true, key, installer, folder, env: installEnv };
}
