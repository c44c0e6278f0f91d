/**
 * The planning policy: a pure function from (machine, request) to the build to
 * install and why. Facts live in src/data; this module only decides.
 * The algorithm is issue 2's "Knowledge and policy".
 */
import { compare } from '@renovatebot/pep440';
import { InputError } from '../errors.js';
import type { AmdGpu, Gpu, IntelGpu, Machine, NvidiaGpu } from '../machine.js';
import { xpuFamily } from '../data/intel-gpus.js';
import {
  NEWEST_RELEASE,
  RELEASES,
  compareLines,
  cudaOfVariant,
  freeThreadedFor,
  futureNotes,
  pypiDefaultFor,
  releaseLabel,
  pythonsFor,
  releaseFacts,
  rocmOfVariant,
  variantsFor,
  type Platform,
  type ReleaseFacts,
} from '../data/pytorch.js';
import { hsaOverrideFor, rocmGfxList, unconfirmedGfxTrouble } from '../data/rocm.js';
import { cudaOfBranch } from '../data/nvidia-drivers.js';
import {
  capabilityOf,
  distinctCards,
  driverInfo,
  driverKnown,
  driverSentence,
  evaluateCuda,
  explainNoCuda,
  gpuLabel,
  gpuLabels,
  gpuNames,
  lastBranchOf,
  needsText,
  pickCuda,
  splitTegra,
  tegraSentence,
  type CudaOption,
  type DriverInfo,
} from './nvidia.js';
import { amdLabel, explainNoRocm, ignoredIgpuWarning, splitAmd, type RocmOption } from './amd.js';
import { planPackages } from './packages.js';
import { constraintRules, groupsHint, matchingLines, pinnedBuilds, refusePrereleasePins, torchVersionRule, type LineMatch, type PinnedBuild } from './versions.js';
import type { Accelerator, Plan, PlanRequest } from './types.js';
import { joinIndexUrl } from '../index-url.js';

interface Choice {
  match: LineMatch;
  variant: string;
  accelerator: Accelerator;
  compatibilityMode: boolean;
  /** The GPUs the build is planned for, when not every GPU of its vendor (mixed GPUs). */
  served?: Gpu[];
}

interface Notes {
  reasons: string[];
  warnings: string[];
}

