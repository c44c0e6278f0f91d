/**
 * Whether a build's compiled architectures (torch.cuda.get_arch_list()) have
 * code for a device, from what the installed torch itself reports: the arch
 * list of the build that is really there, not the one the data expects.
 *
 * CUDA (reference "GPU architectures compiled into each CUDA variant"): SASS
 * `sm_XY` runs on the same major with an equal or higher minor (sm_86 code runs
 * on 8.9, sm_120 on 12.1); PTX `compute_XY` is JIT-compiled by the driver for
 * that capability and any newer one. Arch-specific targets (`sm_90a`,
 * `compute_90a`) run on exactly that capability; family targets (`sm_100f`) on
 * the same major, as plain SASS does. In minor-version compatibility mode the
 * driver cannot JIT PTX from the newer toolkit, so PTX does not count there.
 *
 * ROCm: a build runs only on the gfx targets it lists (no PTX-like fallback).
 * torch reports a device as gcnArchName "gfx90a:sramecc+:xnack-" and lists
 * "gfx90a" (or, rarely, "gfx90a:xnack-"): the base names must be equal and
 * every feature the list entry pins must match the device's.
 */

export interface ArchListOptions {
  /** PTX entries count (false in CUDA minor-version compatibility mode). */
  allowPtx: boolean;
}

/** "8.9" -> [8, 9]; null when it is not a capability. */
export function parseCapability(capability: string | undefined): [number, number] | null {
  const m = /^\s*(\d{1,3})\.(\d{1,3})\s*$/.exec(capability ?? '');
  return m ? [Number(m[1]), Number(m[2])] : null;
}

interface CudaTarget {
  kind: 'sass' | 'ptx';
  major: number;
  minor: number;
  /** "" plain, "a" arch-specific, "f" family. */
  suffix: string;
}

/** "sm_120" -> sass 12.0, "compute_90a" -> ptx 9.0 arch-specific; null for anything else. */
export function parseCudaTarget(entry: string): CudaTarget | null {
  const m = /^(sm|compute)_(\d{2,4})([af]?)$/.exec(entry.trim());
  if (!m) return null;
  const digits = m[2];
  return { kind: m[1] === 'sm' ? 'sass' : 'ptx', major: Number(digits.slice(0, -1)), minor: Number(digits.slice(-1)), suffix: m[3] };
}

/** The gfx base name and its feature settings: "gfx90a:sramecc+:xnack-" -> gfx90a, {sramecc: "+", xnack: "-"}. */
export function parseGfx(name: string): { base: string; features: Map<string, string> } | null {
  const [base, ...rest] = name.trim().split(':');
  if (!/^gfx[0-9a-f]{2,5}$/i.test(base)) return null;
  const features = new Map<string, string>();
  for (const f of rest) {
    const m = /^([a-z0-9_-]+)([+-])$/i.exec(f);
    if (m) features.set(m[1].toLowerCase(), m[2]);
  }
  return { base: base.toLowerCase(), features };
}

function cudaCovers(target: CudaTarget, major: number, minor: number, o: ArchListOptions): boolean {
  if (target.suffix === 'a') return target.major === major && target.minor === minor && (target.kind === 'sass' || o.allowPtx);
  if (target.kind === 'sass') return target.major === major && target.minor <= minor;
  if (!o.allowPtx) return false;
  return target.major < major || (target.major === major && target.minor <= minor);
}

/**
 * Whether the arch list has code for the device: true, false, or undefined
 * when it cannot tell (no list, a capability it cannot read, or a runtime
 * without arch lists, such as XPU and MPS).
 */
export function inArchList(
  runtime: 'cuda' | 'xpu' | 'mps',
  rocm: boolean,
  capability: string | undefined,
  archList: readonly string[],
  o: ArchListOptions,
): boolean | undefined {
  if (runtime !== 'cuda' || archList.length === 0 || capability === undefined) return undefined;
  if (rocm) {
    const device = parseGfx(capability);
    const entries = archList.map(parseGfx).filter((e) => e !== null);
    if (!device || entries.length === 0) return undefined;
    return entries.some((e) => e.base === device.base && [...e.features].every(([k, v]) => (device.features.get(k) ?? v) === v));
  }
  const cap = parseCapability(capability);
  const targets = archList.map(parseCudaTarget).filter((t) => t !== null);
  if (!cap || targets.length === 0) return undefined;
  return targets.some((t) => cudaCovers(t, cap[0], cap[1], o));
}

/** How a device's capability reads in messages: "sm_61" (CUDA), "gfx90a" (ROCm), the text as given otherwise. */
export function capabilityLabel(capability: string | undefined, rocm: boolean): string | undefined {
  if (capability === undefined) return undefined;
  if (rocm) return parseGfx(capability)?.base ?? capability;
  const cap = parseCapability(capability);
  return cap ? `sm_${cap[0]}${cap[1]}` : capability;
}

/**
 * The arch list shortened for a message: CUDA SASS as its lowest..highest with
 * the PTX after it ("sm_75..sm_120, compute_120"); a short list whole.
 */
export function archListText(archList: readonly string[]): string {
  if (archList.length === 0) return 'empty';
  const sass = archList.filter((a) => parseCudaTarget(a)?.kind === 'sass');
  const rest = archList.filter((a) => !sass.includes(a));
  if (sass.length <= 3) return capped(archList);
  const order = (a: string): number => {
    const t = parseCudaTarget(a)!;
    return t.major * 100 + t.minor;
  };
  const sorted = [...sass].sort((a, b) => order(a) - order(b));
  return capped([`${sorted[0]}..${sorted[sorted.length - 1]}`, ...rest]);
}

/** A list from outside stays a short message: the first dozen, then how many more. */
function capped(items: readonly string[], max = 12): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
