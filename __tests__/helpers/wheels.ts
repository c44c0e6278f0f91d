/**
 * Small real wheels for install tests. A wheel is a zip with a .dist-info
 * (METADATA, WHEEL, RECORD); Python's own zipfile writes it, through runTool,
 * so the archives are exactly what pip and uv expect and no zip writer lives here.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTool } from '../../src/process/run-tool.js';

export interface WheelSpec {
  /** Project name as published: "torch", "torchvision". */
  name: string;
  /** Version with any local label: "2.14.1+cu126". */
  version: string;
  /** Requires-Dist lines: "torch==2.14.1". */
  requires?: string[];
  /** Module files, path inside the wheel -> contents. */
  files: Record<string, string>;
}

export interface BuiltWheel {
  name: string;
  version: string;
  filename: string;
  path: string;
  sha256: string;
}

/** PEP 427: a distribution name in a file name has runs of -_. folded to "_". */
function fileNamePart(name: string): string {
  return name.replace(/[-_.]+/g, '_');
}

export function wheelFilename(name: string, version: string): string {
  return `${fileNamePart(name)}-${version}-py3-none-any.whl`;
}

// Writes every wheel named in argv[1] (a JSON list) into argv[2].
const BUILD_SCRIPT = `
import base64, hashlib, json, os, sys, zipfile
specs = json.loads(sys.argv[1]); out = sys.argv[2]
def rec(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (path, digest, len(data))
for s in specs:
    dist = "%s-%s.dist-info" % (s["stem"], s["version"])
    meta = "Metadata-Version: 2.1\\nName: %s\\nVersion: %s\\n" % (s["name"], s["version"])
    meta += "".join("Requires-Dist: %s\\n" % r for r in s["requires"])
    entries = dict(s["files"])
    entries[dist + "/METADATA"] = meta
    entries[dist + "/WHEEL"] = "Wheel-Version: 1.0\\nGenerator: torchcraft-tests\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"
    lines = [rec(p, c.encode()) for p, c in entries.items()] + [dist + "/RECORD,,"]
    entries[dist + "/RECORD"] = "\\n".join(lines) + "\\n"
    with zipfile.ZipFile(os.path.join(out, s["filename"]), "w", zipfile.ZIP_DEFLATED) as z:
        for p, c in entries.items():
            z.writestr(p, c)
`;

/** Build the wheels into dir with one Python run; python3 by default. */
export async function buildWheels(specs: WheelSpec[], dir: string, python = defaultPython()): Promise<BuiltWheel[]> {
  mkdirSync(dir, { recursive: true });
  const payload = specs.map((s) => ({
    name: s.name,
    stem: fileNamePart(s.name),
    version: s.version,
    requires: s.requires ?? [],
    files: s.files,
    filename: wheelFilename(s.name, s.version),
  }));
  const r = await runTool(python, ['-c', BUILD_SCRIPT, JSON.stringify(payload), dir], { timeoutMs: 60_000 });
  if (!r.ok) throw new Error(`building wheels failed: ${r.spawnError ?? r.exitCode}\n${r.stderr}`);
  return payload.map((p) => {
    const path = join(dir, p.filename);
    return {
      name: p.name,
      version: p.version,
      filename: p.filename,
      path,
      sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
    };
  });
}

export function defaultPython(): string {
  return process.platform === 'win32' ? 'python' : 'python3';
}

/** One device of a fake runtime. */
export interface FakeDevice {
  name: string;
  /** CUDA: "8.9"; ROCm: the gcnArchName, "gfx90a:sramecc+:xnack-". Absent: the build's default. */
  capability?: string;
  /** An operation on it raises RuntimeError with this text (instead of what the arch list implies). */
  error?: string;
  /** synchronize() on it never returns (a hung device). */
  hang?: boolean;
}

/** A runtime of the fake: torch.cuda (also ROCm), torch.xpu, or MPS. */
export interface FakeRuntime {
  available: boolean;
  /** get_arch_list(); absent: the list the build it claims has. */
  archList?: string[];
  devices?: FakeDevice[];
  /** device_count() never returns (a driver that hangs before any device is reached). */
  hangOnCount?: boolean;
}

/**
 * What the fake does at run time. A wheel carries its own (from the options it
 * was built with); a test overrides any of it for one run by writing this as
 * JSON to a file named by FAKE_TORCH_CONFIG (see fakeTorchEnv), so one
 * installed wheel serves many scenarios.
 */
export interface FakeTorchConfig {
  /** `import torch` raises ImportError with this text. */
  importError?: string;
  /** `import torch` kills the interpreter (SIGABRT), as a build for another CPU does with SIGILL. */
  crashOnImport?: boolean;
  cuda?: FakeRuntime;
  xpu?: FakeRuntime;
  mps?: FakeRuntime;
}

