/**
 * Whether a CUDA variant of a release can run on the machine's NVIDIA GPUs:
 * every GPU covered by the variant's SASS or PTX, and a driver that runs the
 * variant's CUDA natively or through minor-version compatibility.
 */
import { compare, valid } from '@renovatebot/pep440';
import type { NvidiaGpu, Os } from '../machine.js';
import { cudaArchList, type ArchList } from '../data/cuda-arches.js';
import { compareDrivers, compatMinimumDriver, cudaOfBranch, cudaOfDriver, lastDriverBranch, minimumDriverFor, nativeMinimumDriver, nvidiaArchName, parseDriver } from '../data/nvidia-drivers.js';
import { computeCapabilityFromName } from '../data/nvidia-gpus.js';
import { JETSON_PYTORCH_URL, tegraBoard } from '../data/jetson.js';
import { compareLines, cudaOfVariant, releaseGroups, type Platform, type ReleaseFacts } from '../data/pytorch.js';

export interface DriverInfo {
  /** Normalised driver version ("570.86"), null when unknown. */
  version: string | null;
  /** The CUDA version the driver runs natively, null when unknown. */
  cuda: string | null;
  /** `cuda` came from the driver's branch, not from nvidia-smi. */
  cudaFromBranch: boolean;
}

/** The machine's driver, from its NVIDIA GPUs (the lowest when they disagree). */
export function driverInfo(gpus: readonly NvidiaGpu[]): DriverInfo {
  const versions = gpus.map((g) => parseDriver(g.driver)).filter((v): v is string => v !== null).sort(compareDrivers);
  const cudas = gpus
    .map((g) => (g.cuda && /^\d+\.\d+$/.test(g.cuda.trim()) ? valid(g.cuda.trim()) : null))
    .filter((v): v is string => v !== null)
    .sort(compare);
  const version = versions[0] ?? null;
  if (cudas.length > 0) return { version, cuda: cudas[0], cudaFromBranch: false };
  const derived = version ? cudaOfDriver(version) : null;
  return { version, cuda: derived, cudaFromBranch: derived !== null };
}

export function driverKnown(d: DriverInfo): boolean {
  return d.version !== null || d.cuda !== null;
}

/** [major, minor] of a compute capability, null when absent or malformed. */
export function capabilityOf(gpu: NvidiaGpu): [number, number] | null {
  // A description without the capability still names the card: a known name tells it
  // (an unknown capability is only ever assumed covered for a name nobody knows).
  const m = /^\s*(\d+)\.(\d+)\s*$/.exec(gpu.computeCapability ?? computeCapabilityFromName(gpu.name) ?? '');
  return m ? [Number(m[1]), Number(m[2])] : null;
}

function cc(s: string): [number, number] {
  const [a, b] = s.split('.').map(Number);
  return [a, b];
}

/** SASS for the same major and an equal or lower minor, or (when allowed) PTX at or below it. */
export function covers(arch: ArchList, cap: [number, number], allowPtx: boolean): boolean {
  const [major, minor] = cap;
  if (arch.sass.some((s) => cc(s)[0] === major && cc(s)[1] <= minor)) return true;
  if (!allowPtx) return false;
  return arch.ptx.some((p) => {
    const [pm, pn] = cc(p);
    return pm < major || (pm === major && pn <= minor);
  });
}

export interface CudaOption {
  variant: string;
  cuda: string;
  arch: ArchList | null;
  /** GPUs the variant does not cover (PTX counted as the driver allows). */
  uncovered: NvidiaGpu[];
  /** GPUs not covered even with PTX. */
  uncoveredAtAll: NvidiaGpu[];
  native: boolean;
  compat: boolean;
  usable: boolean;
}

export function cudaVariantsOf(facts: ReleaseFacts, platform: Platform): readonly string[] {
  if (platform === 'linux-x86_64') return facts.cuda;
  if (platform === 'windows-x86_64') return facts.cudaWindows;
  if (platform === 'linux-aarch64') return facts.cudaAarch64;
  return [];
}

