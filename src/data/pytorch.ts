/**
 * What PyTorch publishes: one row per release line, newest last. Adding a
 * release is one row here (its CUDA arch lists are inherited from the open-ended
 * rows in cuda-arches.ts, its gfx lists from rocm.ts).
 *
 * Sources (keys as in ../shared/reference/pytorch-wheels.md):
 * [TI] pytorch/test-infra tools/scripts/generate_binary_build_matrix.py per release,
 * [REL] pytorch/pytorch RELEASE.md compatibility matrix, [TV] pytorch/vision README,
 * [PV] pytorch.github.io previous-versions.md, [LOCAL] wheels on the local mirror.
 * Checked: pytorch/pytorch .ci/manywheel/build_cuda.sh (2.8-era) lists cu126
 * 5.0..9.0 without PTX, cu128 7.0..12.0 without PTX, cu129 ..12.0+PTX: matches.
 */
import { compare, explain } from '@renovatebot/pep440';
import type { Arch, Os } from '../machine.js';

export type Platform = `${Os}-${Arch}`;

export interface ReleaseFacts {
  /** The release line, "2.14". */
  line: string;
  /** Versions known to be published, oldest first ("2.14.0", "2.14.1"). */
  versions: readonly string[];
  /** CPython minors with (GIL) wheels on every platform the release supports. */
  python: readonly string[];
  /** Extra CPython minors published only on some platforms (2.5: 3.13 on Linux x86_64). */
  pythonExtra?: Partial<Record<Platform, readonly string[]>>;
  /** CPython minors with free-threaded (3.13t) wheels. */
  freeThreaded: readonly string[];
  /** CUDA variants on Linux x86_64. */
  cuda: readonly string[];
  /** CUDA variants on Windows x86_64. */
  cudaWindows: readonly string[];
  /** CUDA variants on Linux aarch64 (sbsa). */
  cudaAarch64: readonly string[];
  /** ROCm variants (Linux x86_64 only). */
  rocm: readonly string[];
  /** /whl/xpu (Linux x86_64 and Windows x86_64). */
  xpu: boolean;
  /** What `pip install torch` from PyPI gets on Linux x86_64. */
  pypiDefault: string;
  /** macOS x86_64 wheels (Intel Macs stop at 2.2.2). */
  macosX86: boolean;
  /** Windows on Arm CPU wheels on /whl/cpu. */
  windowsArm: boolean;
  /** Set on a row synthesised for a release newer than this table. */
  provisional?: boolean;
}

const py = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `3.${from + i}`);

