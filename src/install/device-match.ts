/**
 * Which of the machine's GPUs each device torch reports is.
 *
 * torch numbers the devices it can see: with CUDA_VISIBLE_DEVICES (ROCm:
 * HIP_VISIBLE_DEVICES, ROCR_VISIBLE_DEVICES) only those, and CUDA's default
 * order is fastest first, not nvidia-smi's PCI bus order. So an index tells
 * nothing; names do. Assumed: torch's devices are some of the machine's GPUs of
 * the plan's vendor. Matched first by name (the n-th device of a name is the
 * n-th GPU of that name, in the machine's order), then by capability (CUDA
 * compute capability, ROCm gfx), then, when as many devices as GPUs are left,
 * by position. A device left over matches no GPU (the machine description came
 * from elsewhere, or names differ and counts do too).
 */
import type { Gpu } from '../machine.js';
import type { Plan } from '../plan/types.js';
import { parseGfx } from './arch-list.js';

export interface DeviceIdentity {
  name?: string;
  /** "8.9", or ROCm's gfx ("gfx90a", features allowed). */
  capability?: string;
}

/** For each device, the index into plan.machine.gpus it is, or undefined. */
export function matchDevices(plan: Plan, devices: readonly DeviceIdentity[]): (number | undefined)[] {
  const candidates = plan.machine.gpus.flatMap((g, i) => (g.vendor === plan.accelerator ? [i] : []));
  const taken = new Set<number>();
  const out: (number | undefined)[] = devices.map(() => undefined);
  const pass = (same: (d: DeviceIdentity, g: Gpu) => boolean): void => {
    devices.forEach((d, k) => {
      if (out[k] !== undefined) return;
      const hit = candidates.find((i) => !taken.has(i) && same(d, plan.machine.gpus[i]));
      if (hit !== undefined) {
        out[k] = hit;
        taken.add(hit);
      }
    });
  };
  pass((d, g) => d.name !== undefined && normalName(d.name) === normalName(g.name));
  pass((d, g) => sameCapability(d.capability, g));
  const leftDevices = out.flatMap((v, k) => (v === undefined ? [k] : []));
  const leftGpus = candidates.filter((i) => !taken.has(i));
  if (leftDevices.length > 0 && leftDevices.length === leftGpus.length) leftDevices.forEach((k, n) => (out[k] = leftGpus[n]));
  return out;
}

function normalName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

function sameCapability(capability: string | undefined, g: Gpu): boolean {
  if (capability === undefined) return false;
  if (g.vendor === 'nvidia') return g.computeCapability !== undefined && g.computeCapability.trim() === capability.trim();
  if (g.vendor === 'amd') {
    const a = parseGfx(capability);
    const b = parseGfx(g.gfx ?? '');
    return a !== null && b !== null && a.base === b.base;
  }
  return false;
}
