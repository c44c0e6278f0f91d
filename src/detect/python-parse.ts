/**
 * What the Python probe's one run printed: the interpreter's version and the
 * architecture it runs as. pip picks wheels for the interpreter, not for node,
 * so an x86_64 Python under Rosetta or x64 emulation needs x86_64 wheels even
 * on an arm64 machine, and the reverse.
 */
import type { Arch } from '../machine.js';
import { linesOf } from './text.js';

/** The line the probe script prints; anything else in the output (a noisy sitecustomize) is ignored. */
export const PROBE_MARKER = 'torchcraft-python';

/**
 * One run, one line: `torchcraft-python|3.12|64|arm64|` (Windows: `...|64|ARM64|win-amd64`):
 * version, pointer size, platform.machine(), and on Windows sysconfig.get_platform().
 * platform.machine() is what pip's tags use on macOS and Linux (it is the
 * running slice of a universal2 binary, and x86_64 under Rosetta). On Windows
 * it is not: it reads the CPU (WMI, Python 3.12+) or PROCESSOR_ARCHITEW6432,
 * so an x64 Python on Windows on Arm says ARM64; sysconfig.get_platform()
 * comes from the interpreter's own build ("win-amd64") and pip uses that
 * there. sysconfig is imported on Windows only: elsewhere it is not needed.
 * The pointer size catches a 32-bit interpreter on a 64-bit kernel (a 32-bit
 * Raspberry Pi OS says aarch64), which takes no 64-bit wheel.
 */
export const PROBE_SCRIPT =
  'import sys, os; ' +
  `print("|".join(["${PROBE_MARKER}", "%d.%d" % sys.version_info[:2], "64" if sys.maxsize > 2**32 else "32", ` +
  // os.uname().machine is what platform.machine() returns on POSIX, without importing
  // platform (and what it imports); Windows has no uname, and there platform is needed.
  `os.uname().machine if hasattr(os, "uname") else __import__("platform").machine(), ` +
  `__import__("sysconfig").get_platform() if sys.platform == "win32" else ""]))`;

export interface PythonProbeOutput {
  /** "3.12" */
  version?: string;
  /** Pointer size, 64 or 32. */
  bits?: 32 | 64;
  /** platform.machine(): "x86_64", "AMD64", "arm64", "aarch64"; absent when empty or odd. */
  machine?: string;
  /** sysconfig.get_platform() on Windows: "win-amd64", "win-arm64", "win32"; absent elsewhere, or when odd. */
  platform?: string;
}

/** "3.12" from the interpreter's output, or undefined. */
export function parsePythonVersion(text: string): string | undefined {
  const m = /^\s*(\d{1,2})\.(\d{1,3})\s*$/.exec(String(text).slice(0, 200));
  return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}

/** A machine or platform name as printed: short, no spaces or quotes (it goes into notes). */
const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** The probe line's fields; {} when no line carries the marker and a version. Never throws. */
export function parsePythonProbe(text: string): PythonProbeOutput {
  for (const line of linesOf(text)) {
    const fields = line.trim().split('|');
    if (fields[0] !== PROBE_MARKER || fields.length !== 5) continue;
    const version = parsePythonVersion(fields[1]);
    if (version === undefined) continue;
    const out: PythonProbeOutput = { version };
    const bits = fields[2].trim();
    const machine = fields[3].trim();
    const platform = fields[4].trim();
    if (bits === '64' || bits === '32') out.bits = bits === '64' ? 64 : 32;
    if (NAME.test(machine)) out.machine = machine;
    if (NAME.test(platform)) out.platform = platform;
    return out;
  }
  return {};
}

/** What the interpreter runs as: a wheel arch, or only the name it gave (for a note). */
export interface InterpreterArch {
  arch?: Arch;
  /** The name it reported, "AMD64", "win32", "i686"; absent when it reported nothing usable. */
  reported?: string;
}

const WINDOWS_PLATFORMS: Record<string, Arch | undefined> = { 'win-amd64': 'x86_64', 'win-arm64': 'aarch64', win32: undefined, 'win-arm32': undefined };
const MACHINES: Record<string, Arch> = { x86_64: 'x86_64', amd64: 'x86_64', x64: 'x86_64', arm64: 'aarch64', aarch64: 'aarch64' };

/**
 * The interpreter's architecture: on Windows from its build (sysconfig's
 * win-amd64 / win-arm64 / win32), elsewhere from platform.machine(); none for
 * a 32-bit interpreter, whatever the CPU.
 */
export function interpreterArch(output: PythonProbeOutput): InterpreterArch {
  if (output.bits === 32) return { reported: `${output.platform ?? output.machine ?? 'an unknown CPU'} (a 32-bit interpreter)` };
  const platform = output.platform?.toLowerCase();
  if (platform !== undefined && Object.hasOwn(WINDOWS_PLATFORMS, platform)) {
    const arch = WINDOWS_PLATFORMS[platform];
    return arch !== undefined ? { arch, reported: output.platform } : { reported: output.platform };
  }
  if (output.machine === undefined) return {};
  const lower = output.machine.toLowerCase();
  return Object.hasOwn(MACHINES, lower) ? { arch: MACHINES[lower], reported: output.machine } : { reported: output.machine };
}
