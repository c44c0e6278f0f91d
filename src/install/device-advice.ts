/**
 * What would fix a device the installed build cannot run, from the data
 * (src/data) and the planning rules (src/plan), never guessed: another
 * variant of the planned release that covers the device (and the driver can
 * run), or an older release that does, or, for AMD, the override the data
 * knows; and hiding the device when other devices do run the build.
 */
import type { AmdGpu, Gpu, NvidiaGpu } from '../machine.js';
import type { Plan } from '../plan/types.js';
import { RELEASES, compareLines, groupOfVersion, lineOf, releaseFacts, variantsFor, type Platform, type ReleaseFacts } from '../data/pytorch.js';
import { hsaOverrideFor, rocmGfxList } from '../data/rocm.js';
import { driverInfo, evaluateCuda, pickCuda, releaseCoveringAll } from '../plan/nvidia.js';
import type { SettingNames } from '../setting-names.js';
import { parseGfx } from './arch-list.js';

export interface FailedDevice {
  /** What torch reported: "6.1", "gfx1031". */
  capability?: string;
  name: string;
  /** The machine's description of it, when matched. */
  gpu?: Gpu;
}

export interface AdviceContext {
  plan: Plan;
  names: SettingNames;
  /** The build has no code for the device (the kernel-image error, or the arch list says so). */
  kernelMissing: boolean;
  /** Other devices that ran the build: hiding this one leaves those. */
  othersPassed: FailedDevice[];
}

/** The fix, as a clause after "...: " ("set backend: cu126, or hide it with CUDA_VISIBLE_DEVICES"); undefined when the data knows none. */
export function deviceFix(device: FailedDevice, c: AdviceContext): string | undefined {
  const fixes: string[] = [];
  if (c.kernelMissing) {
    const build = c.plan.accelerator === 'nvidia' ? cudaFix(device, c) : c.plan.accelerator === 'amd' ? rocmFix(device, c) : undefined;
    if (build) fixes.push(build);
  }
  const hide = c.plan.accelerator === 'nvidia' ? 'CUDA_VISIBLE_DEVICES' : c.plan.accelerator === 'amd' ? 'HIP_VISIBLE_DEVICES' : undefined;
  if (hide && c.othersPassed.length > 0) fixes.push(`hide it with ${hide} (the other ${c.othersPassed.length === 1 ? 'GPU runs' : 'GPUs run'} this build)`);
  return fixes.length > 0 ? fixes.join(', or ') : undefined;
}

function platformOf(plan: Plan): Platform {
  return `${plan.machine.os}-${plan.machine.arch}` as Platform;
}

function asNvidia(d: FailedDevice, plan: Plan): NvidiaGpu {
  const known = d.gpu?.vendor === 'nvidia' ? d.gpu : undefined;
  const driver = plan.machine.gpus.find((g): g is NvidiaGpu => g.vendor === 'nvidia' && g.driver !== undefined);
  // torch saw the device: its capability outranks the description's.
  return { vendor: 'nvidia', name: d.name, computeCapability: d.capability ?? known?.computeCapability, driver: known?.driver ?? driver?.driver, cuda: known?.cuda ?? driver?.cuda };
}

function cudaFix(d: FailedDevice, c: AdviceContext): string | undefined {
  const { plan, names } = c;
  const facts = plannedFacts(plan);
  const platform = platformOf(plan);
  const me = asNvidia(d, plan);
  const driver = driverInfo(plan.machine.gpus.filter((g): g is NvidiaGpu => g.vendor === 'nvidia').concat(me));
  if (facts) {
    const options = evaluateCuda(facts, platform, plan.machine.os, [me], driver);
    const alone = pickCuda(options, driver);
    if (alone && alone.variant === plan.backend) {
      const other = pickCuda(options.filter((o) => o.variant !== plan.backend), driver);
      return (
        `torchcraft's data says ${plan.backend} of torch ${facts.line} covers it, but the installed build does not: the data or the build is wrong (please report it)` +
        (other ? `; set ${names.set('backend', other.variant)}, which covers it too` : '')
      );
    }
    if (alone) {
      const others = c.othersPassed.map((o) => asNvidia(o, plan));
      const all = others.length > 0 ? pickCuda(evaluateCuda(facts, platform, plan.machine.os, [me, ...others], driver), driver) : alone;
      if (all && all.variant !== plan.backend) return `set ${names.set('backend', all.variant)}${others.length > 0 ? ' (it covers the other GPUs here too)' : ''}`;
      return `set ${names.set('backend', alone.variant)} with only this GPU visible (no ${facts.line} build covers it and the others)`;
    }
  }
  const older = releaseCoveringAll([me], platform);
  if (older && (!facts || compareLines(older.line, facts.line) !== 0)) {
    return `set ${names.set('torch-version', older.line)} and ${names.set('backend', older.variant)} (the newest release with a build for it)`;
  }
  return undefined;
}

/** The facts of the planned torch: its exact version's patch group when torch is pinned to one (2.12.1 has cu129, 2.12.0 not). */
function plannedFacts(plan: Plan): ReleaseFacts | null {
  const line = releaseFacts(lineOf(plan.release));
  const exact = /^===?\s*(\d+\.\d+\.\d+)\s*$/.exec(plan.packages.find((p) => p.name === 'torch')?.specifier ?? '')?.[1];
  return line && exact ? groupOfVersion(line, exact) : line;
}

function rocmFix(d: FailedDevice, c: AdviceContext): string | undefined {
  const { plan, names } = c;
  const gfx = parseGfx(d.capability ?? (d.gpu?.vendor === 'amd' ? ((d.gpu as AmdGpu).gfx ?? '') : ''))?.base;
  if (!gfx) return undefined;
  const { os, arch } = plan.machine;
  const line = lineOf(plan.release);
  const lists = (l: string): string[] => variantsFor(l, os, arch).filter((v) => v.startsWith('rocm') && (rocmGfxList(v, l) ?? []).includes(gfx));
  const here = lists(line);
  if (here.includes(plan.backend)) {
    const other = here.filter((v) => v !== plan.backend).at(-1);
    return (
      `torchcraft's data says ${plan.backend} of torch ${line} lists ${gfx}, but the installed build does not: the data or the build is wrong (please report it)` +
      (other ? `; set ${names.set('backend', other)}, which lists it too` : '')
    );
  }
  if (here.length > 0) return `set ${names.set('backend', here[here.length - 1])}`;
  const hint = hsaOverrideFor(gfx);
  if (hint) {
    return `it often runs as ${hint.runsAs} with HSA_OVERRIDE_GFX_VERSION=${hint.override} (torchcraft does not set it): export that variable to try (it applies to every AMD GPU the process sees)`;
  }
  for (let i = RELEASES.length - 1; i >= 0; i--) {
    const found = lists(RELEASES[i].line);
    if (found.length > 0 && RELEASES[i].line !== line) {
      return `set ${names.set('torch-version', RELEASES[i].line)} and ${names.set('backend', found[found.length - 1])} (the newest release with a build for it)`;
    }
  }
  return undefined;
}