export function planInstall(machine: Machine, request: PlanRequest): Plan {
  const notes: Notes = { reasons: [], warnings: [] };
  const platform = `${machine.os}-${machine.arch}` as Platform;
  const where = `${machine.os}/${machine.arch}`;

  const tvRule = torchVersionRule(request.torchVersion);
  const { rules: pinRules, notes: pinNotes, warnings: pinWarnings } = constraintRules(request.constraints);
  notes.reasons.push(...pinNotes);
  notes.warnings.push(...pinWarnings);
  const rules = tvRule ? [tvRule, ...pinRules] : pinRules;
  refusePrereleasePins(rules, request.torchVersion, request.channel);
  refuseBackendAgainstLabel(request);
  const versionInput = tvRule ? 'torch-version' : pinRules.length > 0 ? 'requirements' : 'torch-version';
  const versionValue = tvRule ? request.torchVersion : pinRules.map((r) => `${r.source}: ${r.wants}`).join(', ');

  let lines = matchingLines(rules, request.torchVersion);
  // Nightlies are always the next release; so are the test channel's release candidates
  // when no version is asked for (with one, they are that version's candidates).
  if ((request.channel === 'nightly' && !tvRule) || (request.channel === 'test' && rules.length === 0)) lines = [nightlyLine()];

  // Wheels for this OS and arch.
  const onPlatform = lines.filter((m) => variantsFor(m.facts, machine.os, machine.arch).length > 0);
  if (onPlatform.length === 0) throw new InputError(versionInput, versionValue, platformProblem(machine.os, machine.arch, lines));

  // Wheels for this Python.
  const python = normalisePython(machine.python);
  let candidates = onPlatform;
  if (machine.python !== undefined && python === null) {
    notes.warnings.push(`Python version ${JSON.stringify(machine.python)} is not a version; Python checks were skipped.`);
  }
  if (python) {
    candidates = onPlatform.filter((m) => supportsPython(m.facts, python, machine));
    if (candidates.length === 0) {
      const asked = tvRule ? `torch ${request.torchVersion}` : pinRules.length > 0 ? `torch as the project pins it (${pinRules.map((r) => r.wants).join(', ')})` : `torch ${describeLines(onPlatform)}`;
      throw new InputError('python-version', machine.python ?? python.minor, `${asked} publishes wheels for ${pythonRange(onPlatform, machine)} on ${where}, not Python ${python.minor}${python.freeThreaded ? 't' : ''}`);
    }
  }
  const pythonLimit = python ? pythonLimitOf(python, onPlatform, candidates, machine, rules.length > 0) : null;
  if (pythonLimit) notes.reasons.push(pythonLimit.reason);
  if (rules.length > 0 && request.channel !== 'nightly') {
    notes.reasons.push(`The version rules (${describeRules(rules)}) allow torch ${describeLines(candidates)}.`);
  }

  const backend = request.backend === 'auto' ? backendPinnedByProject(request, machine, candidates, notes) : request.backend;
  const choice = backend === 'auto' ? chooseAuto(candidates, machine, platform, notes) : chooseExplicit(candidates, backend, machine, platform, notes);
  const facts = choice.match.facts;

  if (choice.match.beyondData) {
    const known = facts.provisional ? `newest known: ${NEWEST_RELEASE}` : `it knows torch ${facts.line} up to ${facts.versions[facts.versions.length - 1]}`;
    const future = facts.provisional ? futureNotes(facts.line) : [];
    notes.warnings.push(
      `torch ${choice.match.exact ?? facts.line} is newer than torchcraft's data (${known}); planned from the newest known release's pattern` +
        (future.length > 0 ? `, knowing that ${future.join('; ')}` : '') +
        '. Check the choice against the release notes.',
    );
  }

  if (pythonLimit) {
    // Warn only when Python alone holds the plan back: planned without it, a newer release would be chosen.
    const scratch: Notes = { reasons: [], warnings: [] };
    const free = backend === 'auto' ? chooseAuto(onPlatform, machine, platform, scratch) : chooseExplicit(onPlatform, backend, machine, platform, scratch);
    if (compareLines(free.match.facts.line, facts.line) > 0) {
      notes.warnings.push(
        `torch ${facts.line} is planned rather than ${free.match.facts.line} only because of ${pythonLimit.label}: with ${pythonLimit.range}, ` +
          `torchcraft would plan ${free.variant} of torch ${free.match.facts.line}.`,
      );
    }
  }

  // Versions on the lines: none on nightly (dated dev builds), and none on test unless asked for.
  const pinned = request.channel === 'stable' || (request.channel === 'test' && rules.length > 0);
  if (request.channel === 'nightly') {
    notes.reasons.push(`Nightly builds are dated development versions of the next release, so the torch lines carry no version pins.`);
    if (rules.length > 0) notes.warnings.push(`The nightly channel ignores version pins (${rules.map((r) => r.wants).join(', ')}): nightlies are always the next release.`);
  } else if (request.channel === 'test' && !pinned) {
    notes.reasons.push(`The test channel holds release candidates of the next release, torch ${facts.line}; with no version asked for, the lines are left unpinned so pip takes the newest candidate.`);
  }
  const pk = planPackages({ match: choice.match, variant: choice.variant, pinned, requested: request.packages, constraints: request.constraints });
  notes.reasons.push(...pk.reasons);
  notes.warnings.push(...pk.warnings);

  const indexUrl = indexUrlFor(request, machine, choice.variant);
  return {
    machine,
    accelerator: choice.accelerator,
    backend: choice.variant,
    release: facts.line,
    channel: request.channel,
    indexUrl,
    packages: pk.packages,
    prerelease: request.channel !== 'stable',
    compatibilityMode: choice.compatibilityMode,
    reasons: scrubbed(notes.reasons, request.indexBaseUrl),
    warnings: scrubbed(notes.warnings, request.indexBaseUrl),
    servedGpus: servedIndexes(machine, choice),
    trace: [],
  };
}

// ---------------------------------------------------------------- auto

