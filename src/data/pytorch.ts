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
  /** Versions known to be published, oldest first ("2.14.0", "2.14.1"). On a patch group: the group's versions. */
  versions: readonly string[];
  /** CPython minors with (GIL) wheels on every platform the release supports (unless `pythonOn` says otherwise). */
  python: readonly string[];
  /** Extra CPython minors published only on some platforms (2.5: 3.13 on Linux x86_64). */
  pythonExtra?: Partial<Record<Platform, readonly string[]>>;
  /** The whole list on a platform that has fewer (Windows on Arm: 3.11-3.13 only). */
  pythonOn?: Partial<Record<Platform, readonly string[]>>;
  /** CPython minors with free-threaded (3.13t) wheels. */
  freeThreaded: readonly string[];
  /** Extra free-threaded minors only on some platforms (2.13: 3.15t on Linux). */
  freeThreadedExtra?: Partial<Record<Platform, readonly string[]>>;
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
  /**
   * Patch versions whose wheels differ from the row's (2.12.1 brought cu129 back and
   * dropped 3.13t): the row itself describes its other versions.
   */
  patches?: readonly PatchFacts[];
  /** Set on the facts of one patch group of a line that has `patches` ("2.12.1"). */
  patchGroup?: boolean;
  /** Set on a row synthesised for a release newer than this table. */
  provisional?: boolean;
}

/** What differs in some patch versions of a line, with the source of the difference. */
export type PatchFacts = { versions: readonly string[]; source: string } & Partial<
  Pick<ReleaseFacts, 'python' | 'pythonExtra' | 'pythonOn' | 'freeThreaded' | 'freeThreadedExtra' | 'cuda' | 'cudaWindows' | 'cudaAarch64' | 'rocm' | 'xpu'>
>;

const py = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `3.${from + i}`);

// Sources, keys as in ../shared/reference/pytorch-wheels.md ("Changes on 2026-12-01"):
// [TI] test-infra generate_binary_build_matrix.py, [REL] RELEASE.md, [IDX] quoted index
// listings, [3P] third-party tables, [PR] pytorch issues/PRs (#N), [PV] previous-versions.md.
// Facts the reference marks "unconfirmed" are left out of the rows (they decide nothing):
// 2.0 rocm5.3, 2.4 aarch64 cu124, 2.6 3.13t, a 2.9.0 Windows cu129, 2.15 itself.
/** Windows on Arm: CPU wheels on /whl/cpu from 2.7, cp311-cp313 only (C2) [TI, IDX, #152109, #195033]. */
const WIN_ARM_PY = { 'windows-aarch64': py(11, 13) } as const;
/** 3.15 and 3.15t for 2.13/2.14: Linux only, not on PyPI (C2) [IDX, #194367]. */
const LINUX_315 = { 'linux-x86_64': ['3.15'], 'linux-aarch64': ['3.15'] } as const;