// cu129 is Linux-only from 2.9 [reference: "no cu129 from 2.9" on Windows]; aarch64 lists per
// the reference's sbsa note (2.7/2.8 cu128 only; 2.9-2.11 cu126/cu128/cu130; 2.12+ cu126/cu130/cu132).
// Windows on Arm: not in the reference; PyTorch 2.7's release notes announce CPU wheels for
// Windows Arm64 on /whl/cpu (from memory, not re-checked here: doubtful, see report).
export const RELEASES: readonly ReleaseFacts[] = [
  // [TI][REL] 2.0: cu117 default; rocm5.3/5.4.2. Versions: 2.0.0, 2.0.1.
  { line: '2.0', versions: ['2.0.0', '2.0.1'], python: py(8, 11), freeThreaded: [], cuda: ['cu117', 'cu118'], cudaWindows: ['cu117', 'cu118'], cudaAarch64: [], rocm: ['rocm5.3', 'rocm5.4.2'], xpu: false, pypiDefault: 'cu117', macosX86: true, windowsArm: false },
  { line: '2.1', versions: ['2.1.0', '2.1.1', '2.1.2'], python: py(8, 11), freeThreaded: [], cuda: ['cu118', 'cu121'], cudaWindows: ['cu118', 'cu121'], cudaAarch64: [], rocm: ['rocm5.5', 'rocm5.6'], xpu: false, pypiDefault: 'cu121', macosX86: true, windowsArm: false },
  // 2.2.2 is the last release with macOS x86_64 wheels [PV].
  { line: '2.2', versions: ['2.2.0', '2.2.1', '2.2.2'], python: py(8, 12), freeThreaded: [], cuda: ['cu118', 'cu121'], cudaWindows: ['cu118', 'cu121'], cudaAarch64: [], rocm: ['rocm5.6', 'rocm5.7'], xpu: false, pypiDefault: 'cu121', macosX86: true, windowsArm: false },
  { line: '2.3', versions: ['2.3.0', '2.3.1'], python: py(8, 12), freeThreaded: [], cuda: ['cu118', 'cu121'], cudaWindows: ['cu118', 'cu121'], cudaAarch64: [], rocm: ['rocm5.7', 'rocm6.0'], xpu: false, pypiDefault: 'cu121', macosX86: false, windowsArm: false },
  { line: '2.4', versions: ['2.4.0', '2.4.1'], python: py(8, 12), freeThreaded: [], cuda: ['cu118', 'cu121', 'cu124'], cudaWindows: ['cu118', 'cu121', 'cu124'], cudaAarch64: [], rocm: ['rocm6.0', 'rocm6.1'], xpu: false, pypiDefault: 'cu121', macosX86: false, windowsArm: false },
  // 2.5: 3.13 "experimental", Linux x86_64 wheels only [REL]; first XPU release.
  { line: '2.5', versions: ['2.5.0', '2.5.1'], python: py(9, 12), pythonExtra: { 'linux-x86_64': ['3.13'] }, freeThreaded: [], cuda: ['cu118', 'cu121', 'cu124'], cudaWindows: ['cu118', 'cu121', 'cu124'], cudaAarch64: [], rocm: ['rocm6.1', 'rocm6.2'], xpu: true, pypiDefault: 'cu124', macosX86: false, windowsArm: false },
  { line: '2.6', versions: ['2.6.0'], python: py(9, 13), freeThreaded: [], cuda: ['cu118', 'cu124', 'cu126'], cudaWindows: ['cu118', 'cu124', 'cu126'], cudaAarch64: [], rocm: ['rocm6.1', 'rocm6.2.4'], xpu: true, pypiDefault: 'cu124', macosX86: false, windowsArm: false },
  { line: '2.7', versions: ['2.7.0', '2.7.1'], python: py(9, 13), freeThreaded: ['3.13'], cuda: ['cu118', 'cu126', 'cu128'], cudaWindows: ['cu118', 'cu126', 'cu128'], cudaAarch64: ['cu128'], rocm: ['rocm6.2.4', 'rocm6.3'], xpu: true, pypiDefault: 'cu126', macosX86: false, windowsArm: true },
  { line: '2.8', versions: ['2.8.0'], python: py(9, 13), freeThreaded: ['3.13'], cuda: ['cu126', 'cu128', 'cu129'], cudaWindows: ['cu126', 'cu128', 'cu129'], cudaAarch64: ['cu128'], rocm: ['rocm6.3', 'rocm6.4'], xpu: true, pypiDefault: 'cu128', macosX86: false, windowsArm: true },
  { line: '2.9', versions: ['2.9.0', '2.9.1'], python: py(10, 14), freeThreaded: ['3.14'], cuda: ['cu126', 'cu128', 'cu129', 'cu130'], cudaWindows: ['cu126', 'cu128', 'cu130'], cudaAarch64: ['cu126', 'cu128', 'cu130'], rocm: ['rocm6.3', 'rocm6.4'], xpu: true, pypiDefault: 'cu128', macosX86: false, windowsArm: true },
  // 2.10+ free-threaded wheels: the reference lists none explicitly; assumed to continue 2.9's 3.14t.
  { line: '2.10', versions: ['2.10.0'], python: py(10, 14), freeThreaded: ['3.14'], cuda: ['cu126', 'cu128', 'cu129', 'cu130'], cudaWindows: ['cu126', 'cu128', 'cu130'], cudaAarch64: ['cu126', 'cu128', 'cu130'], rocm: ['rocm7.0', 'rocm7.1'], xpu: true, pypiDefault: 'cu128', macosX86: false, windowsArm: true },
  { line: '2.11', versions: ['2.11.0'], python: py(10, 14), freeThreaded: ['3.14'], cuda: ['cu126', 'cu128', 'cu129', 'cu130'], cudaWindows: ['cu126', 'cu128', 'cu130'], cudaAarch64: ['cu126', 'cu128', 'cu130'], rocm: ['rocm7.1', 'rocm7.2'], xpu: true, pypiDefault: 'cu130', macosX86: false, windowsArm: true },
  // 2.12+: no torchaudio (see companions.ts); cu128 replaced by cu132.
  { line: '2.12', versions: ['2.12.0'], python: py(10, 14), freeThreaded: ['3.14'], cuda: ['cu126', 'cu130', 'cu132'], cudaWindows: ['cu126', 'cu130', 'cu132'], cudaAarch64: ['cu126', 'cu130', 'cu132'], rocm: ['rocm7.1', 'rocm7.2'], xpu: true, pypiDefault: 'cu130', macosX86: false, windowsArm: true },
  { line: '2.13', versions: ['2.13.0'], python: py(10, 14), freeThreaded: ['3.14'], cuda: ['cu126', 'cu130', 'cu132'], cudaWindows: ['cu126', 'cu130', 'cu132'], cudaAarch64: ['cu126', 'cu130', 'cu132'], rocm: ['rocm7.1', 'rocm7.2'], xpu: true, pypiDefault: 'cu130', macosX86: false, windowsArm: true },
  // 2.14: rocm7.2 and rocm7.14, no rocm7.1 [reference]; 2.14.1 on PyPI is a cu130 build [LOCAL].
  { line: '2.14', versions: ['2.14.0', '2.14.1'], python: py(10, 14), freeThreaded: ['3.14'], cuda: ['cu126', 'cu130', 'cu132'], cudaWindows: ['cu126', 'cu130', 'cu132'], cudaAarch64: ['cu126', 'cu130', 'cu132'], rocm: ['rocm7.2', 'rocm7.14'], xpu: true, pypiDefault: 'cu130', macosX86: false, windowsArm: true },
];