function chooseAuto(candidates: LineMatch[], machine: Machine, platform: Platform, notes: Notes): Choice {
  const newest = candidates[0];
  const nvidia = machine.gpus.filter((g): g is NvidiaGpu => g.vendor === 'nvidia');
  const amd = machine.gpus.filter((g): g is AmdGpu => g.vendor === 'amd');
  const intel = machine.gpus.filter((g): g is IntelGpu => g.vendor === 'intel');
  const apple = machine.gpus.filter((g) => g.vendor === 'apple');

  if (machine.os === 'macos') {
    const others = machine.gpus.filter((g) => g.vendor !== 'apple');
    if (machine.arch === 'aarch64') {
      for (const g of others) notes.warnings.push(`${g.name} is not used: on macOS, PyTorch uses the Apple GPU through MPS only.`);
      notes.reasons.push(`Apple Silicon: PyPI's default macOS arm64 build of torch ${newest.facts.line} includes the MPS backend, so no extra index is needed.`);
      // [IDX] the 2.13.0 arm64 wheels are tagged macosx_14_0: macOS 11-13 cannot install them.
      if (newest.facts.line === '2.13') notes.warnings.push(`torch 2.13.0's macOS arm64 wheels are tagged macosx_14_0: they need macOS 14 or newer.`);
      return { match: newest, variant: 'mps', accelerator: 'apple', compatibilityMode: false };
    }
    for (const g of others) {
      notes.warnings.push(
        g.vendor === 'amd'
          ? `${g.name} is not used: PyTorch publishes no ROCm builds for macOS (ROCm is Linux only), and the only torch for an Intel Mac is PyPI's macOS x86_64 wheel (up to 2.2.2), a CPU build; torchcraft plans no GPU build for it.`
          : `${g.name} is not used: PyTorch publishes no CUDA or other GPU builds for Intel Macs; the only torch there is PyPI's macOS x86_64 wheel (up to 2.2.2), a CPU build.`,
      );
    }
    for (const g of apple) notes.warnings.push(`${g.name} is not used: this Python runs as x86_64 (Rosetta?); an arm64 Python gets MPS and current torch releases.`);
    notes.reasons.push(`Intel Mac (macOS x86_64): PyTorch's last release with wheels for it is 2.2.2, a CPU build from PyPI (PyTorch publishes no ROCm builds for macOS and no separate GPU build for Intel Macs); chose torch ${newest.facts.line}.`);
    return { match: newest, variant: 'cpu', accelerator: 'none', compatibilityMode: false };
  }

  let choice: Choice | null = null;
  const unused: string[] = [];

  if (nvidia.length > 0) {
    const r = chooseCuda(candidates, machine, platform, nvidia, notes);
    if (r.choice) choice = r.choice;
    else unused.push(...r.why);
  }
  if (amd.length > 0) {
    if (choice) {
      notes.warnings.push(
        `${amdNames(amd)} not used: one torch build drives one GPU vendor, and the NVIDIA GPU${nvidia.length > 1 ? 's were' : ' was'} preferred (set backend to a rocm variant to use the AMD GPU instead).`,
      );
    } else {
      const r = chooseRocm(candidates, machine, platform, amd, notes);
      if (r.choice) choice = r.choice;
      else unused.push(...r.why);
    }
  }
  const capable = intel.filter((g) => xpuFamily(g) !== null);
  const plainIntel = intel.filter((g) => xpuFamily(g) === null);
  if (capable.length > 0) {
    if (choice) {
      notes.warnings.push(`${capable.map((g) => g.name).join(', ')} not used: the ${choice.accelerator === 'nvidia' ? 'NVIDIA' : 'AMD'} GPU was preferred; set backend xpu to use the Intel GPU instead.`);
    } else {
      const r = chooseXpu(candidates, platform, capable, notes);
      if (r.choice) choice = r.choice;
      else unused.push(...r.why);
    }
  }
  for (const g of plainIntel) {
    const why = `${g.name} is an older Intel integrated GPU that PyTorch's XPU builds do not target (they target Arc, Data Center GPU Max and Core Ultra); it is not used.`;
    // Nothing would fix this one; it only warrants a warning when no other GPU was used either.
    if (choice) notes.reasons.push(why);
    else unused.push(why);
  }
  for (const g of apple) unused.push(`${g.name} is an Apple GPU on ${machine.os}: only macOS builds use it.`);

  if (choice) {
    notes.warnings.push(...unused);
    return choice;
  }
  if (machine.gpus.length === 0) {
    // "Smaller than PyPI's" only where PyPI's default wheel is a CUDA build.
    const pypiCuda = cudaOfVariant(pypiDefaultFor(newest.facts, machine.os, machine.arch)) !== null;
    const versus = pypiCuda ? "smaller than PyPI's default, which bundles CUDA" : `the CPU build PyPI also serves for ${machine.os}/${machine.arch}`;
    notes.reasons.push(`No GPU was detected, so torch ${newest.facts.line} is planned as the CPU build from the cpu index (${versus}).`);
  } else {
    notes.reasons.push(`No detected GPU can be used by a torch build here, so the CPU build of torch ${newest.facts.line} is planned.`);
    notes.warnings.push(...unused.map((w) => `${w} Planned the CPU build.`));
  }
  return { match: newest, variant: 'cpu', accelerator: 'none', compatibilityMode: false };
}

interface VendorResult {
  choice: Choice | null;
  /** Why the GPUs were not used and what would fix it (when choice is null). */
  why: string[];
}

function chooseCuda(candidates: LineMatch[], machine: Machine, platform: Platform, all: NvidiaGpu[], notes: Notes): VendorResult {
  // A Jetson's GPU neither takes a CUDA build of PyTorch's nor blocks one for another GPU.
  const { tegra, others } = splitTegra(all);
  const jetson = tegra.map(tegraSentence);
  if (others.length === 0) return { choice: null, why: jetson };
  const r = chooseCudaFor(candidates, machine, platform, others, notes);
  if (r.choice) notes.warnings.push(...jetson);
  return r.choice ? r : { choice: null, why: [...jetson, ...r.why] };
}

