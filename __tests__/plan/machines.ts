/** Builders for Machine rows in the policy tests. */
import type { AmdGpu, AppleGpu, Arch, Gpu, IntelGpu, Machine, NvidiaGpu, Os } from '../../src/machine.js';
import type { PlanRequest } from '../../src/plan/types.js';

export function nv(name: string, computeCapability?: string, driver?: string, cuda?: string): NvidiaGpu {
  const g: NvidiaGpu = { vendor: 'nvidia', name };
  if (computeCapability !== undefined) g.computeCapability = computeCapability;
  if (driver !== undefined) g.driver = driver;
  if (cuda !== undefined) g.cuda = cuda;
  return g;
}

export function amd(name: string, gfx?: string): AmdGpu {
  return gfx === undefined ? { vendor: 'amd', name } : { vendor: 'amd', name, gfx };
}

export function intel(name: string, deviceId?: string): IntelGpu {
  return deviceId === undefined ? { vendor: 'intel', name } : { vendor: 'intel', name, deviceId };
}

export function apple(name: string): AppleGpu {
  return { vendor: 'apple', name };
}

export function machine(os: Os, arch: Arch, python: string | undefined, gpus: Gpu[]): Machine {
  const m: Machine = { os, arch, gpus, notes: [] };
  if (python !== undefined) m.python = python;
  return m;
}

export const BASE_URL = 'https://download.pytorch.org/whl';

export function request(overrides: Partial<PlanRequest> = {}): PlanRequest {
  return { backend: 'auto', torchVersion: '', packages: [], indexBaseUrl: BASE_URL, channel: 'stable', constraints: [], ...overrides };
}