/** Every CUDA variant of a release on a platform, judged against the GPUs and driver. */
export function evaluateCuda(facts: ReleaseFacts, platform: Platform, os: Os, gpus: readonly NvidiaGpu[], driver: DriverInfo): CudaOption[] {
  const unknownDriver = !driverKnown(driver);
  return cudaVariantsOf(facts, platform).map((variant) => {
    const cuda = cudaOfVariant(variant) ?? '0.0';
    const arch = cudaArchList(variant, facts.line, platform);
    const native = driver.cuda !== null && compare(cuda, driver.cuda) <= 0;
    const min = compatMinimumDriver(cuda, os);
    const compat = !native && driver.version !== null && min !== null && compareDrivers(driver.version, min) >= 0;
    // In compatibility mode the driver cannot JIT PTX newer than itself: only SASS counts.
    const allowPtx = native || unknownDriver;
    const judge = (ptx: boolean): NvidiaGpu[] =>
      gpus.filter((g) => {
        const cap = capabilityOf(g);
        if (cap === null) return false; // unknown capability counts as covered (warned about)
        return arch === null || !covers(arch, cap, ptx);
      });
    const uncovered = judge(allowPtx);
    const usable = arch !== null && uncovered.length === 0 && (native || compat || unknownDriver);
    return { variant, cuda, arch, uncovered, uncoveredAtAll: judge(true), native, compat, usable };
  });
}

/**
 * The variant to use within one release: native before compatibility, then the
 * newest CUDA. With no driver information: the covering variant that needs the
 * oldest driver.
 */
export function pickCuda(options: readonly CudaOption[], driver: DriverInfo): CudaOption | null {
  const usable = options.filter((o) => o.usable).sort((a, b) => compare(b.cuda, a.cuda));
  if (usable.length === 0) return null;
  if (!driverKnown(driver)) return usable[usable.length - 1];
  return usable.find((o) => o.native) ?? usable[0];
}

export function gpuLabel(g: NvidiaGpu): string {
  const cap = capabilityOf(g);
  return cap ? `${g.name} (${nvidiaArchName(`${cap[0]}.${cap[1]}`)}, compute capability ${cap[0]}.${cap[1]})` : `${g.name} (compute capability unknown)`;
}

/** "sm_120 or PTX <= 12.0" style description of what a GPU needs. */
export function needsText(g: NvidiaGpu): string {
  const cap = capabilityOf(g);
  if (!cap) return 'a build whose architectures cannot be checked (capability unknown)';
  const [major, minor] = cap;
  const sass = minor === 0 ? `sm_${major}0` : `sm_${major}0 to sm_${major}${minor}`;
  return `a build with ${sass} or PTX <= ${major}.${minor}`;
}

function driverText(d: DriverInfo): string {
  if (d.version && d.cuda) return `driver ${d.version} (CUDA ${d.cuda}${d.cudaFromBranch ? ', from its branch' : ''})`;
  if (d.version) return `driver ${d.version}`;
  if (d.cuda) return `a driver for CUDA ${d.cuda}`;
  return 'an unknown driver';
}

/** The newest release (on the platform) with a CUDA variant that covers the GPU, and those variants. */
function newestCovering(g: NvidiaGpu, platform: Platform): { line: string; variants: string[] } | null {
  const cap = capabilityOf(g);
  if (!cap) return null;
  const groups = releaseGroups();
  for (let i = groups.length - 1; i >= 0; i--) {
    const r = groups[i];
    const variants = cudaVariantsOf(r, platform).filter((v) => {
      const arch = cudaArchList(v, r.line, platform);
      return arch !== null && covers(arch, cap, true);
    });
    if (variants.length > 0) return { line: r.line, variants };
  }
  return null;
}

/** The platforms PyTorch publishes CUDA wheels for. */
const CUDA_PLATFORMS: readonly Platform[] = ['linux-x86_64', 'windows-x86_64', 'linux-aarch64'];

/**
 * Every CUDA variant (on the platform, across the data's releases) that covers the
 * GPU, with the releases that publish it: "cu128 (torch 2.7-2.11), cu130 (torch 2.9+)".
 */