function chooseCudaFor(candidates: LineMatch[], machine: Machine, platform: Platform, gpus: NvidiaGpu[], notes: Notes): VendorResult {
  const driver = driverInfo(gpus);
  for (const g of distinctCards(gpus)) {
    if (capabilityOf(g) === null) {
      notes.warnings.push(`The compute capability of ${g.name} is unknown (the driver did not report it and torchcraft does not know the name); it is assumed to be covered: check torch.cuda.is_available() after installing.`);
    }
  }
  if (!driverKnown(driver)) {
    notes.warnings.push(
      `No NVIDIA driver version was detected for ${gpuNames(gpus)} (nvidia-smi and /proc/driver/nvidia/version gave none); planned the covering CUDA build that needs the oldest driver. Install or expose the driver, or set backend explicitly.`,
    );
  } else if (driver.cudaFromBranch && driver.version) {
    notes.reasons.push(`The driver's own CUDA version was not reported; driver ${driver.version} belongs to the branch that runs CUDA ${driver.cuda}.`);
  } else if (driver.version && driver.cuda === null) {
    notes.reasons.push(`Driver ${driver.version} predates every branch torchcraft knows (R418+), so it runs no CUDA build natively.`);
  }
  if (platform === 'windows-aarch64' || platform.startsWith('macos')) {
    return { choice: null, why: [`${gpuNames(gpus)} not used: PyTorch publishes no CUDA builds for ${platform.replace('-', '/')}.`] };
  }

  const newest = candidates[0];
  const all = firstUsable(candidates, machine, platform, gpus, driver);
  if (all.found) {
    const { m, options, picked } = all.found;
    decideCuda(m, options, picked, gpus, driver, newest, machine, notes);
    if (all.newestWhy) notes.warnings.push(`${all.newestWhy} Planned torch ${releaseLabel(m.facts)} instead.`);
    return { choice: { match: m, variant: picked.variant, accelerator: 'nvidia', compatibilityMode: driverKnown(driver) && !picked.native }, why: [] };
  }
  const whyAll = all.newestWhy ?? `No CUDA build of torch ${describeLines(candidates)} runs ${gpuNames(gpus)}.`;

  // Mixed GPUs no single build covers: a build for the most capable GPUs beats the CPU build
  // that uses none. Drop the least capable cards one capability at a time.
  const caps = [...new Set(gpus.map((g) => capabilityOf(g)).filter((c): c is [number, number] => c !== null).map((c) => c[0] * 100 + c[1]))].sort((a, b) => b - a);
  for (let keep = caps.length - 1; keep >= 1; keep--) {
    const floor = caps[keep - 1];
    const served = gpus.filter((g) => {
      const c = capabilityOf(g);
      return c === null || c[0] * 100 + c[1] >= floor;
    });
    const unserved = gpus.filter((g) => !served.includes(g));
    const sub = firstUsable(candidates, machine, platform, served, driver);
    if (!sub.found) continue;
    const { m, options, picked } = sub.found;
    decideCuda(m, options, picked, served, driver, newest, machine, notes);
    const nvidiaAll = machine.gpus.filter((g): g is NvidiaGpu => g.vendor === 'nvidia');
    const visible = served.map((g) => nvidiaAll.indexOf(g)).filter((i) => i >= 0);
    const label = releaseLabel(m.facts);
    notes.warnings.push(
      `No single CUDA build covers every GPU here, so ${picked.variant} of torch ${label} is planned for the most capable: ${gpuNames(served)}. ` +
        `${gpuLabels(unserved)} ${unserved.length > 1 ? 'are' : 'is'} not served by it (${distinctCards(unserved).map((g) => `${g.name} needs ${needsText(g)}`).join('; ')}). ` +
        `Hide ${unserved.length > 1 ? 'them' : 'it'} from torch with CUDA_VISIBLE_DEVICES=${visible.join(',')} (with CUDA_DEVICE_ORDER=PCI_BUS_ID, counted as nvidia-smi counts), or torch will list ${unserved.length > 1 ? 'them' : 'it'} and fail on ${unserved.length > 1 ? 'them' : 'it'}.`,
    );
    notes.reasons.push(`No single CUDA build of torch ${describeLines(candidates)} covers all ${gpus.length} NVIDIA GPUs here, so the build is chosen for the most capable ones (${gpuNames(served)}) rather than the CPU build that uses none.`);
    return { choice: { match: m, variant: picked.variant, accelerator: 'nvidia', compatibilityMode: driverKnown(driver) && !picked.native, served }, why: [] };
  }
  return { choice: null, why: [whyAll] };
}

interface CudaFound {
  m: LineMatch;
  options: CudaOption[];
  picked: CudaOption;
}

/** The newest candidate with a usable CUDA build for the GPUs, and why the newest has none. */
function firstUsable(candidates: LineMatch[], machine: Machine, platform: Platform, gpus: NvidiaGpu[], driver: DriverInfo): { found: CudaFound | null; newestWhy: string | null } {
  let newestWhy: string | null = null;
  for (const m of candidates) {
    const options = evaluateCuda(m.facts, platform, machine.os, gpus, driver);
    const picked = pickCuda(options, driver);
    if (picked) return { found: { m, options, picked }, newestWhy };
    // The newest line (all its patch groups) explains itself once.
    if (m.facts.line === candidates[0].facts.line && newestWhy === null) newestWhy = explainNoCuda(m.facts, options, platform, machine.os, gpus, driver);
  }
  return { found: null, newestWhy };
}

