/**
 * The machine description: plain data produced by detection (or read from a
 * file the user wrote) and consumed by planning. Its JSON form is public and
 * stable: `torchcraft detect` prints it and `--machine FILE` / input `machine`
 * reads it back. Unknown fields are ignored on input.
 */
export type Os = 'linux' | 'windows' | 'macos';
export type Arch = 'x86_64' | 'aarch64';

export interface NvidiaGpu {
  vendor: 'nvidia';
  name: string;
  /** "8.6"; absent when the driver could not report it and the name did not tell. */
  computeCapability?: string;
  /** Driver version, "550.54.15". */
  driver?: string;
  /** The driver's own CUDA version ("12.4"), as nvidia-smi prints it. */
  cuda?: string;
}

export interface AmdGpu {
  vendor: 'amd';
  name: string;
  /** LLVM target, "gfx942". */
  gfx?: string;
}

export interface IntelGpu {
  vendor: 'intel';
  name: string;
  /** PCI device id, lower-case hex with 0x: "0x56a0". */
  deviceId?: string;
}

export interface AppleGpu {
  vendor: 'apple';
  name: string;
}

export type Gpu = NvidiaGpu | AmdGpu | IntelGpu | AppleGpu;
export type Vendor = Gpu['vendor'];

export interface Machine {
  os: Os;
  /** The architecture of the wheels to install: the interpreter's when Python was asked (an x86_64 Python on Apple Silicon gets x86_64). */
  arch: Arch;
  /** "3.12": the interpreter that will install. Absent: the plan skips Python checks. */
  python?: string;
  gpus: Gpu[];
  /** What detection tried and what failed, in words, for the summary. */
  notes: string[];
  /**
   * GPU tools that are there but did not answer (a hung nvidia-smi, a driver that
   * is not loaded, a failing rocminfo): a GPU may be present and unseen, so these
   * are shown as warnings, not buried in the notes. Absent when there are none.
   */
  warnings?: string[];
}

export const OSES: readonly Os[] = ['linux', 'windows', 'macos'];
export const ARCHES: readonly Arch[] = ['x86_64', 'aarch64'];
export const VENDORS: readonly Vendor[] = ['nvidia', 'amd', 'intel', 'apple'];
