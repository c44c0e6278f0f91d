/**
 * Machine detection: probes the OS, arch, Python and GPUs and reports them as
 * plain data (src/machine.ts). No policy here: names, capabilities, driver
 * versions, gfx names and PCI ids only. Probes run concurrently under one time
 * budget; every failure becomes a note, and nothing but an unsupported
 * platform or arch throws.
 */
import { VENDORS, type AmdGpu, type Arch, type Gpu, type IntelGpu, type Machine, type NvidiaGpu, type Os } from '../machine.js';
import { probeAmd } from './amd.js';
import { probeApple } from './apple.js';
import { chooseArch } from './arch.js';
import { ProbeContext } from './context.js';
import { probeNvidia } from './nvidia.js';
import { computeCapabilityFromName } from './nvidia-names.js';
import { listPciDisplayDevices } from './pci.js';
import { pciGpuName } from './pci-names.js';
import { formatPciId, PCI_VENDOR_AMD, PCI_VENDOR_INTEL, PCI_VENDOR_NVIDIA, type PciDevice } from './pci-parse.js';
import { probePython, type PythonProbe } from './python.js';
import { probeWindowsVideo } from './windows.js';
import { nvidiaDriverFromWindowsVersion, type VideoController } from './windows-video-parse.js';

export interface DetectOptions {
  /** process.platform */
  platform: NodeJS.Platform;
  /** process.arch ('x64' | 'arm64' ...) */
  arch: string;
  /** PATH (and PATHEXT, SystemRoot, ProgramFiles on Windows) used to find tools. */
  env: NodeJS.ProcessEnv;
  /** '/' in production; tests point it at a fixture tree holding proc/, sys/, usr/lib/wsl/lib/, opt/rocm/ ... */
  fsRoot: string;
  /** The whole detection resolves within about this (plus ~2 s); hung tools are killed. */
  timeoutMs: number;
  /** Interpreter to ask for its version and architecture; undefined = try `python` then `python3` on PATH. */
  python?: string;
  /** Already known ("3.12"): Python is not probed, and the arch is the machine's (node's, seen through Rosetta). */
  pythonVersion?: string;
}

/** After the deadline, how long to wait for probes to wind down (runTool's kill grace is 1 s). */
const GRACE_MS = 1500;

export function osOf(platform: string): Os {
  if (platform === 'linux') return 'linux';
  if (platform === 'win32') return 'windows';
  if (platform === 'darwin') return 'macos';
  throw new Error(`torchcraft cannot detect this machine: platform ${JSON.stringify(platform)} is not supported (linux, win32 or darwin)`);
}

export function archOf(arch: string): Arch {
  if (arch === 'x64') return 'x86_64';
  if (arch === 'arm64') return 'aarch64';
  throw new Error(`torchcraft cannot detect this machine: arch ${JSON.stringify(arch)} is not supported (x64 or arm64)`);
}