/**
 * What is already known about releases newer than the table, applied to the
 * newest row's pattern when planning for them (cumulative from the line on).
 */
export const FUTURE_CHANGES: readonly { from: string; dropVariants: readonly string[]; note: string }[] = [
  // [reference] "2.15 (scheduled for late October 2026) drops cu126".
  { from: '2.15', dropVariants: ['cu126'], note: 'torch 2.15 drops cu126, so no CUDA 12 build is left' },
];

export const NEWEST_RELEASE: string = RELEASES[RELEASES.length - 1].line;
export const OLDEST_RELEASE: string = RELEASES[0].line;

/** "2.14" from "2.14.1" (or "2.14"). */
export function lineOf(version: string): string {
  // Through the PEP 440 parser: "0r0" is 0.post0, "2.5rc1" is on the 2.5 line.
  const parsed = explain(version);
  if (parsed) return `${parsed.release[0]}.${parsed.release[1] ?? 0}`;
  const [major, minor] = version.split('.');
  return `${major}.${minor ?? '0'}`;
}

export function compareLines(a: string, b: string): number {
  return compare(a, b);
}

/**
 * The facts for a line: the table's row, or for a line newer than the table a
 * provisional row built from the newest one plus FUTURE_CHANGES. Null for an
 * unknown line older than the newest (1.13, 2.99 is "newer").
 */
export function releaseFacts(line: string): ReleaseFacts | null {
  const known = RELEASES.find((r) => r.line === line);
  if (known) return known;
  if (compareLines(line, NEWEST_RELEASE) <= 0) return null;
  const base = RELEASES[RELEASES.length - 1];
  const dropped = new Set(FUTURE_CHANGES.filter((c) => compareLines(line, c.from) >= 0).flatMap((c) => c.dropVariants));
  const keep = (vs: readonly string[]): string[] => vs.filter((v) => !dropped.has(v));
  return {
    ...base,
    line,
    versions: [`${line}.0`],
    cuda: keep(base.cuda),
    cudaWindows: keep(base.cudaWindows),
    cudaAarch64: keep(base.cudaAarch64),
    rocm: keep(base.rocm),
    pypiDefault: dropped.has(base.pypiDefault) ? keep(base.cuda).at(-1) ?? 'cpu' : base.pypiDefault,
    provisional: true,
  };
}