export const RELEASES: readonly ReleaseFacts[] = [
  // [TI][REL] 2.0: cu117 default; rocm5.4.2 (5.3 unconfirmed [PV], left out). Versions [TI, 3P].
  { line: '2.0', versions: ['2.0.0', '2.0.1'], python: py(8, 11), freeThreaded: [], cuda: ['cu117', 'cu118'], cudaWindows: ['cu117', 'cu118'], cudaAarch64: [], rocm: ['rocm5.4.2'], xpu: false, pypiDefault: 'cu117', macosX86: true, windowsArm: false },
  { line: '2.1', versions: ['2.1.0', '2.1.1', '2.1.2'], python: py(8, 11), freeThreaded: [], cuda: ['cu118', 'cu121'], cudaWindows: ['cu118', 'cu121'], cudaAarch64: [], rocm: ['rocm5.5', 'rocm5.6'], xpu: false, pypiDefault: 'cu121', macosX86: true, windowsArm: false },
  // 2.2.2 is the last release with macOS x86_64 wheels [PV, #127870].
  { line: '2.2', versions: ['2.2.0', '2.2.1', '2.2.2'], python: py(8, 12), freeThreaded: [], cuda: ['cu118', 'cu121'], cudaWindows: ['cu118', 'cu121'], cudaAarch64: [], rocm: ['rocm5.6', 'rocm5.7'], xpu: false, pypiDefault: 'cu121', macosX86: true, windowsArm: false },
  { line: '2.3', versions: ['2.3.0', '2.3.1'], python: py(8, 12), freeThreaded: [], cuda: ['cu118', 'cu121'], cudaWindows: ['cu118', 'cu121'], cudaAarch64: [], rocm: ['rocm5.7', 'rocm6.0'], xpu: false, pypiDefault: 'cu121', macosX86: false, windowsArm: false },
  // aarch64 cu124 for 2.4: unconfirmed [BLD], left out.
  { line: '2.4', versions: ['2.4.0', '2.4.1'], python: py(8, 12), freeThreaded: [], cuda: ['cu118', 'cu121', 'cu124'], cudaWindows: ['cu118', 'cu121', 'cu124'], cudaAarch64: [], rocm: ['rocm6.0', 'rocm6.1'], xpu: false, pypiDefault: 'cu121', macosX86: false, windowsArm: false },
  // 2.5: 3.13 "experimental", Linux x86_64 wheels only [REL]; first XPU release; aarch64 cu124, sm_90 only (C2) [BLD, TI, IDX].
  { line: '2.5', versions: ['2.5.0', '2.5.1'], python: py(9, 12), pythonExtra: { 'linux-x86_64': ['3.13'] }, freeThreaded: [], cuda: ['cu118', 'cu121', 'cu124'], cudaWindows: ['cu118', 'cu121', 'cu124'], cudaAarch64: ['cu124'], rocm: ['rocm6.1', 'rocm6.2'], xpu: true, pypiDefault: 'cu124', macosX86: false, windowsArm: false },
  // 2.6: aarch64 cu126, sm_90 only (C2) [BLD, TI, IDX]; its experimental 3.13t is unconfirmed per platform: left out.
  { line: '2.6', versions: ['2.6.0'], python: py(9, 13), freeThreaded: [], cuda: ['cu118', 'cu124', 'cu126'], cudaWindows: ['cu118', 'cu124', 'cu126'], cudaAarch64: ['cu126'], rocm: ['rocm6.1', 'rocm6.2.4'], xpu: true, pypiDefault: 'cu124', macosX86: false, windowsArm: false },
  { line: '2.7', versions: ['2.7.0', '2.7.1'], python: py(9, 13), pythonOn: WIN_ARM_PY, freeThreaded: ['3.13'], cuda: ['cu118', 'cu126', 'cu128'], cudaWindows: ['cu118', 'cu126', 'cu128'], cudaAarch64: ['cu128'], rocm: ['rocm6.2.4', 'rocm6.3'], xpu: true, pypiDefault: 'cu126', macosX86: false, windowsArm: true },
  // 2.8 aarch64 CUDA: cu129 only, not cu128 (C2) [TI 21480431a, #162364, IDX]; Windows cu129 in 2.8 only [TI].
  { line: '2.8', versions: ['2.8.0'], python: py(9, 13), pythonOn: WIN_ARM_PY, freeThreaded: ['3.13'], cuda: ['cu126', 'cu128', 'cu129'], cudaWindows: ['cu126', 'cu128', 'cu129'], cudaAarch64: ['cu129'], rocm: ['rocm6.3', 'rocm6.4'], xpu: true, pypiDefault: 'cu128', macosX86: false, windowsArm: true },
  // 2.9-2.11: 3.13t (C2) [IDX, TI, #182951] and 3.14t; cu129 Linux x86_64 and aarch64 [TI, 3P].
  { line: '2.9', versions: ['2.9.0', '2.9.1'], python: py(10, 14), pythonOn: WIN_ARM_PY, freeThreaded: ['3.13', '3.14'], cuda: ['cu126', 'cu128', 'cu129', 'cu130'], cudaWindows: ['cu126', 'cu128', 'cu130'], cudaAarch64: ['cu126', 'cu128', 'cu129', 'cu130'], rocm: ['rocm6.3', 'rocm6.4'], xpu: true, pypiDefault: 'cu128', macosX86: false, windowsArm: true },
  { line: '2.10', versions: ['2.10.0'], python: py(10, 14), pythonOn: WIN_ARM_PY, freeThreaded: ['3.13', '3.14'], cuda: ['cu126', 'cu128', 'cu129', 'cu130'], cudaWindows: ['cu126', 'cu128', 'cu130'], cudaAarch64: ['cu126', 'cu128', 'cu129', 'cu130'], rocm: ['rocm7.0', 'rocm7.1'], xpu: true, pypiDefault: 'cu128', macosX86: false, windowsArm: true },
  { line: '2.11', versions: ['2.11.0'], python: py(10, 14), pythonOn: WIN_ARM_PY, freeThreaded: ['3.13', '3.14'], cuda: ['cu126', 'cu128', 'cu129', 'cu130'], cudaWindows: ['cu126', 'cu128', 'cu130'], cudaAarch64: ['cu126', 'cu128', 'cu129', 'cu130'], rocm: ['rocm7.1', 'rocm7.2'], xpu: true, pypiDefault: 'cu130', macosX86: false, windowsArm: true },
  // 2.12.0: no torchaudio (see companions.ts); cu128 replaced by cu132; no cu129; 3.13t still (C2).
  // 2.12.1 (June 2026, TI 77e179c3b): Linux cu129 back (C2), no 3.13t (C2) [test-infra#8200, TI 4fa7ce0ea, #182951];
  // ROCm as 2.12.0 (not re-checked).
  {
    line: '2.12', versions: ['2.12.0', '2.12.1'], python: py(10, 14), pythonOn: WIN_ARM_PY, freeThreaded: ['3.13', '3.14'], cuda: ['cu126', 'cu130', 'cu132'], cudaWindows: ['cu126', 'cu130', 'cu132'], cudaAarch64: ['cu126', 'cu130', 'cu132'], rocm: ['rocm7.1', 'rocm7.2'], xpu: true, pypiDefault: 'cu130', macosX86: false, windowsArm: true,
    patches: [{ versions: ['2.12.1'], source: '[TI 77e179c3b, test-infra#8200, #182951] (C2)', freeThreaded: ['3.14'], cuda: ['cu126', 'cu129', 'cu130', 'cu132'], cudaAarch64: ['cu126', 'cu129', 'cu130', 'cu132'] }],
  },
  // 2.13.0 (there was no 2.13.1 [TI]): cu129 on Linux x86_64 and aarch64 (C2) [TI, 3P, googlecolab/colabtools#6053];
  // 3.15/3.15t Linux only (C2) [IDX, #194367]; macOS arm64 wheels need macOS 14+ [IDX].
  { line: '2.13', versions: ['2.13.0'], python: py(10, 14), pythonExtra: LINUX_315, pythonOn: WIN_ARM_PY, freeThreaded: ['3.14'], freeThreadedExtra: LINUX_315, cuda: ['cu126', 'cu129', 'cu130', 'cu132'], cudaWindows: ['cu126', 'cu130', 'cu132'], cudaAarch64: ['cu126', 'cu129', 'cu130', 'cu132'], rocm: ['rocm7.1', 'rocm7.2'], xpu: true, pypiDefault: 'cu130', macosX86: false, windowsArm: true },
  // 2.14: rocm7.2 and rocm7.14, no rocm7.1, no cu129, no cu134 (C2) [googlecolab/colabtools#6093, test-infra#8497];
  // PyPI's build is cu130 [LOCAL]. Windows on Arm cp314 not checked for 2.14: kept at 3.11-3.13.
  { line: '2.14', versions: ['2.14.0', '2.14.1'], python: py(10, 14), pythonExtra: LINUX_315, pythonOn: WIN_ARM_PY, freeThreaded: ['3.14'], freeThreadedExtra: LINUX_315, cuda: ['cu126', 'cu130', 'cu132'], cudaWindows: ['cu126', 'cu130', 'cu132'], cudaAarch64: ['cu126', 'cu130', 'cu132'], rocm: ['rocm7.2', 'rocm7.14'], xpu: true, pypiDefault: 'cu130', macosX86: false, windowsArm: true },
];

