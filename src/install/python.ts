/**
 * Ask an interpreter about itself with one short script: is it Python, which
 * version, for which OS and CPU, is it a venv, is it externally managed
 * (PEP 668), does it have pip, which torch is installed. Never throws: a missing program or something that
 * is not Python comes back as found/isPython false with the reason.
 */
import { runTool } from '../process/run-tool.js';
import type { PythonInfo } from './types.js';

const MARKER = 'TORCHCRAFT_PYTHON ';

// Written for Python 3.8+ (importlib.metadata). The current folder is dropped
// from sys.path first: a checkout's own torch/ folder or a stray
// torch-*.dist-info must not answer for the installed one.
const SCRIPT = `
import sys
sys.path[:] = [p for p in sys.path if p not in ("", ".")]
import json, os, platform, struct, sysconfig
info = {"version": "%d.%d" % sys.version_info[:2], "full": platform.python_version(),
        "executable": sys.executable, "venv": sys.prefix != getattr(sys, "base_prefix", sys.prefix),
        "sysPlatform": sys.platform, "machine": platform.machine(),
        "sysconfigPlatform": sysconfig.get_platform(), "bits": struct.calcsize("P") * 8}
marker = os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")
info["externallyManaged"] = (not info["venv"]) and os.path.isfile(marker)
if info["externallyManaged"]:
    try:
        import configparser
        cp = configparser.ConfigParser(interpolation=None)
        cp.read(marker, encoding="utf-8")
        info["externallyManagedMessage"] = cp.get("externally-managed", "Error", fallback=None)
    except Exception:
        pass
try:
    from importlib import metadata
except ImportError:
    metadata = None
def dist_version(name):
    if metadata is None:
        return None
    try:
        return metadata.version(name)
    except Exception:
        return None
import importlib.util
info["pip"] = (dist_version("pip") or "unknown") if importlib.util.find_spec("pip") is not None else None
info["torch"] = dist_version("torch")
print("${MARKER.trim()} " + json.dumps(info))
`;

interface ScriptAnswer {
  version: string;
  full: string;
  executable: string;
  venv: boolean;
  sysPlatform?: string;
  machine?: string;
  sysconfigPlatform?: string;
  bits?: number;
  externallyManaged: boolean;
  externallyManagedMessage?: string | null;
  pip: string | null;
  torch: string | null;
}

export async function inspectPython(python: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<PythonInfo> {
  const r = await runTool(python, ['-c', SCRIPT], { timeoutMs, env });
  if (r.spawnError) {
    return {
      command: python,
      found: false,
      isPython: false,
      problem: r.spawnError === 'ENOENT' ? 'was not found' : `could not be started (${r.spawnError})`,
    };
  }
  const line = r.stdout.split(/\r?\n/).find((l) => l.startsWith(MARKER));
  const answer = line ? parseAnswer(line.slice(MARKER.length)) : undefined;
  if (!answer) {
    const why = r.timedOut
      ? `did not answer within ${Math.round(timeoutMs / 1000)} s`
      : `did not run a Python 3 script (exit code ${r.exitCode ?? 'none'}${firstLine(r.stderr || r.stdout)})`;
    return { command: python, found: true, isPython: false, problem: why };
  }
  return {
    command: python,
    found: true,
    isPython: true,
    version: answer.version,
    fullVersion: answer.full,
    executable: answer.executable,
    inVenv: answer.venv,
    sysPlatform: answer.sysPlatform,
    machine: answer.machine,
    sysconfigPlatform: answer.sysconfigPlatform,
    pointerBits: answer.bits,
    externallyManaged: answer.externallyManaged,
    externallyManagedMessage: answer.externallyManagedMessage ?? undefined,
    pipVersion: answer.pip ?? undefined,
    torchVersion: answer.torch ?? undefined,
  };
}

function parseAnswer(json: string): ScriptAnswer | undefined {
  try {
    const v = JSON.parse(json) as Partial<ScriptAnswer>;
    if (typeof v.version !== 'string' || !/^\d+\.\d+$/.test(v.version)) return undefined;
    return {
      version: v.version,
      full: typeof v.full === 'string' ? v.full : v.version,
      executable: typeof v.executable === 'string' ? v.executable : '',
      venv: v.venv === true,
      sysPlatform: typeof v.sysPlatform === 'string' ? v.sysPlatform : undefined,
      machine: typeof v.machine === 'string' ? v.machine : undefined,
      sysconfigPlatform: typeof v.sysconfigPlatform === 'string' ? v.sysconfigPlatform : undefined,
      bits: typeof v.bits === 'number' ? v.bits : undefined,
      externallyManaged: v.externallyManaged === true,
      externallyManagedMessage: typeof v.externallyManagedMessage === 'string' ? v.externallyManagedMessage : null,
      pip: typeof v.pip === 'string' ? v.pip : null,
      torch: typeof v.torch === 'string' ? v.torch : null,
    };
  } catch {
    return undefined;
  }
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '');
  return line ? `: ${line.trim().slice(0, 200)}` : '';
}
