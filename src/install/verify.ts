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
 *
 * Then the devices: is_available() is true for a CUDA build that has no
 * kernels for the card, so every device of the planned runtime gets a small
 * operation (allocate, compute, synchronise), and its capability is compared
 * with the build's arch list (src/install/devices.ts judges them).
 */
import { explain } from '@renovatebot/pep440';
import { runTool } from '../process/run-tool.js';
import type { Accelerator, Plan } from '../plan/types.js';

/** Every line the script prints for us starts with this and a tag: TORCHCRAFT_DEVICE {...}. */
const PREFIX = 'TORCHCRAFT_';
const TAGGED = new RegExp(`^${PREFIX}([A-Z]+) (.*)$`);

/**
 * The verification script. It prints one line per stage as it goes, flushed,
 * so that a process killed at the outer timeout still leaves what it found:
 * IMPORTED (torch imported), VERIFY (the build and its runtimes), DEVICES (how
 * many devices the planned runtime has, and its arch list), then DEVICE for
 * each device once it is done, and DONE. Each device's work (name, capability,
 * allocate, compute, synchronise) runs in a thread joined with a timeout, so a
 * device that hangs costs at most that long and the next one is still checked;
 * os._exit at the end does not wait for a thread stuck in the driver.
 * argv: runtime ("cuda", "xpu", "mps" or ""), seconds per device, device limit.
 */
const SCRIPT = `
import sys
sys.path[:] = [p for p in sys.path if p not in ("", ".")]
import json, os, threading
def emit(tag, obj):
    sys.stdout.write("${PREFIX}" + tag + " " + json.dumps(obj) + "\\n")
    sys.stdout.flush()
def first_line(e):
    text = str(e).strip()
    line = text.splitlines()[0].strip() if text else ""
    return (line or type(e).__name__)[:300]
runtime, per_device, limit = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
try:
    import torch
except BaseException as e:
    emit("VERIFY", {"error": ("%s: %s" % (type(e).__name__, str(e).strip()))[:500]})
    os._exit(0)
out = {"version": str(getattr(torch, "__version__", ""))}
emit("IMPORTED", out)
v = getattr(torch, "version", None)
for key in ("cuda", "hip", "xpu"):
    value = getattr(v, key, None)
    out[key] = None if value is None else str(value)
def probe(mod):
    if mod is None or not hasattr(mod, "is_available"):
        return None
    try:
        return {"available": bool(mod.is_available())}
    except Exception as e:
        return {"available": False, "error": first_line(e)}
mods = {"cuda": getattr(torch, "cuda", None), "xpu": getattr(torch, "xpu", None), "mps": getattr(getattr(torch, "backends", None), "mps", None)}
for key in ("cuda", "xpu", "mps"):
    out[key + "Runtime"] = probe(mods[key])
emit("VERIFY", out)
mod = mods.get(runtime)
count, arch, problem = 0, [], None
if mod is not None and (out.get(runtime + "Runtime") or {}).get("available"):
    try:
        count = 1 if runtime == "mps" else int(mod.device_count())
    except Exception as e:
        problem = "device_count() failed: " + first_line(e)
    if runtime != "mps" and hasattr(mod, "get_arch_list"):
        try:
            arch = [str(a)[:50] for a in list(mod.get_arch_list())[:1000]]
        except Exception:
            pass
emit("DEVICES", {"runtime": runtime, "count": count, "archList": arch, "problem": problem})
hip = out.get("hip") is not None
def check(i, result):
    try:
        if runtime == "mps":
            dev = "mps"
            result["name"] = "mps"
        else:
            dev = "%s:%d" % (runtime, i)
            result["name"] = str(mod.get_device_name(i))[:300]
        if runtime == "cuda" and hip:
            props = mod.get_device_properties(i)
            if getattr(props, "gcnArchName", None):
                result["capability"] = str(props.gcnArchName)[:100]
        elif runtime == "cuda":
            cap = tuple(mod.get_device_capability(i))
            result["capability"] = "%d.%d" % (cap[0], cap[1])
        x = torch.arange(1024, dtype=torch.float32, device=dev)
        y = (x * 2 + 1).sum()
        if runtime == "mps":
            torch.mps.synchronize()
        else:
            mod.synchronize(i)
        value = float(y.item())
        if value == 1048576.0:
            result["passed"] = True
        else:
            result["error"] = "computed %r where 1048576.0 was expected" % value
    except BaseException as e:
        result["error"] = first_line(e)
for i in range(min(count, limit)):
    result = {"index": i}
    t = threading.Thread(target=check, args=(i, result))
    t.daemon = True
    t.start()
    t.join(per_device)
    if t.is_alive():
        result = dict(result)
        result.pop("passed", None)
        result["error"] = "did not finish within %g s" % per_device
        result["timedOut"] = True
    emit("DEVICE", result)
emit("DONE", {})
os._exit(0)
`;