function coveringAcrossReleases(g: NvidiaGpu, platform: Platform): string[] {
  const cap = capabilityOf(g);
  if (!cap) return [];
  const spans = new Map<string, { first: string; last: string }>();
  for (const r of releaseGroups()) {
    for (const v of cudaVariantsOf(r, platform)) {
      const arch = cudaArchList(v, r.line, platform);
      if (arch === null || !covers(arch, cap, true)) continue;
      const span = spans.get(v);
      if (span) span.last = r.line;
      else spans.set(v, { first: r.line, last: r.line });
    }
  }
  const newest = releaseGroups().at(-1)?.line;
  return [...spans.entries()]
    .sort((a, b) => compare(cudaOfVariant(a[0]) ?? '0', cudaOfVariant(b[0]) ?? '0'))
    .map(([v, { first, last }]) => `${v} (torch ${last === newest ? `${first}+` : first === last ? first : `${first}-${last}`})`);
}

/**
 * Why no CUDA variant of a release runs here, and what would fix it: one
 * sentence, e.g. "driver >= 580 needed for Blackwell on torch 2.14 ...".
 */
export function explainNoCuda(facts: ReleaseFacts, options: readonly CudaOption[], platform: Platform, os: Os, gpus: readonly NvidiaGpu[], driver: DriverInfo): string {
  const line = facts.line;
  if (options.length === 0) return `torch ${line} publishes no CUDA build for ${platform.replace('-', '/')}.`;
  const coveringAtAll = options.filter((o) => o.arch !== null && o.uncoveredAtAll.length === 0);
  if (coveringAtAll.length === 0) return explainUncovered(facts, options, platform, os, gpus, driver);
  // Covered, so the driver is what stops it: the lowest driver that runs a covering variant.
  const needs = coveringAtAll
    .map((o) => ({ o, min: o.uncovered.length === 0 ? minimumDriverFor(o.cuda, os) : nativeMinimumDriver(o.cuda) }))
    .filter((x): x is { o: CudaOption; min: string } => x.min !== null)
    .sort((a, b) => compareDrivers(a.min, b.min));
  const archs = [...new Set(gpus.map((g) => capabilityOf(g)).filter((c) => c !== null).map((c) => nvidiaArchName(`${c![0]}.${c![1]}`)))];
  const who = archs.length > 0 ? archs.join(' and ') : 'these GPUs';
  if (needs.length === 0) return `no CUDA build of torch ${line} runs on ${driverText(driver)}.`;
  const best = needs[0];
  const last = lastBranchOf(gpus);
  if (last && compareDrivers(best.min, `${last.branch}.999`) > 0) {
    // No driver the GPU can have runs it: advising an update would send the user after nothing.
    return (
      `driver >= ${best.min} needed for ${who} on torch ${line} (${best.o.variant}, CUDA ${best.o.cuda}), but R${last.branch} is the last driver branch NVIDIA ships for ${last.arch} GPUs ` +
      `(CUDA ${cudaOfBranch(last.branch) ?? '?'}), so no driver update helps: use an older torch release whose build that driver runs.`
    );
  }
  return `driver >= ${best.min} needed for ${who} on torch ${line} (${best.o.variant}, CUDA ${best.o.cuda}); this machine has ${driverText(driver)}: update the driver to use torch ${line}.`;
}

/** The lowest last-driver-branch among the GPUs (Kepler R470; Maxwell-Volta R580), null when all are still supported. */
export function lastBranchOf(gpus: readonly NvidiaGpu[]): { branch: number; arch: string } | null {
  let found: { branch: number; arch: string } | null = null;
  for (const g of gpus) {
    const cap = capabilityOf(g);
    if (!cap) continue;
    const branch = lastDriverBranch(`${cap[0]}.${cap[1]}`);
    if (branch !== null && (found === null || branch < found.branch)) found = { branch, arch: nvidiaArchName(`${cap[0]}.${cap[1]}`) };
  }
  return found;
}

/**
 * GPUs that are the same card (name and capability) as one entry with a count, in
 * first-seen order: eight A100s are said once, "8 × NVIDIA A100-SXM4-80GB".
 */
