/**
 * The devices of the planned runtime, judged: what each is, whether the
 * build's arch list has code for it, whether the small operation ran, which of
 * the plan's served GPUs it is, and for a failure the sentence that names the
 * device and the fix. require-gpu is met when a served GPU passed.
 */
import type { Plan } from '../plan/types.js';
import type { SettingNames } from '../setting-names.js';
import { archListText, capabilityLabel, inArchList, parseGfx } from './arch-list.js';
import { deviceFix, type FailedDevice } from './device-advice.js';
import { matchDevices } from './device-match.js';
import type { DeviceCheck } from './types.js';
import { DEVICE_LIMIT, type RawDevice, type TorchReport } from './verify.js';

/** What CUDA and ROCm say when a build has no code for the device. */
const KERNEL_MISSING = /no kernel image is available for execution on the device|invalid device function|hipErrorNoBinaryForGpu|no binary for gpu/i;

export function isKernelImageError(error: string | undefined): boolean {
  return error !== undefined && KERNEL_MISSING.test(error);
}

export interface DeviceVerdict {
  devices: DeviceCheck[];
  /** A sentence per device that failed (or ran though the arch list lacks it): device, what, fix. */
  problems: string[];
  /** What held, a sentence each. */
  checks: string[];
  /** A device of the plan's served GPUs passed (require-gpu is met). */
  servedPassed: boolean;
  /** No device of the planned runtime was checked at all. */
  none: boolean;
}

/** One device as the log shows it, a line each: `cuda:1 "NVIDIA GeForce GTX 1080 Ti" sm_61, not in the arch list: failed: ...`. */
export function deviceLine(d: DeviceCheck, rocm: boolean): string {
  const where = d.runtime === 'mps' ? 'mps' : `${d.runtime}:${d.index}`;
  const cap = capabilityLabel(d.capability, rocm);
  const arch = d.inArchList === undefined ? '' : d.inArchList ? ', in the arch list' : ', not in the arch list';
  return `${where} ${JSON.stringify(d.name)}${cap ? ` ${cap}` : ''}${arch}: ${d.passed ? 'passed' : `failed: ${d.error ?? 'no result'}`}`;
}

/** A raw device, with what the report and the plan tell about it. */
export function toDeviceCheck(raw: RawDevice, report: Pick<TorchReport, 'hip' | 'archList'>, runtime: DeviceCheck['runtime'], plan: Plan): DeviceCheck {
  const rocm = report.hip !== null;
  const capability = rocm && raw.capability !== undefined ? (parseGfx(raw.capability)?.base ?? raw.capability) : raw.capability;
  // The full gcnArchName (features included) is what the arch list is compared with.
  const inList = inArchList(runtime, rocm, raw.capability, report.archList ?? [], { allowPtx: !plan.compatibilityMode });
  // In the interface's order, so the devices output reads the same way.
  return {
    index: raw.index,
    runtime,
    name: raw.name ?? `${runtime}:${raw.index}`,
    ...(capability !== undefined ? { capability } : {}),
    ...(inList !== undefined ? { inArchList: inList } : {}),
    passed: raw.passed,
    ...(raw.error !== undefined ? { error: raw.error } : {}),
  };
}

export function judgeDevices(plan: Plan, report: TorchReport, names: SettingNames): DeviceVerdict {
  const runtime = report.runtime;
  const problems: string[] = [];
  const checks: string[] = [];
  if (!runtime) return { devices: [], problems, checks, servedPassed: false, none: true };
  const rocm = report.hip !== null;
  const raw = report.devices ?? [];
  const devices = raw.map((r) => toDeviceCheck(r, report, runtime, plan));
  // MPS has one device and torch gives it no name: the machine's Apple GPU is it.
  const matched = matchDevices(plan, devices);
  devices.forEach((d, k) => {
    const gpu = matched[k] !== undefined ? plan.machine.gpus[matched[k]!] : undefined;
    if (runtime === 'mps' && gpu) d.name = gpu.name;
  });
  // Devices torch listed but never reported (the check was stopped): failed, saying so.
  const listed = report.deviceCount ?? raw.length;
  for (let i = raw.length; i < Math.min(listed, DEVICE_LIMIT); i++) {
    devices.push({ index: i, runtime, name: `${runtime}:${i}`, passed: false, error: `not checked: ${report.stopped ?? 'no result'}` });
    matched.push(undefined);
  }
  if (report.stopped && report.deviceCount === undefined) problems.push(`The ${runtime} devices were never listed: ${report.stopped}.`);
  if (report.deviceProblem) problems.push(`torch could not list its ${runtime} devices: ${report.deviceProblem}.`);

  const anyMatched = matched.some((m) => m !== undefined);
  const served = (k: number): boolean => {
    // No served GPUs named, or no device recognised as one of the machine's: any device of the runtime counts.
    if (plan.servedGpus.length === 0 || !anyMatched) return true;
    return matched[k] !== undefined && plan.servedGpus.includes(matched[k]!);
  };
  const asFailed = (k: number): FailedDevice => ({ name: devices[k].name, capability: raw[k]?.capability ?? devices[k].capability, gpu: matched[k] !== undefined ? plan.machine.gpus[matched[k]!] : undefined });
  const passedIdx = devices.flatMap((d, k) => (d.passed ? [k] : []));
  const archText = archListText(report.archList ?? []);
  devices.forEach((d, k) => {
    const label = `Device ${runtime === 'mps' ? 'mps' : `${runtime}:${d.index}`}, ${d.name}${d.capability ? ` (${capabilityLabel(d.capability, rocm)})` : ''}`;
    if (d.passed && d.inArchList !== false) {
      checks.push(`${label}: a small operation ran and synchronised${d.inArchList ? ', and the build has code for it' : ''}.`);
      return;
    }
    if (d.passed) {
      problems.push(`${label}: a small operation ran, but the build's arch list (${archText}) has no code for it, so other kernels may be missing.`);
      return;
    }
    const kernelMissing = isKernelImageError(d.error) || d.inArchList === false;
    const said = d.error ? `torch said ${JSON.stringify(d.error)}` : '';
    const what = kernelMissing
      ? `this ${plan.backend} build has no kernels for it (arch list ${archText}${said ? `; ${said}` : ''})`
      : raw[k]?.timedOut
        ? `a small operation on it ${d.error ?? 'did not finish'} (hung?)`
        : `a small operation on it failed (${said || 'no result'})`;
    const fix = deviceFix(asFailed(k), { plan, names, kernelMissing, othersPassed: passedIdx.filter((j) => j !== k).map(asFailed) });
    problems.push(`${label}: ${what}${fix ? `: ${fix}` : ''}.`);
  });
  if (devices.length > 0 && !anyMatched && plan.machine.gpus.some((g) => g.vendor === plan.accelerator)) {
    checks.push(`None of torch's ${devices.length} ${runtime} device${devices.length === 1 ? '' : 's'} could be matched to the machine's GPUs by name or count, so each counts as a GPU the plan serves.`);
  }
  if (listed > DEVICE_LIMIT) problems.push(`torch lists ${listed} ${runtime} devices; only the first ${DEVICE_LIMIT} were checked.`);
  return { devices, problems, checks, servedPassed: devices.some((d, k) => d.passed && served(k)), none: devices.length === 0 };
}
