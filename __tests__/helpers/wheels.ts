/**
 * Small real wheels for install tests. A wheel is a zip with a .dist-info
 * (METADATA, WHEEL, RECORD); Python's own zipfile writes it, through runTool,
 * so the archives are exactly what pip and uv expect and no zip writer lives here.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
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

export interface FakeTorchOptions {
  /** "2.14.1+cu126", "2.14.1+cpu", "2.14.1+rocm7.2", "2.14.1+xpu", "2.14.1" (PyPI). */
  version: string;
  /** What torch.cuda.is_available() answers (ROCm builds answer there too). */
  cudaAvailable?: boolean;
  /** What torch.xpu.is_available() answers. */
  xpuAvailable?: boolean;
  /** Device name reported for an available GPU. */
  deviceName?: string;
}

/**
 * A torch that reports the build it claims: torch.version.cuda / hip / xpu
 * follow from the local label the way the real builds set them.
 */
export function fakeTorch(o: FakeTorchOptions): WheelSpec {
  const label = o.version.includes('+') ? o.version.slice(o.version.indexOf('+') + 1) : '';
  const cu = /^cu(\d+)(\d)$/.exec(label);
  const cuda = cu ? `'${cu[1]}.${cu[2]}'` : label === '' ? "'13.0'" : 'None';
  const rocm = /^rocm([\d.]+)$/.exec(label);
  const hip = rocm ? `'${rocm[1]}.0-0'` : 'None';
  const xpu = label === 'xpu' ? "'20250101'" : 'None';
  const name = JSON.stringify(o.deviceName ?? 'Fake Accelerator');
  const py = (b: boolean | undefined): string => (b ? 'True' : 'False');
  const device = (available: boolean | undefined): string =>
    [
      `def is_available():\n    return ${py(available)}\n`,
      `def device_count():\n    return ${available ? 1 : 0}\n`,
      `def get_device_name(i=0):\n    return ${name}\n`,
    ].join('');
  return {
    name: 'torch',
    version: o.version,
    files: {
      'torch/__init__.py': 'from . import version, cuda, xpu, backends\n__version__ = version.__version__\n',
      'torch/version.py': `__version__ = '${o.version}'\ncuda = ${cuda}\nhip = ${hip}\nxpu = ${xpu}\n`,
      'torch/cuda/__init__.py': device(o.cudaAvailable),
      'torch/xpu/__init__.py': device(o.xpuAvailable),
      'torch/backends/__init__.py': 'from . import mps\n',
      'torch/backends/mps.py': 'def is_available():\n    return False\n',
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