/** The known changes that apply to a line newer than the table, in words. */
export function futureNotes(line: string): string[] {
  return FUTURE_CHANGES.filter((c) => compareLines(line, c.from) >= 0).map((c) => c.note);
}

function factsOf(release: string | ReleaseFacts): ReleaseFacts | null {
  return typeof release === 'string' ? releaseFacts(lineOf(release)) : release;
}

/**
 * The variants published for (release, os, arch), in index order: "cpu" first,
 * then CUDA, ROCm, XPU; "mps" (PyPI's default build) on Apple Silicon. Empty when
 * the release has no wheels there at all (Intel Mac after 2.2).
 */
export function variantsFor(release: string | ReleaseFacts, os: Os, arch: Arch): string[] {
  const r = factsOf(release);
  if (!r) return [];
  switch (`${os}-${arch}` as Platform) {
    case 'linux-x86_64':
      return ['cpu', ...r.cuda, ...r.rocm, ...(r.xpu ? ['xpu'] : [])];
    case 'linux-aarch64':
      return ['cpu', ...r.cudaAarch64];
    case 'windows-x86_64':
      return ['cpu', ...r.cudaWindows, ...(r.xpu ? ['xpu'] : [])];
    case 'windows-aarch64':
      return r.windowsArm ? ['cpu'] : [];
    case 'macos-aarch64':
      return ['mps', 'cpu'];
    case 'macos-x86_64':
      return r.macosX86 ? ['cpu'] : [];
  }
}

/**
 * [reference "Index URLs"] PyPI's default Linux aarch64 wheel is a CPU build up to
 * 2.10 and a CUDA 13.0 build from 2.11 on.
 */
export const PYPI_AARCH64_CUDA_FROM = '2.11';

/**
 * The build `pip install torch` gets from PyPI for (release, os, arch): a CUDA
 * variant ("cu130"), "cpu", or "mps" (the macOS arm64 wheel). [reference "Index URLs"]:
 * Linux x86_64 per release (`pypiDefault`), Linux aarch64 CPU then cu130 from 2.11,
 * Windows CPU for every release, macOS CPU (with MPS on arm64).
 */
export function pypiDefaultFor(release: ReleaseFacts, os: Os, arch: Arch): string {
  switch (`${os}-${arch}` as Platform) {
    case 'linux-x86_64':
      return release.pypiDefault;
    case 'linux-aarch64':
      return compareLines(release.line, PYPI_AARCH64_CUDA_FROM) >= 0 ? 'cu130' : 'cpu';
    case 'macos-aarch64':
      return 'mps';
    default:
      return 'cpu';
  }
}

/** CPython minors ("3.12") with wheels for the release on the platform. */
export function pythonsFor(release: ReleaseFacts, os: Os, arch: Arch): string[] {
  const extra = release.pythonExtra?.[`${os}-${arch}`] ?? [];
  return [...release.python, ...extra].sort((a, b) => compare(a, b));
}

/** "cu128" -> "12.8"; null for anything that is not a CUDA variant. */
export function cudaOfVariant(variant: string): string | null {
  const m = /^cu(\d+)(\d)$/.exec(variant);
  return m ? `${Number(m[1])}.${m[2]}` : null;
}

/** "rocm6.2.4" -> "6.2.4"; null otherwise. */
export function rocmOfVariant(variant: string): string | null {
  const m = /^rocm(\d+(?:\.\d+)+)$/.exec(variant);
  return m ? m[1] : null;
}

/** Every variant name any release in the table publishes anywhere (for messages and checks). */
export function allVariants(): string[] {
  const names = new Set<string>();
  for (const r of RELEASES) for (const os of ['linux', 'windows', 'macos'] as const) for (const arch of ['x86_64', 'aarch64'] as const) for (const v of variantsFor(r, os, arch)) names.add(v);
  return [...names];
}
