/**
 * Whether ROCm builds run the machine's AMD GPUs: which GPUs must be covered
 * (an integrated GPU that no ROCm build targets does not block a discrete card),
 * and, when no build covers them, a sentence per GPU that blames each only for
 * what is true of it.
 */
import type { AmdGpu } from '../machine.js';
import { anyRocmBuildTargets, hsaOverrideFor, isIntegratedGfx, rocmGfxList } from '../data/rocm.js';
import { RELEASES, rocmOfVariant } from '../data/pytorch.js';
import { compare } from '@renovatebot/pep440';

/** The newest release in the data with a ROCm build listing the gfx, and its newest such build. */
export function newestRocmFor(gfx: string): { line: string; variant: string } | null {
  for (let i = RELEASES.length - 1; i >= 0; i--) {
    const r = RELEASES[i];
    const hits = r.rocm.filter((v) => rocmGfxList(v, r.line)?.includes(gfx)).sort((a, b) => compare(rocmOfVariant(b) ?? '0', rocmOfVariant(a) ?? '0'));
    if (hits.length > 0) return { line: r.line, variant: hits[0] };
  }
  return null;
}

/** One ROCm variant of one release, with its gfx list. */
export interface RocmOption {
  variant: string;
  line: string;
  gfx: readonly string[];
}

export interface AmdSplit {
  /** GPUs every planned ROCm build must list. */
  required: AmdGpu[];
  /** Integrated GPUs no ROCm build targets, beside a GPU that one may: left out, with a warning. */
  ignored: AmdGpu[];
}

/**
 * rocminfo lists a Ryzen's integrated GPU (gfx1036, gfx90c...) beside the discrete
 * card. No ROCm build targets those, so requiring them would rule out every build;
 * they are left out when another AMD GPU is there. Alone, they are what there is.
 */
export function splitAmd(gpus: readonly AmdGpu[]): AmdSplit {
  const untargetedIgpu = (g: AmdGpu): boolean => g.gfx !== undefined && isIntegratedGfx(g.gfx) && !anyRocmBuildTargets(g.gfx);
  const ignored = gpus.filter(untargetedIgpu);
  if (ignored.length === 0 || ignored.length === gpus.length) return { required: [...gpus], ignored: [] };
  return { required: gpus.filter((g) => !untargetedIgpu(g)), ignored };
}

export function amdLabel(g: AmdGpu): string {
  return `${g.name} (${g.gfx ?? 'gfx unknown'})`;
}

function names(gpus: readonly AmdGpu[]): string {
  return gpus.map((g) => g.name).join(', ');
}

/** The warning for an integrated GPU left out of the plan. */
export function ignoredIgpuWarning(g: AmdGpu, used: readonly AmdGpu[]): string {
  return (
    `${amdLabel(g)} is an integrated GPU that no ROCm build targets, so it is not used; torch may still list it as a device: ` +
    `set HIP_VISIBLE_DEVICES to the index of ${used.length > 1 ? 'the discrete cards' : used.map((u) => u.name).join('')} (torch.cuda.get_device_name(i) tells which is which) so torch uses only ${used.length > 1 ? 'those' : 'it'}.`
  );
}

function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/**
 * Why no ROCm build covers every required GPU, one sentence each. `options` are
 * the builds of the candidate releases, newest release and newest ROCm first;
 * `releases` names those releases ("2.2-2.14").
 */
export function explainNoRocm(gpus: readonly AmdGpu[], options: readonly RocmOption[], releases: string, latestVariant: string | undefined): string[] {
  const covering = (g: AmdGpu): RocmOption[] => options.filter((o) => o.gfx.includes(g.gfx as string));
  const nowhere = gpus.filter((g) => covering(g).length === 0);
  const somewhere = gpus.filter((g) => covering(g).length > 0);
  const out = nowhere.map((g) => {
    const gx = g.gfx as string;
    const hint = hsaOverrideFor(gx);
    const base = `${amdLabel(g)} is in no ROCm build of torch ${releases}`;
    // Another release in the data may target it (gfx950 from 2.10, gfx1103 from 2.13): name it.
    const other = newestRocmFor(gx);
    if (other) return `${base}; ${other.variant} of torch ${other.line} targets it: set torch-version ${other.line} (and backend ${other.variant} or auto) to use it.`;
    if (!hint) return `${base}; no fix is known.`;
    const shared = gpus.length > 1 ? ' (the variable applies to every AMD GPU the process sees)' : '';
    return `${base}. It often runs as ${hint.runsAs} with HSA_OVERRIDE_GFX_VERSION=${hint.override} (torchcraft does not set it): set backend ${latestVariant ?? 'to a rocm variant'} and export that variable to try${shared}.`;
  });
  if (somewhere.length === 0) return out;
  // The builds of the newest release that lists the GPU.
  const builds = (g: AmdGpu): string => {
    const line = covering(g)[0].line;
    return `${orList(covering(g).filter((o) => o.line === line).map((o) => o.variant))} of torch ${line}`;
  };
  if (nowhere.length === 0) {
    out.push(`No single ROCm build of torch ${releases} covers every AMD GPU here: ${somewhere.map((g) => `${amdLabel(g)} is in ${builds(g)}`).join(', ')}.`);
  } else {
    out.push(`${somewhere.map((g) => `${amdLabel(g)} is in ${builds(g)}`).join('; ')}.`);
  }
  const them = somewhere.length > 1 ? 'one of them' : names(somewhere);
  out.push(
    `To use ${them}, set HIP_VISIBLE_DEVICES to its index (torch.cuda.get_device_name(i) tells which is which) so torch sees only it, and set backend explicitly: ` +
      `${somewhere.map((g) => `backend ${covering(g)[0].variant} for ${g.name}`).join(', ')}.`,
  );
  return out;
}
