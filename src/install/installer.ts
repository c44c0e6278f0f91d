/**
 * Which installer runs, and its exact command line. `auto` takes uv when it
 * is on PATH (it is faster and the user put it there), else pip.
 *
 * Pre-releases: the install command itself passes `--pre` (pip) or
 * `--prerelease allow` (uv) from plan.prerelease, whatever torchcraft.txt says;
 * pip accepts the flag twice, and uv's own flag is certain to work where a
 * `--pre` line inside the file might not be honoured. *
 * uv gets the interpreter's own path (sys.executable, from inspectPython) and
 * never `--system`. uv reads a path given to `--python` as that interpreter
 * ("will install into the environment linked to the /path/to/python
 * interpreter", docs.astral.sh/uv/pip/environments), and for `uv pip install`
 * it accepts a non-venv interpreter when it was named by path (its
 * EnvironmentPreference::ExplicitSystem allows PythonSource::ProvidedPath). A
 * bare name such as `python3` is instead a request that uv resolves by its own
 * discovery, and `--system` makes uv skip every interpreter inside a virtual
 * environment: either could install somewhere other than where we verify.
 */
import { which } from '@actions/io';
import type { Installer, InstallerChoice, PythonInfo } from './types.js';
import { ACTION_NAMES, type SettingNames } from '../setting-names.js';

export interface InstallCommand {
  installer: Installer;
  command: string;
  args: string[];
}

export type InstallerPick = { ok: true; installer: Installer; uvPath?: string } | { ok: false; installer: Installer; error: string };

/** uv's path when it is on PATH, else undefined. */
export async function findUv(): Promise<string | undefined> {
  try {
    const found = await which('uv', false);
    return found === '' ? undefined : found;
  } catch {
    return undefined;
  }
}

export async function pickInstaller(
  choice: InstallerChoice,
  python: PythonInfo,
  lookUpUv: () => Promise<string | undefined> = findUv,
  names: SettingNames = ACTION_NAMES,
): Promise<InstallerPick> {
  const where = python.executable || python.command;
  const noPip = `The interpreter ${where} (${names.name('python')}) has no pip`;
  if (choice === 'pip') {
    if (python.pipVersion) return { ok: true, installer: 'pip' };
    return {
      ok: false,
      installer: 'pip',
      error: `${noPip}, and ${names.name('installer')} is pip. Fix: run "${where} -m ensurepip --upgrade", use a virtual environment or actions/setup-python, or set ${names.set('installer', 'uv')} with uv on PATH.`,
    };
  }
  const uvPath = await lookUpUv();
  if (choice === 'uv') {
    if (uvPath) return { ok: true, installer: 'uv', uvPath };
    return {
      ok: false,
      installer: 'uv',
      error: `${capitalize(names.name('installer'))} is uv, but uv is not on PATH. Fix: add astral-sh/setup-uv before this step (or install uv), or set ${names.set('installer', 'pip')} (or auto).`,
    };
  }
  if (uvPath) return { ok: true, installer: 'uv', uvPath };
  if (python.pipVersion) return { ok: true, installer: 'pip' };
  return {
    ok: false,
    installer: 'pip',
    error: `${noPip}, and uv is not on PATH (${names.name('installer')}: auto). Fix: run "${where} -m ensurepip --upgrade", use a virtual environment or actions/setup-python, or add astral-sh/setup-uv.`,
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export interface CommandOptions {
  /** The interpreter's own path (PythonInfo.executable), not the command as given. */
  python: string;
  requirementsPath: string;
  prerelease: boolean;
  /** uv's path (from pickInstaller). */
  uvPath?: string;
  /** pip: where its debug log goes (it says there why an index page was skipped). */
  pipLogFile?: string;
}

export function installCommand(installer: Installer, o: CommandOptions): InstallCommand {
  if (installer === 'uv') {
    return {
      installer,
      command: o.uvPath ?? 'uv',
      args: ['pip', 'install', '--python', o.python, ...(o.prerelease ? ['--prerelease', 'allow'] : []), '-r', o.requirementsPath],
    };
  }
  return {
    installer,
    command: o.python,
    args: [
      '-m',
      'pip',
      'install',
      // Never wait for a password prompt on a runner: a 401 must fail, not hang.
      '--no-input',
      '--disable-pip-version-check',
      ...(o.pipLogFile ? ['--log', o.pipLogFile] : []),
      ...(o.prerelease ? ['--pre'] : []),
      '-r',
      o.requirementsPath,
    ],
  };
}