/** The reasons and warnings of a CUDA choice for these GPUs. */
function decideCuda(m: LineMatch, options: CudaOption[], picked: CudaOption, gpus: NvidiaGpu[], driver: DriverInfo, newest: LineMatch, machine: Machine, notes: Notes): void {
  const counted = new Map<string, number>();
  for (const g of gpus) counted.set(gpuLabel(g), (counted.get(gpuLabel(g)) ?? 0) + 1);
  for (const g of distinctCards(gpus)) {
    if (capabilityOf(g)) notes.reasons.push(`${gpuLabels(gpus.filter((x) => gpuLabel(x) === gpuLabel(g)))} ${(counted.get(gpuLabel(g)) ?? 1) > 1 ? 'need' : 'needs'} ${needsText(g)}.`);
  }
  notes.reasons.push(driverSentence(picked, driver, machine.os));
  const compatibilityMode = driverKnown(driver) && !picked.native;
  const label = releaseLabel(m.facts);
  const newestText = m === newest ? 'the newest release allowed' : `the newest release with a usable build (torch ${newest.facts.line} has none here)`;
  notes.reasons.push(`Chose ${picked.variant} of torch ${label}, ${newestText}${compatibilityMode ? ', in minor-version compatibility mode' : ''}.`);
  if (picked.arch?.unconfirmed) {
    notes.warnings.push(
      `${picked.variant} of torch ${label} was chosen on an unconfirmed architecture list (${picked.arch.unconfirmed}): check torch.cuda.get_arch_list() after installing.`,
    );
  }
  if (compatibilityMode) {
    const native = options.filter((o) => o.native && o.uncovered.length === 0);
    const last = lastBranchOf(gpus);
    const lastCuda = last ? cudaOfBranch(last.branch) : null;
    // Kepler's last branch (R470) runs CUDA 11.4: for a CUDA 11.8 build no driver lifts the limit.
    const noUpdate = last !== null && lastCuda !== null && compare(lastCuda, picked.cuda) < 0;
    notes.warnings.push(
      `${picked.variant} runs through CUDA minor-version compatibility (driver ${driver.version} runs CUDA ${driver.cuda ?? 'older'} natively): ` +
        `most of PyTorch works, but features that need a newer driver (PTX JIT) do not. ${native.length > 0 ? '' : 'No build of this release runs natively on this driver; '}` +
        (noUpdate
          ? `R${last.branch} is the last driver branch NVIDIA ships for ${last.arch} GPUs (CUDA ${lastCuda}), so no driver update lifts the limit.`
          : 'updating the driver lifts the limit.'),
    );
  }
}

function rocmVariantsOf(facts: ReleaseFacts, platform: Platform): string[] {
  return platform === 'linux-x86_64' ? [...facts.rocm].sort((a, b) => compare(rocmOfVariant(b) ?? '0', rocmOfVariant(a) ?? '0')) : [];
}

function chooseRocm(candidates: LineMatch[], machine: Machine, platform: Platform, gpus: AmdGpu[], notes: Notes): VendorResult {
  const names = gpus.map((g) => g.name).join(', ');
  if (machine.os === 'windows') {
    return { choice: null, why: [`${names} not used: PyTorch publishes no ROCm wheels for Windows (Linux, or WSL2 with ROCm, would use it).`] };
  }
  if (platform !== 'linux-x86_64') {
    return { choice: null, why: [`${names} not used: PyTorch publishes ROCm wheels for Linux x86_64 only.`] };
  }
  const unknown = gpus.filter((g) => !g.gfx);
  if (unknown.length > 0) {
    return { choice: null, why: [`The gfx target of ${unknown.map((g) => g.name).join(', ')} is unknown (rocminfo found none), so no ROCm build can be checked: set backend to a rocm variant if the GPU is supported.`] };
  }
  const { required, ignored } = splitAmd(gpus);
  const gfx = [...new Set(required.map((g) => g.gfx as string))];
  const newest = candidates[0];
  const options: RocmOption[] = [];
  for (const m of candidates) {
    for (const variant of rocmVariantsOf(m.facts, platform)) {
      const list = rocmGfxList(variant, m.facts.line);
      if (!list) continue;
      options.push({ variant, line: m.facts.line, gfx: list });
      if (!gfx.every((x) => list.includes(x))) continue;
      notes.reasons.push(`${amdLabels(required)} ${required.length > 1 ? 'are' : 'is'} in the gfx list of ${variant}.`);
      notes.reasons.push(`Chose ${variant} of torch ${releaseLabel(m.facts)}, the newest release and ROCm with a build for ${gfx.join(', ')}.`);
      for (const x of gfx) {
        const trouble = unconfirmedGfxTrouble(x, variant);
        if (trouble) notes.warnings.push(`${variant} lists ${x}, but ${trouble}.`);
      }
      if (m !== newest) notes.warnings.push(`No ROCm build of torch ${newest.facts.line} lists ${gfx.join(', ')}; planned torch ${m.facts.line} instead.`);
      for (const g of ignored) notes.warnings.push(ignoredIgpuWarning(g, required));
      return { choice: { match: m, variant, accelerator: 'amd', compatibilityMode: false }, why: [] };
    }
  }
  const why = explainNoRocm(required, options, describeLines(candidates), rocmVariantsOf(newest.facts, platform)[0]);
  for (const g of ignored) why.push(`${amdLabel(g)} is an integrated GPU that no ROCm build targets.`);
  return { choice: null, why: [why.join(' ')] };
}

