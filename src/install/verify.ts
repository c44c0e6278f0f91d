/**
 * Run the installed torch and judge it against the plan.
 *
 * The local label tells builds apart: "+cu126", "+cpu", "+rocm6.2", "+xpu".
 * Builds from PyPI carry none (macOS, mps, and the default CUDA build on
 * Linux), so a plan whose index is PyPI expects no label; macOS wheels have
 * none on /whl/cpu either. Linux aarch64 CPU wheels have been published both
 * with and without "+cpu", so both pass. A CUDA plan also checks
 * torch.version.cuda against the variant (cu126 -> 12.6), a ROCm plan that
 * torch.version.hip is set, a CPU plan that neither is.
 */
import { explain } from '@renovatebot/pep440';
import { runTool } from '../process/run-tool.js';
import type { Plan } from '../plan/types.js';

const MARKER = 'TORCHCRAFT_VERIFY ';

const SCRIPT = `
import sys
sys.path[:] = [p for p in sys.path if p not in ("", ".")]
import json
out = {}
try:
    import torch
except Exception as e:
    print("${MARKER.trim()} " + json.dumps({"error": "%s: %s" % (type(e).__name__, e)}))
    sys.exit(0)
out["version"] = str(getattr(torch, "__version__", ""))
v = getattr(torch, "version", None)
for key in ("cuda", "hip", "xpu"):
    value = getattr(v, key, None)
    out[key] = None if value is None else str(value)
def probe(mod):
    if mod is None or not hasattr(mod, "is_available"):
        return None
    try:
        ok = bool(mod.is_available())
    except Exception as e:
        return {"available": False, "error": str(e)}
    names = []
    if ok and hasattr(mod, "device_count") and hasattr(mod, "get_device_name"):
        try:
            names = [str(mod.get_device_name(i)) for i in range(mod.device_count())]
        except Exception:
            pass
    return {"available": ok, "devices": names}
out["cudaRuntime"] = probe(getattr(torch, "cuda", None))
out["xpuRuntime"] = probe(getattr(torch, "xpu", None))
out["mpsRuntime"] = probe(getattr(getattr(torch, "backends", None), "mps", None))
print("${MARKER.trim()} " + json.dumps(out))
`;

interface Runtime {
  available: boolean;
  devices?: string[];
  error?: string;
}

export interface TorchReport {
  version: string;
  cuda: string | null;
  hip: string | null;
  cudaRuntime: Runtime | null;
  xpuRuntime: Runtime | null;
  mpsRuntime: Runtime | null;
}

export type VerifyRun = { ok: true; report: TorchReport } | { ok: false; problem: string };

export async function runVerification(python: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<VerifyRun> {
  const r = await runTool(python, ['-c', SCRIPT], { timeoutMs, env });
  if (r.spawnError) return { ok: false, problem: `${python} could not be started (${r.spawnError})` };
  if (r.timedOut) return { ok: false, problem: `importing torch did not finish within ${Math.round(timeoutMs / 1000)} s` };
  const line = r.stdout.split(/\r?\n/).find((l) => l.startsWith(MARKER));
  if (!line) {
    const tail = (r.stderr || r.stdout).trim().split(/\r?\n/).slice(-3).join(' | ');
    return { ok: false, problem: `the verification script failed (exit code ${r.exitCode ?? 'none'}): ${tail}` };
  }
  return parseReport(line.slice(MARKER.length));
}

export function parseReport(json: string): VerifyRun {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { ok: false, problem: 'the verification script printed something that is not JSON' };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, problem: 'the verification script printed no JSON object' };
  const v = parsed as Record<string, unknown>;
  if (typeof v.error === 'string') return { ok: false, problem: `import torch failed: ${v.error}` };
  if (typeof v.version !== 'string' || v.version === '') return { ok: false, problem: 'torch reported no __version__' };
  const str = (x: unknown): string | null => (typeof x === 'string' ? x : null);
  const runtime = (x: unknown): Runtime | null => {
    if (!x || typeof x !== 'object') return null;
    const o = x as Record<string, unknown>;
    return {
      available: o.available === true,
      devices: Array.isArray(o.devices) ? o.devices.filter((d): d is string => typeof d === 'string') : [],
      error: str(o.error) ?? undefined,
    };
  };
  return {
    ok: true,
    report: {
      version: v.version,
      cuda: str(v.cuda),
      hip: str(v.hip),
      cudaRuntime: runtime(v.cudaRuntime),
      xpuRuntime: runtime(v.xpuRuntime),
      mpsRuntime: runtime(v.mpsRuntime),
    },
  };
}