export function sameCards<T extends { name: string }>(gpus: readonly T[], key: (g: T) => string = (g) => g.name): { gpu: T; count: number }[] {
  const out: { gpu: T; count: number; key: string }[] = [];
  for (const g of gpus) {
    const k = key(g);
    const hit = out.find((o) => o.key === k);
    if (hit) hit.count++;
    else out.push({ gpu: g, count: 1, key: k });
  }
  return out.map(({ gpu, count }) => ({ gpu, count }));
}

/** "8 × " for eight, "" for one. */
export function times(count: number): string {
  return count > 1 ? `${count} × ` : '';
}

function nvKey(g: NvidiaGpu): string {
  return `${g.name}\u0000${capabilityOf(g)?.join('.') ?? ''}`;
}

/** The GPUs' labels, identical cards once with a count: "8 × NVIDIA A100 (Ampere, compute capability 8.0)". */
export function gpuLabels(gpus: readonly NvidiaGpu[]): string {
  return sameCards(gpus, nvKey).map(({ gpu, count }) => `${times(count)}${gpuLabel(gpu)}`).join(', ');
}

/** The GPUs' names, identical cards once with a count. */
export function gpuNames(gpus: readonly NvidiaGpu[]): string {
  return sameCards(gpus, nvKey).map(({ gpu, count }) => `${times(count)}${gpu.name}`).join(', ');
}

/** The distinct cards (one per name and capability), for sentences said once per card. */
export function distinctCards(gpus: readonly NvidiaGpu[]): NvidiaGpu[] {
  return sameCards(gpus, nvKey).map((c) => c.gpu);
}