function chooseXpu(candidates: LineMatch[], platform: Platform, gpus: IntelGpu[], notes: Notes): VendorResult {
  const names = gpus.map((g) => g.name).join(', ');
  if (platform !== 'linux-x86_64' && platform !== 'windows-x86_64') {
    return { choice: null, why: [`${names} not used: PyTorch publishes XPU wheels for Linux and Windows x86_64 only.`] };
  }
  const m = candidates.find((c) => c.facts.xpu);
  if (!m) {
    return { choice: null, why: [`${names} not used: XPU builds start at torch 2.5, and torch ${describeLines(candidates)} was asked for.`] };
  }
  notes.reasons.push(`${gpus.map((g) => `${g.name} (${xpuFamily(g)?.family})`).join(', ')} ${gpus.length > 1 ? 'are' : 'is'} a GPU the XPU builds target.`);
  notes.reasons.push(`Chose xpu of torch ${m.facts.line}.`);
  return { choice: { match: m, variant: 'xpu', accelerator: 'intel', compatibilityMode: false }, why: [] };
}

// ---------------------------------------------------------------- explicit backend

/**
 * 'auto', or the build the project pins by local label (torch==2.5.1+cu121): the
 * project's own install accepts no other build, so choosing another would be undone.
 */
function backendPinnedByProject(request: PlanRequest, machine: Machine, candidates: LineMatch[], notes: Notes): string {
  const pins = pinnedBuilds(request.constraints);
  if (pins.length === 0) return 'auto';
  const variants = [...new Set(pins.map((p) => p.variant))];
  if (variants.length > 1) {
    const a = pins[0];
    const b = pins.find((p) => p.variant !== a.variant) as PinnedBuild;
    throw new InputError('requirements', pins.map((p) => p.wants).join(', '), `${pins.map((p) => `${p.source} pins the ${p.variant} build (${p.wants})`).join(' but ')}: one environment holds one build${groupsHint(a.source, b.source)}.`);
  }
  const [pin] = pins;
  if (!candidates.some((m) => variantsFor(m.facts, machine.os, machine.arch).includes(pin.variant))) {
    throw new InputError('requirements', pin.wants, `${pin.source} pins the ${pin.variant} build, which PyTorch does not publish for ${machine.os}/${machine.arch} on the releases the pins allow.`);
  }
  notes.reasons.push(`${pin.source} pins the ${pin.variant} build (${pin.wants}), and a labelled pin accepts only that build, so ${pin.variant} is planned rather than chosen from the GPUs.`);
  return pin.variant;
}

/**
 * An explicit backend that a labelled pin rules out: the project's own install would
 * replace the build (torch==2.5.1+cu124 accepts only the cu124 build), so refuse it.
 */
function refuseBackendAgainstLabel(request: PlanRequest): void {
  if (request.backend === 'auto') return;
  const other = pinnedBuilds(request.constraints).find((p) => p.variant !== request.backend.toLowerCase());
  if (!other) return;
  throw new InputError(
    'backend',
    request.backend,
    `${other.source} pins the ${other.variant} build (${other.wants}), which only that build satisfies; set backend ${other.variant} or auto, or change the pin.`,
  );
}

