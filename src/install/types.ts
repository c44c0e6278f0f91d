/** What the install step is asked to do, and what it reports back to the action / CLI. */
import type { SettingNames } from '../setting-names.js';

export type InstallerChoice = 'auto' | 'pip' | 'uv';
export type Installer = 'pip' | 'uv';

export interface InstallRequest {
  /** Interpreter command or path (the caller picks the default: `python`, then `python3`). */
  python: string;
  installer: InstallerChoice;
  /** Extra attempts after the first, with growing waits, for failures worth retrying. */
  retries: number;
  verify: boolean;
  /** Fail when the plan found no usable GPU, or the installed torch cannot see it. */
  requireGpu: boolean;
  /** Absolute path of torchcraft.txt. */
  requirementsPath: string;
  env: NodeJS.ProcessEnv;
  /** Strings to scrub from anything logged or returned (from secretsInUrl). */
  secrets: string[];
  /** Base wait before the first retry; it doubles each time. Default 2000. */
  retryDelayMs?: number;
  /** Per attempt. Default 30 minutes. */
  timeoutMs?: number;
  /** Verification: how long each device's small operation may take. Default 60 s. */
  verifyDeviceTimeoutMs?: number;
  /** How advice names settings: the action's inputs (default) or the CLI's flags. */
  names?: SettingNames;
  /**
   * Where the plan's machine came from, so a plan that does not fit the
   * interpreter names the setting to change: python-version was given, a
   * machine description was given. Both absent: detected on this machine.
   */
  pythonVersionGiven?: boolean;
  machineGiven?: boolean;
}

export type Verification = 'passed' | 'mismatch' | 'skipped' | 'failed';

/** One device as the installed torch saw it, after a small operation was run on it. */
export interface DeviceCheck {
  /** torch's device index (torch.cuda / torch.xpu numbering; 0 for mps). */
  index: number;
  /** The runtime it was reached through: "cuda" (also ROCm), "xpu", "mps". */
  runtime: 'cuda' | 'xpu' | 'mps';
  name: string;
  /** What torch reports: "8.6" (CUDA), "gfx90a" (ROCm), absent when it cannot tell. */
  capability?: string;
  /** Whether the build's compiled arch list (torch.cuda.get_arch_list()) has code for it; absent when unknown. */
  inArchList?: boolean;
  /** Allocate, compute and synchronise worked on it. */
  passed: boolean;
  /** What failed, as torch said it ("no kernel image is available for execution on the device"). */
  error?: string;
}

export interface InstallOutcome {
  installer: Installer;
  attempts: number;
  installed: boolean;
  /** What the interpreter has afterwards: "2.14.1+cu126". */
  torchVersion?: string;
  gpuAvailable?: boolean;
  verification: Verification;
  /** Per device of the planned backend, when verification ran torch; absent otherwise. */
  devices?: DeviceCheck[];
  /**
   * Markdown lines for the job summary (free of secrets). Being replaced by the
   * structured fields below, which each renderer (job summary, terminal) formats itself.
   */
  summary: string[];
  /** The index the install used, credentials masked; "PyPI (the default index)" for none. */
  index?: string;
  /** When the installer failed: the end of its output (secrets scrubbed), for a details block. */
  installerOutput?: { title: string; lines: string[] };
  /** Each failed attempt that was retried: why, and the wait (secrets scrubbed). */
  retries?: string[];
  /** Verification: what held, and what did not, one plain sentence each (secrets scrubbed). */
  checks?: string[];
  problems?: string[];
  warnings: string[];
  /** Set when the step must fail: what failed and the fix. */
  error?: string;
}

/** What an interpreter told us about itself (inspectPython). */
export interface PythonInfo {
  /** The command as given. */
  command: string;
  /** The program could be started. */
  found: boolean;
  /** It answered our Python script. */
  isPython: boolean;
  /** "3.12" */
  version?: string;
  /** "3.12.4" */
  fullVersion?: string;
  /** sys.executable */
  executable?: string;
  /** sys.prefix differs from sys.base_prefix. */
  inVenv?: boolean;
  /** sys.platform: "linux", "win32", "darwin". */
  sysPlatform?: string;
  /** platform.machine(): "x86_64", "AMD64", "arm64", "aarch64". */
  machine?: string;
  /** sysconfig.get_platform(): "linux-x86_64", "win-amd64", "macosx-11.0-arm64". */
  sysconfigPlatform?: string;
  /** 64 or 32: the interpreter's own build, whatever the machine is. */
  pointerBits?: number;
  /** PEP 668: an EXTERNALLY-MANAGED file in sysconfig's stdlib folder of a non-venv interpreter. */
  externallyManaged?: boolean;
  /** The marker's own Error= text, when it has one. */
  externallyManagedMessage?: string;
  /** pip's version; absent when the interpreter has no pip. */
  pipVersion?: string;
  /** The installed torch distribution's version; absent when none. */
  torchVersion?: string;
  /** Why found/isPython is false, in words. */
  problem?: string;
}