export interface FakeTorchOptions {
  /** "2.14.1+cu126", "2.14.1+cpu", "2.14.1+rocm7.2", "2.14.1+xpu", "2.14.1" (PyPI). */
  version: string;
  /** What torch.cuda.is_available() answers (ROCm builds answer there too). */
  cudaAvailable?: boolean;
  /** What torch.xpu.is_available() answers. */
  xpuAvailable?: boolean;
  /** Name of the one device of an available runtime (when `config` names no devices). */
  deviceName?: string;
  /** The wheel's built-in run-time behaviour, over the defaults above. */
  config?: FakeTorchConfig;
}

/** The environment variable naming a FakeTorchConfig file that overrides a fake wheel's own. */
export const FAKE_TORCH_CONFIG = 'FAKE_TORCH_CONFIG';

/** Write `config` to a file in dir; returns the environment that makes an installed fake torch use it. */
export function fakeTorchEnv(dir: string, config: FakeTorchConfig): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `fake-torch-${createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 12)}.json`);
  writeFileSync(file, JSON.stringify(config));
  return { [FAKE_TORCH_CONFIG]: file };
}

/** What torch.cuda.get_arch_list() returns in the real builds of torch 2.14 (shared/reference/pytorch-wheels.md). */
export const ARCH_LISTS: Record<string, string[]> = {
  cu126: ['sm_50', 'sm_60', 'sm_70', 'sm_75', 'sm_80', 'sm_86', 'sm_90'],
  cu130: ['sm_75', 'sm_80', 'sm_86', 'sm_90', 'sm_100', 'sm_120'],
  rocm: ['gfx900', 'gfx906', 'gfx908', 'gfx90a', 'gfx942', 'gfx950', 'gfx1030', 'gfx1100', 'gfx1101', 'gfx1102', 'gfx1103', 'gfx1150', 'gfx1151', 'gfx1200', 'gfx1201'],
};

// The fake's run time: its configuration, devices, tensors and the errors real builds raise.
const FAKE_RUNTIME = `
import json, os, time
BUILT = json.loads(BUILT_JSON)
HIP = HIP_VERSION is not None
def config():
    cfg = dict(BUILT)
    path = os.environ.get("${FAKE_TORCH_CONFIG}")
    if path:
        with open(path) as f:
            given = json.load(f)
        # A runtime given in part keeps the rest of the build's own (its arch list, say).
        for key, value in given.items():
            cfg[key] = dict(cfg.get(key) or {}, **value) if key in ("cuda", "xpu", "mps") else value
    return cfg
CFG = config()
KERNEL = ("HIP error: invalid device function\\nHIP kernel errors might be asynchronously reported at some other API call, so the stacktrace below might be incorrect.\\n"
          "For debugging consider passing AMD_SERIALIZE_KERNEL=3\\nCompile with \`TORCH_USE_HIP_DSA\` to enable device-side assertions.\\n") if HIP else (
          "CUDA error: no kernel image is available for execution on the device\\nCUDA kernel errors might be asynchronously reported at some other API call, so the stacktrace below might be incorrect.\\n"
          "For debugging consider passing CUDA_LAUNCH_BLOCKING=1\\nCompile with \`TORCH_USE_CUDA_DSA\` to enable device-side assertions.\\n")
def runtime(kind):
    return CFG.get(kind) or {"available": False}
def available(kind):
    return bool(runtime(kind).get("available"))
def devices(kind):
    return runtime(kind).get("devices") or [] if available(kind) else []
def device(kind, i):
    ds = devices(kind)
    if i is None:
        i = 0
    if not isinstance(i, int) or i < 0 or i >= len(ds):
        raise RuntimeError("%s error: invalid device ordinal" % ("HIP" if HIP else "CUDA"))
    return ds[i]
def arch_list(kind):
    return list(runtime(kind).get("archList") or []) if available(kind) else []
def covered(kind, d):
    if kind != "cuda":
        return True
    arch = arch_list(kind)
    cap = d.get("capability", "")
    if HIP:
        return cap.split(":")[0] in [a.split(":")[0] for a in arch]
    major, minor = (int(x) for x in cap.split("."))
    for a in arch:
        sm, digits = a.split("_")
        m, n = int(digits[:-1]), int(digits[-1])
        if sm == "sm" and m == major and n <= minor:
            return True
        if sm == "compute" and (m, n) <= (major, minor):
            return True
    return False
def parse(dev):
    dev = str(dev)
    kind, _, index = dev.partition(":")
    return kind, int(index) if index else 0
def check(dev):
    kind, i = parse(dev)
    if kind == "cpu":
        return
    if not available(kind):
        raise RuntimeError("Found no NVIDIA driver on your system." if kind == "cuda" else "%s is not available" % kind)
    d = device(kind, i)
    if d.get("error"):
        raise RuntimeError(d["error"])
    if not covered(kind, d):
        raise RuntimeError(KERNEL)
def synchronize(kind, i):
    d = device(kind, i)
    while d.get("hang"):
        time.sleep(3600)
class Tensor:
    def __init__(self, values, device):
        self.values, self.device = values, device
    def __mul__(self, k):
        check(self.device)
        return Tensor([v * k for v in self.values], self.device)
    def __add__(self, k):
        check(self.device)
        return Tensor([v + k for v in self.values], self.device)
    def sum(self):
        check(self.device)
        return Tensor([float(sum(self.values))], self.device)
    def item(self):
        return self.values[0]
def arange(n, dtype=None, device="cpu"):
    check(device)
    return Tensor([float(i) for i in range(n)], str(device))
`;