/**
 * The facts of each group of patch versions of a line that publish the same wheels,
 * oldest first: the row itself when no patch differs; else one facts object per group
 * (2.12.0, then 2.12.1), each with `patchGroup` set and its own versions.
 */
export function patchGroups(facts: ReleaseFacts): ReleaseFacts[] {
  if (!facts.patches || facts.patches.length === 0) return [facts];
  const { patches, ...base } = facts;
  const patched = new Set(patches.flatMap((p) => p.versions));
  const groups: ReleaseFacts[] = [];
  const rest = facts.versions.filter((v) => !patched.has(v));
  if (rest.length > 0) groups.push({ ...base, versions: rest, patchGroup: true });
  for (const p of patches) {
    const { versions, source: _source, ...diff } = p;
    groups.push({ ...base, ...diff, versions, patchGroup: true });
  }
  return groups.sort((a, b) => compare(a.versions[0], b.versions[0]));
}

/** Every release's patch groups, oldest first: what messages search for "a release that has X". */
export function releaseGroups(): ReleaseFacts[] {
  return RELEASES.flatMap(patchGroups);
}

/**
 * The facts of the group a version belongs to: its own group, or for a version the
 * data does not list (2.12.2) the group of the nearest listed version below it.
 */
export function groupOfVersion(facts: ReleaseFacts, version: string): ReleaseFacts {
  const groups = patchGroups(facts);
  if (groups.length === 1) return groups[0];
  const own = groups.find((g) => g.versions.some((v) => safeCompare(v, version) === 0));
  if (own) return own;
  let best = groups[0];
  for (const g of groups) if (g.versions.some((v) => safeCompare(v, version) <= 0)) best = g;
  return best;
}