/** The local labels a build from this plan may carry; "" is no label. */
export function expectedLabels(plan: Plan): string[] {
  if (plan.indexUrl === null || plan.backend === 'mps') return [''];
  if (plan.machine.os === 'macos') return ['', plan.backend];
  if (plan.backend === 'cpu' && plan.machine.arch === 'aarch64') return ['cpu', ''];
  return [plan.backend];
}

export interface Verdict {
  /** Every check held. */
  passed: boolean;
  /** Any GPU runtime answered is_available() true. */
  gpuAvailable: boolean;
  /** The plan wants a GPU (nvidia, amd, intel, apple). */
  gpuExpected: boolean;
  /** What did not match, a sentence each. */
  problems: string[];
  /** What was checked and held, a sentence each. */
  checks: string[];
}

export function judge(plan: Plan, report: TorchReport): Verdict {
  const problems: string[] = [];
  const checks: string[] = [];
  const parsed = explain(report.version);
  const label = parsed?.local ?? '';
  const allowed = expectedLabels(plan);
  const show = (l: string): string => (l === '' ? 'no local label' : `+${l}`);
  if (!parsed) problems.push(`torch reports a version that is not PEP 440: ${report.version}.`);
  else if (allowed.includes(label)) checks.push(`torch ${report.version} has ${show(label)}, as backend ${plan.backend} expects.`);
  else problems.push(`torch ${report.version} has ${show(label)}, but backend ${plan.backend} expects ${allowed.map(show).join(' or ')}: another build was installed (an index or a constraint other than torchcraft.txt's?).`);

  if (parsed && plan.release) {
    const want = plan.release.split('.').map(Number);
    const got = parsed.release.slice(0, want.length);
    if (want.some((n, i) => n !== got[i])) problems.push(`torch ${report.version} is not from the planned release ${plan.release}.`);
  }

  const cu = /^cu(\d+)(\d)$/.exec(plan.backend);
  if (cu) {
    const want = `${Number(cu[1])}.${cu[2]}`;
    if (report.cuda === null) problems.push(`torch.version.cuda is None: this torch was not built for CUDA ${want}.`);
    else if (report.cuda !== want && !report.cuda.startsWith(`${want}.`)) problems.push(`torch.version.cuda is ${report.cuda}, but backend ${plan.backend} means CUDA ${want}.`);
  } else if (plan.backend.startsWith('rocm')) {
    if (report.hip === null) problems.push('torch.version.hip is None: this torch was not built for ROCm.');
  } else if (plan.backend === 'cpu' && (report.cuda !== null || report.hip !== null)) {
    problems.push(`torch was built for ${report.cuda !== null ? `CUDA ${report.cuda}` : `ROCm (HIP ${report.hip})`}, but the plan is a CPU build.`);
  }

  const runtimes: [string, Runtime | null][] = [
    ['torch.cuda', report.cudaRuntime],
    ['torch.xpu', report.xpuRuntime],
    ['torch.backends.mps', report.mpsRuntime],
  ];
  const gpuAvailable = runtimes.some(([, r]) => r?.available === true);
  const which: Record<string, [string, Runtime | null] | undefined> = {
    nvidia: runtimes[0],
    amd: runtimes[0], // ROCm builds answer through torch.cuda
    intel: runtimes[1],
    apple: runtimes[2],
  };
  const expected = which[plan.accelerator];
  if (expected) {
    const [name, r] = expected;
    if (r?.available) checks.push(`${name}.is_available() is True${r.devices?.length ? ` (${r.devices.join(', ')})` : ''}.`);
    else problems.push(`${name}.is_available() is ${r ? 'False' : 'missing'}${r?.error ? ` (${r.error})` : ''}: the installed torch cannot use the ${plan.accelerator} GPU the plan was made for (driver not loaded, device not visible to this job, or a build that does not cover it).`);
  }
  return { passed: problems.length === 0, gpuAvailable, gpuExpected: expected !== undefined, problems, checks };
}