/** One sentence on how the driver runs the chosen variant. */
export function driverSentence(option: CudaOption, driver: DriverInfo, os: Os): string {
  if (!driverKnown(driver)) {
    const min = minimumDriverFor(option.cuda, os);
    return `The driver version is unknown, so torchcraft chose ${option.variant}, the covering build that needs the oldest driver${min ? ` (>= ${min})` : ''}.`;
  }
  if (option.native) return `${capitalise(driverText(driver))} runs CUDA ${option.cuda} natively.`;
  const min = compatMinimumDriver(option.cuda, os);
  return `${capitalise(driverText(driver))} runs CUDA ${option.cuda} through minor-version compatibility (driver >= ${min} for CUDA ${option.cuda.split('.')[0]}.x on ${os === 'windows' ? 'Windows' : 'Linux'}), with a limited feature set (no JIT of newer PTX).`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The variants of one release that cover a GPU (PTX allowed), in the release's order. */
function variantsCovering(g: NvidiaGpu, options: readonly CudaOption[]): string[] {
  return options.filter((o) => o.arch !== null && !o.uncoveredAtAll.includes(g)).map((o) => o.variant);
}

function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** The newest release (on the platform) with one CUDA variant that covers every GPU, ignoring the driver. */
export function releaseCoveringAll(gpus: readonly NvidiaGpu[], platform: Platform): { line: string; variant: string } | null {
  const caps = gpus.map(capabilityOf).filter((c): c is [number, number] => c !== null);
  const groups = releaseGroups();
  for (let i = groups.length - 1; i >= 0; i--) {
    const r = groups[i];
    for (const v of [...cudaVariantsOf(r, platform)].reverse()) {
      const arch = cudaArchList(v, r.line, platform);
      if (arch !== null && caps.every((c) => covers(arch, c, true))) return { line: r.line, variant: v };
    }
  }
  return null;
}

/**
 * No variant of the release covers every GPU. Each GPU is blamed only for what is
 * true of it: one no variant covers is "not covered by any CUDA build"; GPUs that
 * some variant covers are named with the variants that do, and how to use one alone.
 */
function explainUncovered(facts: ReleaseFacts, options: readonly CudaOption[], platform: Platform, os: Os, gpus: readonly NvidiaGpu[], driver: DriverInfo): string {
  const line = facts.line;
  const known = distinctCards(gpus.filter((g) => capabilityOf(g) !== null));
  const nowhere = known.filter((g) => variantsCovering(g, options).length === 0);
  const somewhere = known.filter((g) => variantsCovering(g, options).length > 0);
  const parts = nowhere.map((g) => {
    const older = newestCovering(g, platform);
    let fix: string;
    if (!older) {
      // Not here, but maybe on another platform (compute capability 11.0 is an Arm board's: aarch64 builds have it).
      const elsewhere = CUDA_PLATFORMS.filter((p) => p !== platform)
        .map((p) => ({ p, found: newestCovering(g, p) }))
        .find((x) => x.found !== null);
      fix = elsewhere?.found
        ? `no PyTorch CUDA build for ${platform.replace('-', '/')} supports it; the ${elsewhere.p.replace('-', '/')} builds ${orList(elsewhere.found.variants)} of torch ${elsewhere.found.line} do`
        : "no PyTorch CUDA build in torchcraft's data supports it";
    } else if (compareLines(older.line, line) >= 0) {
      // A newer release covers it: name every build that does, with its releases (not only the newest release's).
      fix = `it needs ${needsText(g)}: ${orList(coveringAcrossReleases(g, platform))}`;
    } else {
      fix = `it needs ${orList(older.variants)} (newest in torch ${older.line})${known.length === 1 ? `: pin torch-version <= ${older.line} to use it` : ''}`;
    }
    return `${gpuLabel(g)} is not covered by any CUDA build of torch ${line} (${options.map((o) => o.variant).join(', ')}); ${fix}`;
  });
  if (somewhere.length > 0) {
    if (nowhere.length === 0) {
      parts.push(`No single CUDA build of torch ${line} covers every GPU here: ${somewhere.map((g) => `${gpuLabel(g)} needs ${orList(variantsCovering(g, options))}`).join(', ')}`);
    } else {
      parts.push(somewhere.map((g) => `${gpuLabel(g)} is covered by ${orList(variantsCovering(g, options))} of torch ${line}`).join('; '));
    }
    // The variant to name for a GPU alone: the one the driver would pick, else the newest covering.
    const backendFor = (g: NvidiaGpu): string => {
      const alone = evaluateCuda(facts, platform, os, [g], driver);
      return pickCuda(alone, driver)?.variant ?? variantsCovering(g, options).at(-1) ?? '';
    };
    const them = somewhere.length > 1 ? 'one of them' : somewhere[0].name;
    const all = releaseCoveringAll(known, platform);
    parts.push(
      `To use ${them}, make only it visible to CUDA (CUDA_VISIBLE_DEVICES, counted as nvidia-smi counts with CUDA_DEVICE_ORDER=PCI_BUS_ID) and set backend explicitly: ` +
        `${somewhere.map((g) => `backend ${backendFor(g)} for ${g.name}`).join(', ')}` +
        // Some GPU is covered and no variant covers all, so there are two or more known GPUs here.
        (all ? `; or set torch-version ${all.line}, whose ${all.variant} covers them all` : `; no torch release in torchcraft's data has one CUDA build for all of them`),
    );
  }
  if (parts.length === 0) return `torchcraft's data has no architecture list for the CUDA builds of torch ${line} on ${platform.replace('-', '/')}.`;
  return `${parts.join('. ')}.`;
}

/** Jetson (Tegra) GPUs, which PyTorch's own CUDA wheels do not run on, and the rest. */
export function splitTegra(gpus: readonly NvidiaGpu[]): { tegra: NvidiaGpu[]; others: NvidiaGpu[] } {
  return { tegra: gpus.filter((g) => tegraBoard(g) !== null), others: gpus.filter((g) => tegraBoard(g) === null) };
}

/** Why a Jetson GPU is not used by PyTorch's wheels, and where its builds are. */
export function tegraSentence(g: NvidiaGpu): string {
  const cap = capabilityOf(g);
  return (
    `${g.name} is a ${tegraBoard(g) ?? 'Jetson'} GPU (Tegra${cap ? `, compute capability ${cap[0]}.${cap[1]}` : ''}): PyTorch's aarch64 CUDA wheels are built for server Arm (sbsa) ` +
    `and do not run on Jetson's JetPack CUDA; install NVIDIA's JetPack builds of PyTorch for it instead (${JETSON_PYTORCH_URL}).`
  );
}