function safeCompare(a: string, b: string): number {
  try {
    return compare(a, b);
  } catch {
    return a.localeCompare(b);
  }
}

/** How a message names the facts: the line ("2.14"), or a patch group's versions ("2.12.1"). */
export function releaseLabel(facts: ReleaseFacts): string {
  if (!facts.patchGroup) return facts.line;
  return facts.versions.length === 1 ? facts.versions[0] : `${facts.versions[0]}-${facts.versions[facts.versions.length - 1]}`;
}

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
  const { patches: _patches, ...base } = RELEASES[RELEASES.length - 1];
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
  if (typeof release !== 'string') return release;
  const facts = releaseFacts(lineOf(release));
  // A full version ("2.12.1") is its own patch group; a line ("2.12") is every version of it.
  return facts && /^\d+\.\d+\.\d+/.test(release) ? groupOfVersion(facts, release) : facts;
}

/**
 * The variants published for (release, os, arch), in index order: "cpu" first,
 * then CUDA, ROCm, XPU; "mps" (PyPI's default build) on Apple Silicon. Empty when
 * the release has no wheels there at all (Intel Mac after 2.2).
 */
export function variantsFor(release: string | ReleaseFacts, os: Os, arch: Arch): string[] {
  const r = factsOf(release);
  if (!r) return [];
  if (r.patches && r.patches.length > 0) {
    // A line whose patches differ: what any of its versions publishes, in index order.
    const all = patchGroups(r).map((g) => variantsFor(g, os, arch));
    const seen = new Set(all.flat());
    const order = all.reduce((a, b) => (b.length > a.length ? b : a), [] as string[]);
    return [...order, ...[...seen].filter((v) => !order.includes(v))].sort((a, b) => variantRank(a) - variantRank(b) || (cudaOfVariant(a) ?? '').localeCompare(cudaOfVariant(b) ?? '', 'en', { numeric: true }));
  }
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

/** Index order of a variant's kind: cpu/mps, CUDA, ROCm, XPU. */
function variantRank(v: string): number {
  if (v === 'mps') return -1;
  if (v === 'cpu') return 0;
  if (cudaOfVariant(v) !== null) return 1;
  if (rocmOfVariant(v) !== null) return 2;
  return 3;
}

/** CPython minors ("3.12") with wheels for the release on the platform. */
export function pythonsFor(release: ReleaseFacts, os: Os, arch: Arch): string[] {
  const platform = `${os}-${arch}` as Platform;
  const only = release.pythonOn?.[platform];
  if (only) return [...only];
  const extra = release.pythonExtra?.[platform] ?? [];
  return [...release.python, ...extra].sort((a, b) => compare(a, b));
}

/**
 * CPython minors with free-threaded wheels ("3.14" for 3.14t) on the platform. A
 * platform with a list of its own (`pythonOn`: Windows on Arm, cp311-cp313 only) has none.
 */
export function freeThreadedFor(release: ReleaseFacts, os: Os, arch: Arch): string[] {
  const platform = `${os}-${arch}` as Platform;
  if (release.pythonOn?.[platform]) return [];
  return [...release.freeThreaded, ...(release.freeThreadedExtra?.[platform] ?? [])].sort((a, b) => compare(a, b));
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