interface Runtime {
  available: boolean;
  /** Device names, filled from the device checks (the planned runtime only). */
  devices?: string[];
  error?: string;
}

/** One device as the script reported it, before it is judged. */
export interface RawDevice {
  index: number;
  name?: string;
  capability?: string;
  passed: boolean;
  error?: string;
  /** The device's own time ran out (it hung). */
  timedOut?: boolean;
}

export interface TorchReport {
  version: string;
  cuda: string | null;
  hip: string | null;
  cudaRuntime: Runtime | null;
  xpuRuntime: Runtime | null;
  mpsRuntime: Runtime | null;
  /** The runtime whose devices were checked; absent when none was (a CPU plan). */
  runtime?: 'cuda' | 'xpu' | 'mps';
  /** How many devices that runtime has. */
  deviceCount?: number;
  /** torch.cuda.get_arch_list() (or torch.xpu's); [] when it has none. */
  archList?: string[];
  /** One per device checked, in index order. */
  devices?: RawDevice[];
  /** Why the device checks stopped before every device was reported; absent when they all were. */
  stopped?: string;
  /** device_count() or the like failed. */
  deviceProblem?: string;
}

export type VerifyRun = { ok: true; report: TorchReport } | { ok: false; problem: string };

export interface VerifyOptions {
  /** The planned runtime whose devices get a kernel run; undefined for none (a CPU plan). */
  runtime?: 'cuda' | 'xpu' | 'mps';
  /** For importing torch and asking its runtimes. */
  importTimeoutMs: number;
  /** For each device's own check (name, capability, a small operation, synchronise). */
  deviceTimeoutMs: number;
  /** How many devices the machine description expects; the outer timeout allows for them. */
  expectedDevices: number;
  /** Called with each device as soon as it is reported, with what the script said before it. */
  onDevice?: (device: RawDevice, seen: Seen) => void;
}

/** What the streamed output has told so far: enough to judge a device against the arch list. */
export interface Seen {
  hip: string | null;
  archList: string[];
}

/** "TORCHCRAFT_DEVICE {...}" -> ["DEVICE", "{...}"]; [undefined, ""] for a line that is not ours. */
function splitTagged(line: string): [string | undefined, string] {
  const m = TAGGED.exec(line);
  return m ? [m[1], m[2]] : [undefined, ''];
}

/** At most this many devices are checked (an MI300X node in CPX mode lists 64). */
export const DEVICE_LIMIT = 128;

/** The planned backend's runtime in torch: ROCm answers through torch.cuda. */
export function runtimeFor(plan: Plan): 'cuda' | 'xpu' | 'mps' | undefined {
  return RUNTIMES[plan.accelerator];
}

const RUNTIMES: Partial<Record<Accelerator, 'cuda' | 'xpu' | 'mps'>> = { nvidia: 'cuda', amd: 'cuda', intel: 'xpu', apple: 'mps' };

export async function runVerification(python: string, env: NodeJS.ProcessEnv, o: VerifyOptions): Promise<VerifyRun> {
  // Linear in the devices: the import, then each expected device (and one more) at its own bound.
  const timeoutMs = o.importTimeoutMs + o.deviceTimeoutMs * (Math.min(Math.max(0, o.expectedDevices), DEVICE_LIMIT) + 1);
  const seen: Seen = { hip: null, archList: [] };
  const lines = new LineReader((line) => {
    const [tag, json] = splitTagged(line);
    if (tag === 'VERIFY') {
      const v = safeJson(json) as { hip?: unknown } | undefined;
      if (v && typeof v.hip === 'string') seen.hip = v.hip;
    } else if (tag === 'DEVICES') {
      const h = safeJson(json) as { archList?: unknown } | undefined;
      if (h && Array.isArray(h.archList)) seen.archList = h.archList.filter((a): a is string => typeof a === 'string').slice(0, 1000).map((a) => a.slice(0, 50));
    } else if (tag === 'DEVICE') {
      const device = rawDevice(safeJson(json));
      if (device) o.onDevice?.(device, seen);
    }
  });
  const r = await runTool(python, ['-c', SCRIPT, o.runtime ?? '', String(o.deviceTimeoutMs / 1000), String(DEVICE_LIMIT)], {
    timeoutMs,
    env,
    onOutput: (chunk, stream) => {
      if (stream === 'stdout') lines.write(chunk);
    },
  });
  if (r.spawnError) return { ok: false, problem: `${python} could not be started (${r.spawnError})` };
  return readOutput(r.stdout, {
    timedOut: r.timedOut,
    exitCode: r.exitCode,
    stderr: r.stderr,
    timeoutS: Math.round(timeoutMs / 1000),
    importTimeoutS: Math.round(o.importTimeoutMs / 1000),
  });
}

