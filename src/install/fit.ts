/**
 * Does the interpreter fit the plan? torchcraft.txt names wheels for one
 * Python minor version, OS and CPU; installing it into an interpreter that is
 * another of these can only fail late (pip: "no matching distribution") or,
 * worse, pull a build the plan never chose. Checked before anything installs,
 * from what inspectPython reported. Pure: no I/O.
 */
import { interpreterArch as probeArch } from '../detect/python-parse.js';
import type { Arch, Os } from '../machine.js';
import type { Plan } from '../plan/types.js';
import { ACTION_NAMES, type SettingNames } from '../setting-names.js';
import type { PythonInfo } from './types.js';

/** Where the plan's machine came from (InstallRequest's flags). */
export interface PlanSource {
  pythonVersionGiven?: boolean;
  machineGiven?: boolean;
}

/** "3.12" from the plan's Python ("3.12", "3.13t", "cp312", "312"); undefined when it says none or nothing readable. */
export function planPythonMinor(python: string | undefined): string | undefined {
  if (python === undefined) return undefined;
  // One digit for the major version, so "312" reads 3.12 (not 31.2).
  const m = /^\s*(?:cp|py)?(\d)\.?(\d+)/i.exec(python);
  return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}

/** The OS the interpreter was built for, in the plan's words; a raw sys.platform when it is none of them; undefined when unknown. */
export function interpreterOs(python: PythonInfo): Os | string | undefined {
  const p = python.sysPlatform?.trim().toLowerCase();
  if (!p) return undefined;
  if (p.startsWith('linux')) return 'linux';
  if (p === 'win32') return 'windows';
  if (p === 'darwin') return 'macos';
  return p;
}

/**
 * The CPU the interpreter runs as, in the plan's words, or what it reported
 * when that is neither; undefined when unknown. Detection's own rule
 * (src/detect/python-parse.ts), so the plan and this check never disagree:
 * on Windows the interpreter's build (sysconfig: win-amd64, win-arm64), as
 * for pip's wheel tags; elsewhere platform.machine(), which is the translated
 * CPU under Rosetta; a 32-bit interpreter takes no 64-bit wheel on any CPU.
 */
export function interpreterArch(python: PythonInfo): Arch | string | undefined {
  const bits = python.pointerBits === 32 || python.pointerBits === 64 ? python.pointerBits : undefined;
  const machine = python.machine?.trim() || undefined;
  const platform = interpreterOs(python) === 'windows' ? python.sysconfigPlatform?.trim() || undefined : undefined;
  const found = probeArch({ bits, machine, platform });
  return found.arch ?? found.reported;
}

/**
 * Why the plan does not fit the interpreter, as the step's error; undefined
 * when it fits or when the interpreter did not say enough to tell.
 */
export function planMismatchError(plan: Plan, python: PythonInfo, source: PlanSource = {}, names: SettingNames = ACTION_NAMES): string | undefined {
  const where = python.executable || python.command;
  const machine = plan.machine;
  const os = interpreterOs(python);
  const arch = interpreterArch(python);
  const osDiffers = os !== undefined && os !== machine.os;
  const archDiffers = arch !== undefined && arch !== machine.arch;
  if (osDiffers || archDiffers) {
    const theirs = `${os ?? machine.os}/${arch ?? machine.arch}`;
    if (source.machineGiven) {
      return (
        `The plan is for another machine: ${machine.os}/${machine.arch} (${names.name('machine')}), but the interpreter ${where} runs on ${theirs}. ` +
        `torchcraft.txt is meant for that machine: install it there, or leave ${names.name('machine')} empty to plan for this one.`
      );
    }
    return (
      `The plan is for ${machine.os}/${machine.arch} (this machine), but the interpreter ${where} is a ${theirs} build, so it cannot use the plan's wheels. ` +
      `Set ${names.name('python')} to a native ${machine.os}/${machine.arch} Python 3 interpreter.`
    );
  }

  const planned = planPythonMinor(machine.python);
  const actual = python.version;
  if (planned === undefined || actual === undefined || planned === actual) return undefined;
  const fix = `Set ${names.name('python')} to a ${planned} interpreter`;
  const wheels = `the plan's wheels are for ${planned}.`;
  if (source.pythonVersionGiven) {
    return `${capitalize(names.name('python-version'))} is ${planned} but the interpreter ${where} is Python ${actual}: ${wheels} ${fix}, or leave ${names.name('python-version')} empty to plan for the interpreter.`;
  }
  const said = source.machineGiven ? `The machine description (${names.name('machine')}) says Python ${planned}` : `The plan is for Python ${planned}`;
  return `${said} but the interpreter ${where} is Python ${actual}: ${wheels} ${fix}, or set ${names.set('python-version', actual)} to plan for the interpreter.`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