function chooseExplicit(candidates: LineMatch[], backend: string, machine: Machine, platform: Platform, notes: Notes): Choice {
  const where = `${machine.os}/${machine.arch}`;
  const match = candidates.find((m) => variantsFor(m.facts, machine.os, machine.arch).includes(backend));
  if (!match) {
    const newest = candidates[0].facts;
    const elsewhere = RELEASES.filter((r) => variantsFor(r, machine.os, machine.arch).includes(backend)).map((r) => r.line);
    const also = elsewhere.length > 0 ? `; ${backend} is published for ${where} on torch ${elsewhere[0]}${elsewhere.length > 1 ? `-${elsewhere[elsewhere.length - 1]}` : ''}` : '';
    throw new InputError('backend', backend, `allowed for ${where} on torch ${newest.line}: ${variantsFor(newest, machine.os, machine.arch).join(', ')}${also}`);
  }
  if (match !== candidates[0]) notes.reasons.push(`torch ${candidates[0].facts.line} publishes no ${backend} build for ${where}; torch ${match.facts.line} is the newest that does.`);
  notes.reasons.push(`Backend ${backend} was asked for; chose ${backend} of torch ${match.facts.line}.`);

  const nvidia = machine.gpus.filter((g): g is NvidiaGpu => g.vendor === 'nvidia');
  const amd = machine.gpus.filter((g): g is AmdGpu => g.vendor === 'amd');
  const intel = machine.gpus.filter((g): g is IntelGpu => g.vendor === 'intel');
  let compatibilityMode = false;
  let accelerator: Accelerator = 'none';
  let served: Gpu[] | undefined;
  const cuda = cudaOfVariant(backend);

  if (cuda) {
    accelerator = 'nvidia';
    const { tegra, others } = splitTegra(nvidia);
    for (const g of tegra) notes.warnings.push(`Backend ${backend} was used as asked, but ${tegraSentence(g)}`);
    if (nvidia.length === 0) notes.warnings.push(`Backend ${backend} was asked for, but no NVIDIA GPU was detected: torch will run on the CPU here (fine when building for another machine).`);
    else if (others.length > 0) {
      const driver = driverInfo(others);
      const option = evaluateCuda(match.facts, platform, machine.os, others, driver).find((o) => o.variant === backend);
      const driverRuns = option !== undefined && (option.native || option.compat || !driverKnown(driver));
      if (option && option.usable) {
        compatibilityMode = driverKnown(driver) && !option.native;
        notes.reasons.push(driverSentence(option, driver, machine.os));
      } else if (option && option.arch !== null && driverRuns && option.uncovered.length < others.length) {
        // Some GPUs run it: the advice for a machine no single build covers (pick one GPU, hide the rest).
        compatibilityMode = driverKnown(driver) && !option.native;
        notes.reasons.push(driverSentence(option, driver, machine.os));
        const runs = others.filter((g) => !option.uncovered.includes(g));
        served = runs;
        notes.warnings.push(
          `Backend ${backend} was used as asked: it runs ${runs.map((g) => g.name).join(', ')}, but ${option.uncovered.map(gpuLabel).join(', ')} ${option.uncovered.length > 1 ? 'are' : 'is'} not covered by ${backend} of torch ${match.facts.line}: ` +
            `hide ${option.uncovered.length > 1 ? 'them' : 'it'} from torch with CUDA_VISIBLE_DEVICES (counted as nvidia-smi counts with CUDA_DEVICE_ORDER=PCI_BUS_ID).`,
        );
      } else if (option) {
        served = [];
        const problem = option.uncovered.length > 0
          ? `${option.uncovered.map(gpuLabel).join(', ')} ${option.uncovered.length > 1 ? 'are' : 'is'} not covered by ${backend} of torch ${match.facts.line}`
          : explainNoCuda(match.facts, [option], platform, machine.os, others, driver).replace(/\.$/, '');
        notes.warnings.push(`Backend ${backend} was used as asked, but it cannot use the GPU here: ${problem}. Set backend auto to let torchcraft choose.`);
      }
    }
  } else if (backend.startsWith('rocm')) {
    accelerator = 'amd';
    const list = rocmGfxList(backend, match.facts.line) ?? [];
    if (amd.length === 0) notes.warnings.push(`Backend ${backend} was asked for, but no AMD GPU was detected: torch will run on the CPU here.`);
    const { required, ignored } = splitAmd(amd);
    for (const g of ignored) notes.warnings.push(ignoredIgpuWarning(g, required));
    for (const g of required) {
      if (!g.gfx || !list.includes(g.gfx)) {
        const hint = g.gfx ? hsaOverrideFor(g.gfx) : null;
        notes.warnings.push(
          `Backend ${backend} was used as asked, but ${g.name} (${g.gfx ?? 'gfx unknown'}) is not in its gfx list` +
            (hint ? `; it may run with HSA_OVERRIDE_GFX_VERSION=${hint.override} (not set by torchcraft).` : '.'),
        );
      }
    }
  } else if (backend === 'xpu') {
    accelerator = 'intel';
    if (!intel.some((g) => xpuFamily(g) !== null)) notes.warnings.push(`Backend xpu was asked for, but no Intel GPU the XPU builds target was detected: torch will run on the CPU here.`);
  } else if (backend === 'mps') {
    accelerator = 'apple';
  }
  if (accelerator === 'none' || accelerator === 'apple') {
    const seen = machine.gpus.filter((g) => g.vendor !== 'apple' && !(g.vendor === 'intel' && xpuFamily(g) === null));
    if (seen.length > 0) notes.warnings.push(`${seen.map((g) => g.name).join(', ')} ${seen.length > 1 ? 'are' : 'is'} not used: backend ${backend} was asked for; set backend auto to use the GPU.`);
  } else {
    const other = machine.gpus.filter((g) => g.vendor !== accelerator && g.vendor !== 'apple' && !(g.vendor === 'intel' && xpuFamily(g) === null));
    if (other.length > 0) notes.warnings.push(`${other.map((g) => g.name).join(', ')} ${other.length > 1 ? 'are' : 'is'} not used by the ${backend} build.`);
  }
  return served ? { match, variant: backend, accelerator, compatibilityMode, served } : { match, variant: backend, accelerator, compatibilityMode };
}

// ---------------------------------------------------------------- helpers

/** Indexes into machine.gpus of the GPUs the build serves: the choice's own list, else every GPU of its vendor. */
function servedIndexes(machine: Machine, choice: Choice): number[] {
  if (choice.served) return choice.served.map((g) => machine.gpus.indexOf(g)).filter((i) => i >= 0);
  return machine.gpus.flatMap((g, i) => (g.vendor === choice.accelerator ? [i] : []));
}

/** AMD GPU names, identical cards once with a count. */
function amdLabels(gpus: readonly AmdGpu[]): string {
  const seen: { label: string; count: number }[] = [];
  for (const g of gpus) {
    const label = amdLabel(g);
    const hit = seen.find((x) => x.label === label);
    if (hit) hit.count++;
    else seen.push({ label, count: 1 });
  }
  return seen.map((x) => `${x.count > 1 ? `${x.count} × ` : ''}${x.label}`).join(', ');
}

function amdNames(gpus: readonly AmdGpu[]): string {
  const seen: { name: string; count: number }[] = [];
  for (const g of gpus) {
    const hit = seen.find((x) => x.name === g.name);
    if (hit) hit.count++;
    else seen.push({ name: g.name, count: 1 });
  }
  return seen.map((x) => `${x.count > 1 ? `${x.count} × ` : ''}${x.name}`).join(', ');
}