interface ProcessEnd {
  timedOut: boolean;
  exitCode: number | null;
  stderr: string;
  timeoutS: number;
  importTimeoutS: number;
}

/** The script's output, as far as it got, read into a report (pure, for tests). */
export function readOutput(stdout: string, end: ProcessEnd): VerifyRun {
  const all = stdout.split(/\r?\n/).map(splitTagged);
  const tagged = (tag: string): unknown[] => all.filter(([t]) => t === tag).map(([, json]) => safeJson(json));
  const how = end.timedOut ? `was stopped after ${end.timeoutS} s` : `ended (exit code ${end.exitCode ?? 'none: killed by a signal'})`;
  const verify = tagged('VERIFY')[0];
  if (verify === undefined) {
    const imported = tagged('IMPORTED')[0] as { version?: unknown } | undefined;
    if (imported) {
      return { ok: false, problem: `torch ${String(imported.version)} was imported, but asking it for its GPU runtimes (is_available) did not finish: the check ${how}` };
    }
    if (end.timedOut) return { ok: false, problem: `importing torch did not finish within ${end.timeoutS} s` };
    const tail = (end.stderr || stdout).trim().split(/\r?\n/).slice(-3).join(' | ');
    return { ok: false, problem: `the verification script failed (exit code ${end.exitCode ?? 'none: killed by a signal'})${tail ? `: ${tail.slice(0, 500)}` : ''}` };
  }
  const parsed = parseReport(JSON.stringify(verify));
  if (!parsed.ok) return parsed;
  const report = parsed.report;
  const header = tagged('DEVICES')[0] as Record<string, unknown> | undefined;
  if (header && typeof header === 'object') {
    const runtime = header.runtime;
    if (runtime === 'cuda' || runtime === 'xpu' || runtime === 'mps') report.runtime = runtime;
    report.deviceCount = typeof header.count === 'number' && Number.isInteger(header.count) && header.count >= 0 ? header.count : 0;
    report.archList = Array.isArray(header.archList) ? header.archList.filter((a): a is string => typeof a === 'string').slice(0, 1000).map((a) => a.slice(0, 50)) : [];
    if (typeof header.problem === 'string') report.deviceProblem = header.problem;
    report.devices = tagged('DEVICE')
      .map(rawDevice)
      .filter((d): d is RawDevice => d !== undefined);
    // The check sentence names the devices torch found ("torch.cuda.is_available() is True (NVIDIA A100)").
    const rt = report.runtime ? report[`${report.runtime}Runtime`] : null;
    if (rt) rt.devices = report.devices.map((d) => d.name ?? `${report.runtime}:${d.index}`);
    const done = tagged('DONE').length > 0;
    const expected = Math.min(report.deviceCount, DEVICE_LIMIT);
    if (!done || report.devices.length < expected) report.stopped = `the check ${how} after ${report.devices.length} of ${expected} device${expected === 1 ? '' : 's'}`;
  } else if (tagged('DONE').length === 0) {
    report.stopped = `the check ${how} before it listed the devices`;
  }
  return { ok: true, report };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function rawDevice(x: unknown): RawDevice | undefined {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return undefined;
  const o = x as Record<string, unknown>;
  if (typeof o.index !== 'number' || !Number.isInteger(o.index) || o.index < 0) return undefined;
  // Bounded whatever printed it: the script cuts these; an interpreter that is not ours may not.
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.slice(0, 300) : undefined);
  const error = str(o.error);
  return {
    index: o.index,
    name: str(o.name),
    capability: str(o.capability),
    passed: o.passed === true && error === undefined,
    error,
    ...(o.timedOut === true ? { timedOut: true } : {}),
  };
}

/** Splits streamed output into whole lines. */
class LineReader {
  private pending = '';
  constructor(private readonly onLine: (line: string) => void) {}
  write(chunk: string): void {
    const parts = (this.pending + chunk).split(/\r?\n/);
    this.pending = parts.pop() ?? '';
    // A line longer than any the script prints is not ours: drop it rather than grow without bound.
    if (this.pending.length > 1_000_000) this.pending = '';
    for (const p of parts) this.onLine(p);
  }
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