function runtimeModule(kind: 'cuda' | 'xpu'): string {
  return `from .. import _fake
def is_available():
    return _fake.available("${kind}")
def device_count():
    while _fake.runtime("${kind}").get("hangOnCount"):
        _fake.time.sleep(3600)
    return len(_fake.devices("${kind}"))
def get_device_name(device=None):
    return _fake.device("${kind}", device)["name"]
def get_device_capability(device=None):
    cap = _fake.device("${kind}", device).get("capability", "0.0")
    if cap.startswith("gfx"):
        digits = cap.split(":")[0][3:]
        return (int(digits[:-2]), int(digits[-2], 16))
    return tuple(int(x) for x in cap.split("."))
class _Properties:
    def __init__(self, d):
        self.name = d["name"]
        if _fake.HIP:
            self.gcnArchName = d.get("capability", "")
def get_device_properties(device=None):
    return _Properties(_fake.device("${kind}", device))
def get_arch_list():
    return _fake.arch_list("${kind}")
def synchronize(device=None):
    _fake.synchronize("${kind}", device)
`;
}

/**
 * A torch that behaves like the build it claims: torch.version.cuda / hip /
 * xpu follow from the local label the way the real builds set them, and so do
 * get_arch_list() and the errors its operations raise (a device the arch list
 * does not cover fails with "no kernel image is available for execution on the
 * device", or on ROCm "HIP error: invalid device function").
 */
export function fakeTorch(o: FakeTorchOptions): WheelSpec {
  const label = o.version.includes('+') ? o.version.slice(o.version.indexOf('+') + 1) : '';
  const cu = /^cu(\d+)(\d)$/.exec(label);
  const cuda = cu ? `'${cu[1]}.${cu[2]}'` : label === '' ? "'13.0'" : 'None';
  const rocm = /^rocm([\d.]+)$/.exec(label);
  const hip = rocm ? `'${rocm[1]}.0-0'` : 'None';
  const xpu = label === 'xpu' ? "'20250101'" : 'None';
  const name = o.deviceName ?? 'Fake Accelerator';
  const cudaArch = rocm ? ARCH_LISTS.rocm : (ARCH_LISTS[label] ?? ARCH_LISTS.cu130);
  const one = (capability?: string): FakeDevice[] => [{ name, ...(capability ? { capability } : {}) }];
  const built: FakeTorchConfig = {
    cuda: { available: o.cudaAvailable === true, archList: cuda === 'None' && !rocm ? [] : cudaArch, devices: one(rocm ? 'gfx942:sramecc+:xnack-' : '8.9') },
    xpu: { available: o.xpuAvailable === true, archList: [], devices: one() },
    mps: { available: false, devices: [{ name: 'mps' }] },
    ...o.config,
  };
  return {
    name: 'torch',
    version: o.version,
    files: {
      'torch/__init__.py':
        'from . import _fake\n' +
        'if _fake.CFG.get("importError"):\n    raise ImportError(_fake.CFG["importError"])\n' +
        'if _fake.CFG.get("crashOnImport"):\n    import os\n    os.abort()\n' +
        'from . import version, cuda, xpu, backends, mps\n__version__ = version.__version__\nfloat32 = "float32"\narange = _fake.arange\n',
      'torch/_fake.py': `BUILT_JSON = ${JSON.stringify(JSON.stringify(built))}\nHIP_VERSION = ${hip}\n${FAKE_RUNTIME}`,
      'torch/version.py': `__version__ = '${o.version}'\ncuda = ${cuda}\nhip = ${hip}\nxpu = ${xpu}\n`,
      'torch/cuda/__init__.py': runtimeModule('cuda'),
      'torch/xpu/__init__.py': runtimeModule('xpu'),
      'torch/backends/__init__.py': 'from . import mps\n',
      'torch/backends/mps.py': 'from .. import _fake\ndef is_available():\n    return _fake.available("mps")\n',
      'torch/mps.py': 'from . import _fake\ndef synchronize():\n    _fake.synchronize("mps", 0)\n',
    },
  };
}

/** A companion with its real pin on torch ("torchvision 0.29.1" requires "torch==2.14.1"). */
export function companion(name: string, version: string, torchPin: string): WheelSpec {
  const mod = fileNamePart(name);
  return {
    name,
    version,
    requires: [`torch==${torchPin}`],
    files: { [`${mod}/__init__.py`]: `__version__ = '${version}'\n` },
  };
}

/** Any other package, for requirement files: a module that records its version. */
export function plainPackage(name: string, version: string, requires: string[] = []): WheelSpec {
  const mod = fileNamePart(name).toLowerCase();
  return { name, version, requires, files: { [`${mod}/__init__.py`]: `__version__ = '${version}'\n` } };
}