/** The line a nightly build belongs to: the release after the newest known. */
function nightlyLine(): LineMatch {
  const [major, minor] = NEWEST_RELEASE.split('.').map(Number);
  const line = `${major}.${minor + 1}`;
  const facts = releaseFacts(line) as ReleaseFacts;
  return { facts, versions: [`${line}.0`], allowed: [`${line}.0`], beyondData: true };
}

function normalisePython(python: string | undefined): { minor: string; freeThreaded: boolean } | null {
  if (python === undefined) return null;
  const m = /^\s*(?:cp|py)?(\d+)\.?(\d+)(?:\.\d+)?\s*(t)?/i.exec(python);
  if (!m) return null;
  return { minor: `${Number(m[1])}.${Number(m[2])}`, freeThreaded: m[3] !== undefined };
}

function supportsPython(facts: ReleaseFacts, python: { minor: string; freeThreaded: boolean }, machine: Machine): boolean {
  if (python.freeThreaded) return freeThreadedFor(facts, machine.os, machine.arch).includes(python.minor);
  return pythonsFor(facts, machine.os, machine.arch).includes(python.minor);
}

/**
 * When the machine's Python rules out newer releases the version rules allow:
 * the reason saying so, and the words the warning needs.
 */
function pythonLimitOf(
  python: { minor: string; freeThreaded: boolean },
  onPlatform: LineMatch[],
  candidates: LineMatch[],
  machine: Machine,
  ruled: boolean,
): { reason: string; label: string; range: string } | null {
  const limit = candidates[0].facts.line;
  const excluded = onPlatform.filter((m) => compareLines(m.facts.line, limit) > 0);
  if (excluded.length === 0) return null;
  const label = `Python ${python.minor}${python.freeThreaded ? 't' : ''}`;
  const oldest = excluded[excluded.length - 1].facts.line;
  const newest = excluded[0].facts.line;
  // "and newer" only when nothing bounds the lines from above (no version rules).
  const span = ruled ? (oldest === newest ? `torch ${oldest} publishes` : `torch ${oldest}-${newest} publish`) : `torch ${oldest} and newer publish`;
  const wheels = python.freeThreaded ? 'free-threaded wheels' : 'wheels';
  const range = python.freeThreaded ? freeThreadedRange(excluded, machine) : pythonRange(excluded, machine);
  return { reason: `${label} limits torch to ${limit}: ${span} ${wheels} for ${range}.`, label, range };
}

function freeThreadedRange(lines: LineMatch[], machine: Machine): string {
  const all = [...new Set(lines.flatMap((m) => freeThreadedFor(m.facts, machine.os, machine.arch)))].sort(compare);
  return all.length === 0 ? 'no free-threaded Python' : `Python ${all.map((v) => `${v}t`).join(', ')}`;
}

function pythonRange(lines: LineMatch[], machine: Machine): string {
  const all = [...new Set(lines.flatMap((m) => pythonsFor(m.facts, machine.os, machine.arch)))].sort(compare);
  return all.length === 0 ? 'no Python' : `Python ${all[0]}-${all[all.length - 1]}`;
}

function platformProblem(os: string, arch: string, lines: LineMatch[]): string {
  const published = RELEASES.filter((r) => variantsFor(r, os as Machine['os'], arch as Machine['arch']).length > 0);
  const asked = describeLines(lines);
  if (os === 'macos' && arch === 'x86_64') return `Intel Macs (macOS x86_64) have wheels up to torch 2.2.2 only, and torch ${asked} was asked for: use torch-version 2.2 or older`;
  if (published.length === 0) return `PyTorch publishes no wheels for ${os}/${arch}`;
  return `PyTorch publishes ${os}/${arch} wheels for torch ${published[0].line}-${published[published.length - 1].line} only, and torch ${asked} was asked for`;
}

function describeLines(lines: LineMatch[]): string {
  if (lines.length === 0) return 'none';
  const sorted = [...lines].sort((a, b) => compareLines(a.facts.line, b.facts.line));
  return sorted.length === 1 ? sorted[0].facts.line : `${sorted[0].facts.line}-${sorted[sorted.length - 1].facts.line}`;
}

function describeRules(rules: { source: string; wants: string }[]): string {
  return rules.map((r) => (r.source === 'torch-version' ? `torch-version ${r.wants}` : `${r.wants} from ${r.source}`)).join('; ');
}

function indexUrlFor(request: PlanRequest, machine: Machine, variant: string): string | null {
  const base = request.indexBaseUrl;
  if (machine.os === 'macos') {
    // PyPI's default macOS wheels, except for pre-releases, which only the PyTorch index has
    // (its cpu folder holds the macOS arm64 wheels, MPS included).
    return request.channel === 'stable' ? null : joinIndexUrl(base, request.channel, 'cpu');
  }
  // Composed with the URL class: a query or fragment of the base stays after the path.
  return request.channel === 'stable' ? joinIndexUrl(base, variant) : joinIndexUrl(base, request.channel, variant);
}

/** The index base URL may hold credentials: keep it out of every sentence. */
function scrubbed(lines: string[], base: string): string[] {
  const b = base.replace(/\/+$/, '');
  return b.length < 4 ? lines : lines.map((l) => l.split(b).join('<index-base-url>'));
}