export async function detectMachine(options: DetectOptions): Promise<Machine> {
  const os = osOf(options.platform);
  const nodeArch = archOf(options.arch);
  const ctx = new ProbeContext(options.platform, options.env, options.fsRoot, options.timeoutMs);
  const settle = <T extends Noted>(what: string, probe: Promise<T>, empty: T): Promise<T> => withinDeadline(ctx, what, probe, empty);

  const [python, nvidia, amd, pci, windows, apple] = await Promise.all([
    options.pythonVersion !== undefined
      ? Promise.resolve<PythonProbe>({ python: options.pythonVersion, notes: [] })
      : settle<PythonProbe>('the Python probe', probePython(ctx, options.python), { notes: [] }),
    settle('the NVIDIA probe', probeNvidia(ctx), { gpus: [] as NvidiaGpu[], notes: [], troubles: [] }),
    settle('the AMD probe', probeAmd(ctx), { gpus: [] as AmdGpu[], notes: [], troubles: [] }),
    settle('the PCI scan', listPciDisplayDevices(ctx).then((devices) => ({ devices, notes: [] })), { devices: [] as PciDevice[], notes: [] }),
    settle('the video controller query', probeWindowsVideo(ctx), { controllers: [] as VideoController[], notes: [], troubles: [] }),
    settle('the Apple probe', probeApple(ctx, options.arch), { appleSilicon: false, gpus: [], notes: [] }),
  ]);

  const notes: string[] = [...nvidia.notes, ...amd.notes, ...pci.notes, ...windows.notes, ...apple.notes];
  const gpus: Gpu[] = [...nvidia.gpus, ...amd.gpus];
  for (const device of pci.devices) gpus.push(...fromPci(device, nvidia.gpus.length > 0, amd.gpus.length > 0, notes));
  for (const controller of windows.controllers) gpus.push(...fromVideoController(controller, nvidia.gpus.length > 0, notes));
  gpus.push(...apple.gpus);
  notes.push(...python.notes);
  // The interpreter that installs decides the wheels' arch (an x86_64 Python under Rosetta still lists the Apple GPU: policy applies Intel-Mac rules).
  const { arch, notes: archNotes } = chooseArch({ os, processArch: options.arch, node: nodeArch, appleSilicon: apple.appleSilicon, interpreter: python.interpreter });
  notes.push(...archNotes);
  if (gpus.length === 0) notes.push('no GPU found');
  const warnings = [...nvidia.troubles, ...amd.troubles, ...windows.troubles];

  // One order whatever the source: NVIDIA, AMD, Intel, Apple (stable within a vendor).
  gpus.sort((a, b) => VENDORS.indexOf(a.vendor) - VENDORS.indexOf(b.vendor));
  // Field order as in the documented JSON form: os, arch, python, gpus, notes (warnings only when there are some).
  return {
    os,
    arch,
    ...(python.python !== undefined ? { python: python.python } : {}),
    gpus,
    notes,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

interface Noted {
  notes: string[];
  /** Set by the GPU probes: a tool that is there but failed. */
  troubles?: string[];
}

/** A probe's result, or `empty` with a note if it has not finished shortly after the deadline. */
function withinDeadline<T extends Noted>(ctx: ProbeContext, what: string, probe: Promise<T>, empty: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    // A GPU probe still running at the deadline is stuck on a tool: a trouble, not a note.
    const lateNote = `${what} did not finish in time`;
    timer = setTimeout(() => resolve('troubles' in empty ? { ...empty, troubles: [lateNote] } : { ...empty, notes: [lateNote] }), Math.max(0, ctx.deadline - Date.now()) + GRACE_MS);
    timer.unref();
  });
  // A probe should never reject; if one does, that bug becomes a note, not a crash.
  const safe = probe.catch((e: unknown): T => ({ ...empty, notes: [`${what} failed: ${String(e)}`] }));
  return Promise.race([safe, late]).finally(() => clearTimeout(timer));
}

/**
 * A PCI display device as a GPU: every Intel one (policy decides which can run
 * XPU builds, from the id), and NVIDIA or AMD ones only when their own probe
 * found nothing, so a GPU without its driver or tools is still seen.
 */
function fromPci(device: PciDevice, haveNvidia: boolean, haveAmd: boolean, notes: string[]): Gpu[] {
  const name = pciGpuName(device.vendor, device.device);
  if (device.vendor === PCI_VENDOR_INTEL) return [{ vendor: 'intel', name, deviceId: formatPciId(device.device) } satisfies IntelGpu];
  if (device.vendor === PCI_VENDOR_NVIDIA && !haveNvidia) {
    notes.push(`${name} is on the PCI bus but no NVIDIA driver answered: driver version unknown`);
    return [{ vendor: 'nvidia', name }];
  }
  if (device.vendor === PCI_VENDOR_AMD && !haveAmd) {
    notes.push(`${name} is on the PCI bus but neither ROCm nor the kernel's kfd topology names its gfx target`);
    return [{ vendor: 'amd', name }];
  }
  return [];
}

/** A Windows video controller as a GPU: Intel and AMD always, NVIDIA when nvidia-smi gave nothing. */
function fromVideoController(controller: VideoController, haveNvidia: boolean, notes: string[]): Gpu[] {
  if (controller.vendor === PCI_VENDOR_INTEL) {
    const gpu: IntelGpu = { vendor: 'intel', name: controller.name };
    if (controller.device !== undefined) gpu.deviceId = formatPciId(controller.device);
    return [gpu];
  }
  if (controller.vendor === PCI_VENDOR_AMD) return [{ vendor: 'amd', name: controller.name }];
  if (controller.vendor === PCI_VENDOR_NVIDIA && !haveNvidia) {
    const gpu: NvidiaGpu = { vendor: 'nvidia', name: controller.name };
    const capability = computeCapabilityFromName(controller.name);
    if (capability !== undefined) gpu.computeCapability = capability;
    const driver = controller.driverVersion === undefined ? undefined : nvidiaDriverFromWindowsVersion(controller.driverVersion);
    if (driver !== undefined) gpu.driver = driver;
    notes.push(`${controller.name} listed by Windows but nvidia-smi gave nothing: driver ${driver ?? 'unknown'} read from Win32_VideoController, CUDA version unknown`);
    return [gpu];
  }
  return [];
}
