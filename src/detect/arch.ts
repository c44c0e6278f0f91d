/**
 * Which architecture's wheels to plan for. pip installs wheels for the
 * interpreter that runs it, so when that interpreter answered, its
 * architecture decides: an x86_64 Python under Rosetta on Apple Silicon needs
 * x86_64 wheels (Intel-Mac rules), an x64 Python on Windows on Arm win_amd64
 * wheels, and an arm64 Python under an x64 node arm64 wheels. Without it, the
 * machine's own architecture (node's, seen through Rosetta) stands in.
 */
import type { Arch, Os } from '../machine.js';
import type { InterpreterFound } from './python.js';
import { interpreterArch } from './python-parse.js';

export interface ArchEvidence {
  os: Os;
  /** process.arch as given: "x64", "arm64". */
  processArch: string;
  /** node's arch mapped ("x86_64" for x64). */
  node: Arch;
  /** The Apple probe found Apple Silicon (natively or under Rosetta). */
  appleSilicon: boolean;
  /** The interpreter that answered the Python probe; absent when none did or none was asked. */
  interpreter?: InterpreterFound;
}

const EMULATION_HINT: Record<Os, string> = { macos: 'Rosetta?', windows: 'x64 emulation?', linux: 'emulated?' };

export function chooseArch(evidence: ArchEvidence): { arch: Arch; notes: string[] } {
  const machine: Arch = evidence.appleSilicon ? 'aarch64' : evidence.node;
  const interpreter = evidence.interpreter;
  if (interpreter === undefined) return { arch: machine, notes: [] };
  const found = interpreterArch(interpreter);
  if (found.arch === undefined) {
    const why = found.reported === undefined
      ? `${interpreter.name} did not say which architecture it runs as`
      : `${interpreter.name} runs as ${found.reported}, which torchcraft does not plan for`;
    return { arch: machine, notes: [`${why}: planning for ${machine} wheels, the machine's`] };
  }
  const arch = found.arch;
  if (arch === 'aarch64' && evidence.node === 'x86_64') {
    return { arch, notes: [`${interpreter.name} is an aarch64 interpreter while node runs as ${evidence.processArch}: planning for aarch64 wheels`] };
  }
  if (arch !== machine) {
    return { arch, notes: [`${interpreter.name} is an ${arch} interpreter on an ${machine} machine (${EMULATION_HINT[evidence.os]}): planning for ${arch} wheels`] };
  }
  return { arch, notes: [] };
}
